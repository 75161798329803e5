import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface DailyProviderUsage {
  day: string;
  provider: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** numeric, as Postgres prints it. */
  costUsd: string;
}

/** Reads of ai_usage (AiUsageEntity) for statistics. */
@Injectable()
export class AiUsageRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Usage per UTC day and provider since `from` (a UTC midnight), oldest day first. */
  async dailyByProvider(from: Date): Promise<DailyProviderUsage[]> {
    const rows = (await this.db.query(
      `SELECT to_char(date_trunc('day', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day,
              provider,
              count(*)::int AS calls,
              sum(input_tokens)::bigint::text AS "inputTokens",
              sum(output_tokens)::bigint::text AS "outputTokens",
              sum(cost_usd)::text AS "costUsd"
         FROM ai_usage
        WHERE created_at >= $1
        GROUP BY 1, 2
        ORDER BY 1, 2`,
      [from],
    )) as Array<Omit<DailyProviderUsage, 'inputTokens' | 'outputTokens'> & { inputTokens: string; outputTokens: string }>;
    // Token sums are bigint in SQL; a day's sum stays far below 2^53.
    return rows.map((r) => ({ ...r, inputTokens: Number(r.inputTokens), outputTokens: Number(r.outputTokens) }));
  }
}
