import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { GenerationCompleteEvent, GenerationErrorEvent, GenerationProgressEvent } from '@dawg/contracts';
import { PLATFORM_ENV, type PlatformEnv, REDIS_CLIENT, ROOT_LOGGER } from '@dawg/platform';
import { RealtimeEmitter } from '@dawg/realtime';

type GenerationEvents = {
  'generation:progress': GenerationProgressEvent;
  'generation:complete': GenerationCompleteEvent;
  'generation:error': GenerationErrorEvent;
};

/**
 * Tells the job's owner (room `user:<id>`) how a job is going, through the
 * Redis emitter: the worker has no socket server, and whichever api replica
 * holds the owner's sockets delivers it. The single place generation events
 * leave the worker. A lost event costs nothing durable: the status route
 * and the job row stay the truth.
 */
@Injectable()
export class GenerationEventsRepository {
  private readonly emitter: RealtimeEmitter;

  constructor(
    @Inject(REDIS_CLIENT) redis: Redis,
    @Inject(PLATFORM_ENV) env: PlatformEnv,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {
    this.emitter = new RealtimeEmitter(redis, env.REDIS_KEY_PREFIX);
  }

  emit<E extends keyof GenerationEvents>(userId: string, event: E, payload: GenerationEvents[E]): void {
    try {
      this.emitter.toUser(userId).emit(event, payload as never);
    } catch (err) {
      this.logger.warn({ err, userId, event, jobId: payload.jobId }, 'generation event not published');
    }
  }
}
