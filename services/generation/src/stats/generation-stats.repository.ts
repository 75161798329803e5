import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { GenerationJobEntity } from '@dawg/db';

export interface JobCounts {
  byStatus: Array<{ status: string; count: number }>;
  createdLast24h: number;
}

/** Reads of generation_jobs for statistics. */
@Injectable()
export class GenerationStatsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async counts(): Promise<JobCounts> {
    const jobs = this.db.getRepository(GenerationJobEntity);
    const [byStatus, recent] = await Promise.all([
      jobs.createQueryBuilder('j').select('j.status', 'status').addSelect('count(*)::int', 'count').groupBy('j.status').getRawMany<{ status: string; count: number }>(),
      jobs.createQueryBuilder('j').select('count(*)::int', 'count').where(`j.created_at > now() - interval '24 hours'`).getRawOne<{ count: number }>(),
    ]);
    return { byStatus, createdLast24h: recent?.count ?? 0 };
  }
}
