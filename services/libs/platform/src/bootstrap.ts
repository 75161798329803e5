import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { type DynamicModule, type ForwardReference, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import type { z } from 'zod';
import { loadConfigOrExit } from './config/env';
import type { PlatformEnv } from './config/platform-env';
import { installRequestHooks, parseByteSize } from './http/request-hooks';
import { ServiceLifecycle } from './lifecycle/lifecycle';
import { createRootLogger, requestIdFor } from './logging/logger';
import { Metrics } from './metrics/metrics';
import { PlatformModule, type PlatformRuntime } from './platform.module';
import { ErrorReporter } from './telemetry/error-reporter';
import type { Telemetry } from './telemetry/telemetry';

export const API_PREFIX = 'api/v1';
const UNPREFIXED_ROUTES = ['health', 'ready', 'metrics'];


type Importable = Type | DynamicModule | ForwardReference | Promise<DynamicModule>;

export interface ServiceDefinition<E extends PlatformEnv> {
  /** api, ai-brain, voice, generation, gateway or unified. */
  name: string;
  version: string;
  /** The deployable's whole environment schema (platform variables included). */
  env: z.ZodType<E>;
  /** The modules this deployable composes, given its validated environment. */
  modules: (env: E) => Importable[];
}

export interface RunningService {
  app: NestFastifyApplication;
  runtime: PlatformRuntime;
  url: string;
  port: number;
  /** Drains in-flight requests (up to SHUTDOWN_GRACE_MS), then closes every resource. */
  shutdown(signal?: string): Promise<void>;
}

export interface StartOptions {
  telemetry?: Telemetry;
  /** Where log lines go (default: stdout). */
  logDestination?: Parameters<typeof createRootLogger>[0]['destination'];
}

/** Builds and starts a deployable from an already-validated environment. */
export async function startService<E extends PlatformEnv>(
  definition: ServiceDefinition<E>,
  env: E,
  options: StartOptions = {},
): Promise<RunningService> {
  const version = env.APP_VERSION ?? definition.version;
  const logger = createRootLogger({ service: definition.name, version, level: env.LOG_LEVEL, destination: options.logDestination });
  const runtime: PlatformRuntime = {
    service: { name: definition.name, version, startedAt: Date.now() },
    env,
    logger,
    metrics: new Metrics(definition.name),
    reporter: ErrorReporter.init({
      dsn: env.SENTRY_DSN,
      environment: env.SENTRY_ENVIRONMENT ?? env.NODE_ENV,
      release: `${definition.name}@${version}`,
      service: definition.name,
    }),
    lifecycle: new ServiceLifecycle(),
    routes: [],
  };

  @Module({ imports: [PlatformModule.forRoot(runtime), ...definition.modules(env)] })
  class ServiceRootModule {}

  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    // Completion lines come from our own hook (one per request, probes excluded).
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    genReqId: requestIdFor,
    bodyLimit: parseByteSize(env.HTTP_BODY_LIMIT),
    // Slow clients (slowloris) are cut after this; handlers have their own budgets.
    requestTimeout: env.REQUEST_TIMEOUT_MS,
    trustProxy: /^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY,
  });
  installRequestHooks(adapter.getInstance(), runtime);

  const app = await NestFactory.create<NestFastifyApplication>(ServiceRootModule, adapter, {
    // JSON bodies are parsed by our parser (installRequestHooks); the API takes no form bodies.
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(NestPinoLogger));
  app.setGlobalPrefix(API_PREFIX, { exclude: UNPREFIXED_ROUTES });
  // The one place cross-origin access is decided: only the listed origins, never a wildcard.
  app.enableCors({
    origin: env.CORS_ORIGINS ? env.CORS_ORIGINS.split(',') : false,
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    maxAge: 600,
    exposedHeaders: ['x-request-id', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'retry-after'],
  });

  await app.listen(env.PORT, env.HOST);
  const server = app.getHttpServer() as Server;
  const port = (server.address() as AddressInfo).port;
  const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? '127.0.0.1' : env.HOST;
  const url = `http://${host}:${port}`;
  logger.info({ url, port }, `${definition.name} listening`);

  let closing: Promise<void> | undefined;
  const shutdown = (signal = 'shutdown'): Promise<void> =>
    (closing ??= (async () => {
      logger.info({ signal, inFlight: runtime.lifecycle.requestsInFlight }, 'draining');
      const cut = await runtime.lifecycle.drain(server, env.SHUTDOWN_GRACE_MS);
      if (cut > 0) logger.warn({ cut }, 'grace period over; cut requests still in flight');
      await app.close();
      await options.telemetry?.shutdown().catch((err: unknown) => logger.warn({ err }, 'flushing traces failed'));
      await runtime.reporter.flush();
      logger.info('stopped');
    })());

  return { app, runtime, url, port, shutdown };
}

/**
 * The whole life of a deployable's process: validate config (exit 78 with
 * one line per problem), start, and on SIGTERM/SIGINT drain and exit 0.
 */
export async function runService<E extends PlatformEnv>(definition: ServiceDefinition<E>, telemetry?: Telemetry): Promise<void> {
  const env = loadConfigOrExit(definition.env, definition.name);
  const service = await startService(definition, env, { telemetry });
  const onSignal = (signal: NodeJS.Signals) => {
    service
      .shutdown(signal)
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        service.runtime.logger.fatal({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
