import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { GENERATION_QUEUE } from '@dawg/contracts';
import { createQueueRedis, PLATFORM_ENV, type PlatformEnv, queuePrefix, ROOT_LOGGER } from '@dawg/platform';
import { GenerationQueueRepository } from './generation-queue.repository';
import { GenerationJobsService } from './generation.service';

/**
 * Listens to the generation queue's event stream and refunds the minutes of
 * every job that fails for good (BullMQ reports `failed` only once the last
 * attempt has failed; retries are not reported) or is cancelled while it
 * runs. Every api replica listens; the refund is keyed by the job id, so it
 * is applied once however many hear it.
 */
@Injectable()
export class GenerationRefundsListener implements OnApplicationBootstrap, OnModuleDestroy {
  private events?: QueueEvents;
  private connection?: Redis;

  constructor(
    private readonly queue: GenerationQueueRepository,
    private readonly generation: GenerationJobsService,
    @Inject(PLATFORM_ENV) private readonly env: PlatformEnv,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    // QueueEvents blocks on the stream (XREAD), so it needs a connection of its own that waits as long as it must.
    this.connection = createQueueRedis(this.env.REDIS_URL, 'dawg-generation-events', 'worker');
    this.events = new QueueEvents(GENERATION_QUEUE, { connection: this.connection, prefix: queuePrefix(this.env.REDIS_KEY_PREFIX) });
    this.events.on('error', (err) => this.logger.warn({ err }, 'generation queue events error'));
    this.events.on('failed', ({ jobId, failedReason }) => void this.refund(jobId, failedReason));
  }

  async onModuleDestroy(): Promise<void> {
    await this.events?.close().catch(() => undefined);
    await this.connection?.quit().catch(() => this.connection?.disconnect());
  }

  private async refund(jobId: string, reason: string): Promise<void> {
    try {
      const job = await this.queue.find(jobId);
      if (job && (await this.generation.refund(job, reason))) {
        this.logger.info({ jobId, userId: job.data.userId, minutes: job.data.chargedMinutes, reason }, 'generation minutes refunded');
      }
    } catch (err) {
      // Not lost: the refund is retried whenever the job's status is read.
      this.logger.warn({ err, jobId }, 'refunding a failed generation job failed');
    }
  }
}
