import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { type Job, type JobState, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { GENERATION_QUEUE, type GenerationJobData, type GenerationKind, type GenerationResult } from '@dawg/contracts';
import { AppError, createQueueRedis, generationCancelKey, PLATFORM_ENV, type PlatformEnv, queuePrefix, REDIS_CLIENT } from '@dawg/platform';
import { GENERATION_QUEUE_SETTINGS, type GenerationQueueSettings } from './generation.tokens';

export type GenerationJob = Job<GenerationJobData, GenerationResult, GenerationKind>;
/** A state the queue holds a job in, in BullMQ's words (waiting, active, completed, failed, ...). */
export type QueueJobState = JobState;

/** What is kept of a job cancelled before a worker took it (the job itself is removed from the queue). */
export interface CancelledRecord {
  userId: string;
  kind: GenerationKind;
  seed: number;
  createdAt: number;
}

const CANCEL_TTL_SECONDS = 7 * 24 * 3600;
const DAY = 24 * 3600;

/** The generation queue, as the api sees it: enqueue, read, cancel. All Redis I/O of generation requests is here. */
@Injectable()
export class GenerationQueueRepository implements OnModuleDestroy {
  private readonly queue: Queue<GenerationJobData, GenerationResult, GenerationKind>;
  private readonly connection: Redis;

  constructor(
    @Inject(GENERATION_QUEUE_SETTINGS) private readonly settings: GenerationQueueSettings,
    @Inject(PLATFORM_ENV) private readonly env: PlatformEnv,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
  ) {
    this.connection = createQueueRedis(env.REDIS_URL, 'dawg-generation-producer', 'producer');
    this.queue = new Queue(GENERATION_QUEUE, {
      connection: this.connection,
      prefix: queuePrefix(env.REDIS_KEY_PREFIX),
    });
    this.queue.on('error', () => undefined);
  }

  async enqueue(jobId: string, data: GenerationJobData): Promise<void> {
    await this.unavailableOnRedisError(() =>
      this.queue.add(data.kind, data, {
        jobId,
        attempts: this.settings.attempts,
        backoff: { type: 'exponential', delay: this.settings.backoffMs },
        // Finished jobs stay readable through /generate/status for a week (failed ones, the dead letters, a month).
        removeOnComplete: { age: 7 * DAY },
        removeOnFail: { age: 30 * DAY },
      }),
    );
  }

  find(jobId: string): Promise<GenerationJob | undefined> {
    return this.unavailableOnRedisError(() => this.queue.getJob(jobId));
  }

  state(job: GenerationJob): Promise<string> {
    return this.unavailableOnRedisError(() => job.getState());
  }

  /** Claims a job id for one request (an Idempotency-Key's first use); false when another request holds it. Kept as long as finished jobs are. */
  async claim(jobId: string): Promise<boolean> {
    const set = await this.unavailableOnRedisError(() => this.redis.set(this.claimKey(jobId), '1', 'EX', 30 * DAY, 'NX'));
    return set === 'OK';
  }

  async releaseClaim(jobId: string): Promise<void> {
    await this.redis.del(this.claimKey(jobId));
  }

  /** Flags the job cancelled; the worker checks the flag before and during every stage. */
  async markCancelled(jobId: string, record: CancelledRecord): Promise<void> {
    await this.unavailableOnRedisError(() => this.redis.set(this.cancelKey(jobId), JSON.stringify(record), 'EX', CANCEL_TTL_SECONDS));
  }

  async cancelled(jobId: string): Promise<CancelledRecord | undefined> {
    const raw = await this.unavailableOnRedisError(() => this.redis.get(this.cancelKey(jobId)));
    return raw ? (JSON.parse(raw) as CancelledRecord) : undefined;
  }

  /** The newest failed jobs (cancelled ones included: BullMQ files both as failed), newest first. */
  newestFailed(limit: number): Promise<GenerationJob[]> {
    return this.unavailableOnRedisError(async () => ((await this.queue.getFailed(0, limit - 1)) as Array<GenerationJob | undefined>).filter((job): job is GenerationJob => job !== undefined));
  }

  /**
   * The newest jobs in each of these queue states (up to `limit` a state),
   * each with the state it was read from. A job that moves on between two
   * reads is given once, in the state read first.
   */
  newestIn(states: readonly QueueJobState[], limit: number): Promise<Array<{ job: GenerationJob; state: QueueJobState }>> {
    return this.unavailableOnRedisError(async () => {
      const perState = await Promise.all(
        states.map(async (state) => ((await this.queue.getJobs([state], 0, limit - 1)) as Array<GenerationJob | undefined>).map((job) => ({ job, state }))),
      );
      const seen = new Set<string>();
      return perState.flat().filter((entry): entry is { job: GenerationJob; state: QueueJobState } => {
        if (!entry.job?.id || seen.has(entry.job.id)) return false;
        seen.add(entry.job.id);
        return true;
      });
    });
  }

  /** Moves a failed job back to the queue with fresh attempts. */
  async retry(job: GenerationJob): Promise<void> {
    await this.unavailableOnRedisError(() => job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true }));
  }

  /** Removes a job no worker holds; false when a worker has it (it is running, or just finished). */
  async removeIfIdle(job: GenerationJob): Promise<boolean> {
    try {
      await job.remove();
      return true;
    } catch {
      return false;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    // BullMQ leaves a connection it was given open.
    await this.connection.quit().catch(() => this.connection.disconnect());
  }

  private claimKey(jobId: string): string {
    return `${this.env.REDIS_KEY_PREFIX}generation:claim:${jobId}`;
  }

  private cancelKey(jobId: string): string {
    return generationCancelKey(this.env.REDIS_KEY_PREFIX, jobId);
  }

  private async unavailableOnRedisError<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('SERVICE_UNAVAILABLE', 'The generation queue is unavailable; try again shortly.', { reason: (err as Error).message });
    }
  }
}
