import { Injectable } from '@nestjs/common';
import { GENERATION_JOB_STATUSES, type GenerationJobStatus } from '@dawg/db';
import type { GenerationStats as GenerationStatsResponse } from '@dawg/contracts';
import { GenerationStatsRepository } from './generation-stats.repository';

@Injectable()
export class GenerationStatsService {
  constructor(private readonly repository: GenerationStatsRepository) {}

  async stats(): Promise<GenerationStatsResponse> {
    const { byStatus, createdLast24h } = await this.repository.counts();
    const jobsByStatus = Object.fromEntries(GENERATION_JOB_STATUSES.map((s) => [s, 0])) as Record<GenerationJobStatus, number>;
    for (const row of byStatus) if (row.status in jobsByStatus) jobsByStatus[row.status as GenerationJobStatus] = row.count;
    return { jobsByStatus, total: Object.values(jobsByStatus).reduce((a, b) => a + b, 0), createdLast24h };
  }
}
