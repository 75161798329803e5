import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import type { PlatformEnv } from './config/platform-env';
import { HttpExceptionFilter } from './errors/exception.filter';
import { HealthController } from './health/health.controller';
import type { RouteInfo } from './http/request-hooks';
import { ReadinessRegistry } from './health/readiness';
import { ServiceLifecycle } from './lifecycle/lifecycle';
import { ROOT_LOGGER } from './logging/logger.tokens';
import { MetricsController } from './metrics/metrics.controller';
import { Metrics } from './metrics/metrics';
import { RedisModule } from './redis/redis.module';
import { ErrorReporter } from './telemetry/error-reporter';
import { PLATFORM_ENV, SERVICE_INFO, type ServiceInfo } from './tokens';

/** Process-wide objects created before Nest, because the Fastify request hooks need them too. */
export interface PlatformRuntime {
  service: ServiceInfo;
  env: PlatformEnv;
  logger: Logger;
  metrics: Metrics;
  reporter: ErrorReporter;
  lifecycle: ServiceLifecycle;
  /** Filled as routes are registered. */
  routes: RouteInfo[];
}

/**
 * Config, logging, metrics, health, error handling and Redis for one
 * deployable. Every service's root module imports it exactly once.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(runtime: PlatformRuntime): DynamicModule {
    const values = [
      { provide: SERVICE_INFO, useValue: runtime.service },
      { provide: PLATFORM_ENV, useValue: runtime.env },
      { provide: ROOT_LOGGER, useValue: runtime.logger },
      { provide: Metrics, useValue: runtime.metrics },
      { provide: ErrorReporter, useValue: runtime.reporter },
      { provide: ServiceLifecycle, useValue: runtime.lifecycle },
      { provide: ReadinessRegistry, useValue: new ReadinessRegistry() },
    ];
    return {
      module: PlatformModule,
      imports: [
        // Fastify makes each request's child logger (request id bound) and our
        // hooks log completions; nestjs-pino binds that logger to the async context.
        LoggerModule.forRoot({ pinoHttp: { logger: runtime.logger }, useExisting: true }),
        RedisModule,
      ],
      controllers: [HealthController, MetricsController],
      providers: [...values, { provide: APP_FILTER, useClass: HttpExceptionFilter }],
      exports: [...values.map((v) => v.provide), LoggerModule],
    };
  }
}
