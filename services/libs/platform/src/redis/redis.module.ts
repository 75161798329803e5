import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { ReadinessRegistry } from '../health/readiness';
import { PLATFORM_ENV, REDIS_CLIENT } from '../tokens';
import type { PlatformEnv } from '../config/platform-env';

/**
 * A client that fails fast while Redis is unreachable (no offline queue) and
 * keeps reconnecting in the background, so readiness flips back by itself.
 */
export function createRedisClient(url: string, connectionName: string): Redis {
  return new Redis(url, {
    connectionName,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
  });
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [PLATFORM_ENV, ReadinessRegistry],
      useFactory: async (env: PlatformEnv, readiness: ReadinessRegistry) => {
        const client = createRedisClient(env.REDIS_URL, 'dawg');
        // ioredis reports every failed reconnect; /ready already says Redis is down.
        client.on('error', () => undefined);
        readiness.register('redis', () => client.ping());
        // Give the first connection a moment before serving, so a healthy start
        // is ready at once; if Redis is down, start anyway and report it in /ready.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 3_000);
          client.once('ready', () => {
            clearTimeout(timer);
            resolve();
          });
        });
        return client;
      },
    },
  ],
  exports: [REDIS_CLIENT],
})
export class RedisModule implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisModule.name);

  constructor(@Inject(REDIS_CLIENT) private readonly client: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    try {
      await Promise.race([this.client.quit(), new Promise((_, reject) => setTimeout(() => reject(new Error('quit timed out')), 1_000))]);
    } catch (err) {
      this.logger.warn(`closing Redis: ${(err as Error).message}`);
      this.client.disconnect();
    }
  }
}
