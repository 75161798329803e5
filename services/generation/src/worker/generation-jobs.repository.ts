import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { GenerationJobData, GenerationResult } from '@dawg/contracts';
import { GenerationJobEntity, type GenerationJobStatus } from '@dawg/db';

/**
 * generation_jobs rows, keyed by the queue's job id, so every write is an
 * upsert: a retried or taken-over job updates the same row, never adds one.
 */
@Injectable()
export class GenerationJobsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private get rows() {
    return this.db.getRepository(GenerationJobEntity);
  }

  find(jobId: string): Promise<GenerationJobEntity | null> {
    return this.rows.findOneBy({ id: jobId });
  }

  /** Inserts the row on a job's first start; on a later attempt, marks the same row running again. */
  async started(jobId: string, data: GenerationJobData, attempts: number): Promise<void> {
    await this.rows.upsert(
      {
        id: jobId,
        userId: data.userId,
        projectId: data.params.projectId ?? null,
        kind: data.kind,
        params: { ...data.params, seed: data.seed, ...(data.source ? { sourceJobId: data.source.jobId } : {}) },
        status: 'running',
        stage: 'compose',
        progress: 0,
        error: null,
        attempts,
        startedAt: new Date(),
        finishedAt: null,
      },
      { conflictPaths: ['id'] },
    );
  }

  async progress(jobId: string, stage: string, percent: number): Promise<void> {
    await this.rows.update({ id: jobId, status: 'running' }, { stage, progress: percent / 100 });
  }

  async succeeded(jobId: string, result: GenerationResult): Promise<void> {
    await this.rows.update({ id: jobId }, { status: 'succeeded', stage: 'done', progress: 1, result, error: null, finishedAt: new Date() });
  }

  /** `queued` when the job will be retried, else `failed` or `cancelled`. */
  async stopped(jobId: string, status: Extract<GenerationJobStatus, 'queued' | 'failed' | 'cancelled'>, error: string): Promise<void> {
    await this.rows.update({ id: jobId }, { status, error, finishedAt: status === 'queued' ? null : new Date() });
  }
}
