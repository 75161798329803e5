import { Injectable } from '@nestjs/common';
import type { AiUsageStats as AiUsageStatsResponse } from '@dawg/contracts';
import { AiUsageRepository } from './ai-usage.repository';

const DAY_MS = 86_400_000;

@Injectable()
export class AiUsageService {
  constructor(private readonly repository: AiUsageRepository) {}

  /** Spend over the last `days` UTC days, today included. */
  async stats(days: number, now = new Date()): Promise<AiUsageStatsResponse> {
    const from = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS - (days - 1) * DAY_MS);
    const rows = await this.repository.dailyByProvider(from);
    // Summed in micro-dollars: numeric(12,6) is exact there, floating point is not.
    const micros = (usd: string) => Math.round(Number(usd) * 1e6);
    const total = rows.reduce((sum, r) => sum + micros(r.costUsd), 0);
    return {
      days,
      from: from.toISOString().slice(0, 10),
      costByProviderPerDay: rows.map((r) => ({ ...r, costUsd: micros(r.costUsd) / 1e6 })),
      totalCostUsd: total / 1e6,
    };
  }
}
