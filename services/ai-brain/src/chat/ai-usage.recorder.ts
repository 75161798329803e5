import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Counter } from 'prom-client';
import { DataSource } from 'typeorm';
import { AiUsageEntity } from '@dawg/db';
import { Metrics } from '@dawg/platform';

export interface ModelCall {
  userId: string;
  conversationId: string;
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  requestId: string;
}

/**
 * Every model call: a row in ai_usage (cost per provider per day for
 * operators) and Prometheus counters (tokens, cost and calls by provider and
 * model, for the AI cost dashboard).
 */
@Injectable()
export class AiUsageRecorder {
  private readonly tokens: Counter<'provider' | 'model' | 'direction'>;
  private readonly cost: Counter<'provider' | 'model'>;
  private readonly calls: Counter<'provider' | 'outcome'>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    metrics: Metrics,
  ) {
    const registers = [metrics.registry];
    this.tokens = new Counter({ name: 'ai_tokens_total', help: 'LLM tokens by provider, model and direction (input, output).', labelNames: ['provider', 'model', 'direction'], registers });
    this.cost = new Counter({ name: 'ai_cost_usd_total', help: 'LLM spend in US dollars by provider and model, from the price table.', labelNames: ['provider', 'model'], registers });
    this.calls = new Counter({
      name: 'ai_requests_total',
      help: 'Assistant model calls by the provider that answered and outcome (answered, cancelled), and providers passed over (fallback).',
      labelNames: ['provider', 'outcome'],
      registers,
    });
  }

  async record(call: ModelCall, outcome: 'answered' | 'cancelled'): Promise<void> {
    this.calls.inc({ provider: call.provider, outcome });
    this.tokens.inc({ provider: call.provider, model: call.model, direction: 'input' }, call.inputTokens);
    this.tokens.inc({ provider: call.provider, model: call.model, direction: 'output' }, call.outputTokens);
    this.cost.inc({ provider: call.provider, model: call.model }, call.costUsd);
    const rows = this.db.getRepository(AiUsageEntity);
    await rows.insert(
      rows.create({
        userId: call.userId,
        conversationId: call.conversationId,
        provider: call.provider,
        model: call.model,
        inputTokens: call.inputTokens,
        outputTokens: call.outputTokens,
        costUsd: call.costUsd.toFixed(6),
        requestId: call.requestId,
      }),
    );
  }

  fellBack(provider: string): void {
    this.calls.inc({ provider, outcome: 'fallback' });
  }
}
