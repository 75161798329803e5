import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Counter, Gauge, Histogram } from 'prom-client';
import { GENERATION_CANCELLED_REASON, GENERATION_QUEUE, type GenerationJobData, type GenerationKind, type GenerationResult } from '@dawg/contracts';
import { createQueueRedis, Metrics, PLATFORM_ENV, type PlatformEnv, queuePrefix, ROOT_LOGGER } from '@dawg/platform';
import { GenerationProcessor } from './generation.processor';
import { GENERATION_WORKER_SETTINGS, type GenerationWorkerSettings } from './generation-worker.settings';

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const;

/**
 * The BullMQ worker of the generation queue. It starts consuming once the
 * process is up, and on shutdown stops taking jobs and lets running ones
 * finish (up to SHUTDOWN_GRACE_MS; a job cut after that is taken over by
 * another worker when its lock runs out). A worker that dies mid-job is
 * covered the same way: its lock is not renewed, another worker's stalled
 * check moves the job back to the queue, and it runs again.
 */
@Injectable()
export class GenerationWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private worker?: Worker<GenerationJobData, GenerationResult, GenerationKind>;
  private connection?: Redis;
  private readonly duration: Histogram<'kind' | 'outcome'>;
  private readonly finished: Counter<'kind' | 'outcome'>;
  /** Read-only view of the queue for the depth gauge (a Worker cannot count jobs), on a connection that fails fast so a scrape never hangs. */
  private counts?: Queue;
  private countsConnection?: Redis;

  constructor(
    private readonly processor: GenerationProcessor,
    @Inject(GENERATION_WORKER_SETTINGS) private readonly settings: GenerationWorkerSettings,
    @Inject(PLATFORM_ENV) private readonly env: PlatformEnv,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    metrics: Metrics,
  ) {
    this.duration = new Histogram({
      name: 'generation_job_duration_seconds',
      help: 'Time one attempt of a generation job took, by kind and outcome (succeeded, failed, cancelled).',
      labelNames: ['kind', 'outcome'],
      buckets: [0.5, 1, 2.5, 5, 10, 20, 40, 80, 160],
      registers: [metrics.registry],
    });
    this.finished = new Counter({
      name: 'generation_jobs_total',
      help: 'Generation jobs this worker finished for good, by kind and outcome: succeeded, failed (no attempts left: a dead letter) or cancelled.',
      labelNames: ['kind', 'outcome'],
      registers: [metrics.registry],
    });
    const queueCounts = () => this.counts?.getJobCounts(...QUEUE_STATES).catch(() => undefined);
    new Gauge({
      name: 'generation_queue_jobs',
      help: 'Jobs in the generation queue by state (waiting, active, delayed, prioritized, failed, completed), read from Redis at scrape time; the same from every worker.',
      labelNames: ['state'],
      registers: [metrics.registry],
      async collect() {
        const counts = await queueCounts();
        for (const state of QUEUE_STATES) this.set({ state }, counts?.[state] ?? 0);
      },
    });
  }

  onApplicationBootstrap(): void {
    const { concurrency, lockMs, attempts } = this.settings;
    this.connection = createQueueRedis(this.env.REDIS_URL, 'dawg-generation-worker', 'worker');
    this.worker = new Worker(
      GENERATION_QUEUE,
      async (job) => {
        const end = this.duration.startTimer({ kind: job.data.kind });
        try {
          const result = await this.processor.process(job);
          end({ outcome: 'succeeded' });
          this.finished.inc({ kind: job.data.kind, outcome: 'succeeded' });
          return result;
        } catch (err) {
          const outcome = (err as Error).message === GENERATION_CANCELLED_REASON ? 'cancelled' : 'failed';
          end({ outcome });
          if (err instanceof UnrecoverableError || job.attemptsStarted >= (job.opts.attempts ?? 1)) this.finished.inc({ kind: job.data.kind, outcome });
          throw err;
        }
      },
      {
        connection: this.connection,
        prefix: queuePrefix(this.env.REDIS_KEY_PREFIX),
        concurrency,
        autorun: false,
        // The lock is renewed every lockMs/2 while a job runs (renders run in threads, so the event loop is free to);
        // a dead worker's job is found by the others' stalled check, run every lockMs.
        lockDuration: lockMs,
        stalledInterval: lockMs,
        // Each death of a worker mid-job costs one take-over; past this many the job is failed, not retried forever.
        maxStalledCount: attempts,
      },
    );
    this.countsConnection = createQueueRedis(this.env.REDIS_URL, 'dawg-generation-metrics', 'producer');
    this.counts = new Queue(GENERATION_QUEUE, { connection: this.countsConnection, prefix: queuePrefix(this.env.REDIS_KEY_PREFIX) });
    this.counts.on('error', () => undefined);
    this.worker.on('error', (err) => this.logger.warn({ err }, 'generation worker error'));
    this.worker.on('stalled', (jobId) => this.logger.warn({ jobId }, 'generation job stalled (its worker stopped renewing the lock); requeued'));
    void this.worker.run().catch((err: unknown) => this.logger.error({ err }, 'generation worker stopped'));
    this.logger.info({ queue: GENERATION_QUEUE, concurrency, lockMs }, 'generation worker consuming');
  }

  async beforeApplicationShutdown(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'grace over'>((resolve) => (timer = setTimeout(() => resolve('grace over'), this.env.SHUTDOWN_GRACE_MS)));
    const outcome = await Promise.race([worker.close().then(() => 'drained' as const), graceOver]);
    clearTimeout(timer);
    if (outcome === 'grace over') {
      this.logger.warn('generation jobs still running after the grace period; leaving them to another worker');
      await worker.close(true);
    }
    await this.counts?.close().catch(() => undefined);
    await this.countsConnection?.quit().catch(() => this.countsConnection?.disconnect());
    // BullMQ leaves a connection it was given open.
    await this.connection?.quit().catch(() => this.connection?.disconnect());
  }
}
