import { randomBytes } from 'node:crypto';
import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown, type OnModuleInit, type Provider } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { ReadinessRegistry, ROOT_LOGGER } from '@dawg/platform';
import { FsStorage } from './fs/fs-storage';
import { SignedUrls } from './fs/signed-urls';
import { StorageObjectsController } from './fs/storage-objects.controller';
import { installRawBodyRoutes } from './http/raw-body';
import { OBJECT_STORAGE, type ObjectStorage, STORAGE_SETTINGS, type StorageSettings } from './object-storage';
import { S3Storage } from './s3/s3-storage';
import type { StorageEnv } from './storage-env';
import { UnconfiguredStorage } from './unconfigured-storage';

/**
 * Object storage for the whole process: inject OBJECT_STORAGE (an
 * ObjectStorage for STORAGE_DRIVER) and STORAGE_SETTINGS. Registers the
 * `storage` readiness check (unless the driver is none) and, for the fs
 * driver, the routes its presigned URLs point at.
 */
@Global()
@Module({})
export class StorageModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    private readonly readiness: ReadinessRegistry,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  static forRoot(env: StorageEnv): DynamicModule {
    const settings: StorageSettings = { driver: env.STORAGE_DRIVER, uploadMaxBytes: env.UPLOAD_MAX_BYTES };
    const providers: Provider[] = [{ provide: STORAGE_SETTINGS, useValue: settings }];
    if (env.STORAGE_DRIVER === 'fs') {
      providers.push(
        { provide: SignedUrls, useFactory: (logger: Logger) => new SignedUrls(signingSecret(env, logger), env.PUBLIC_BASE_URL), inject: [ROOT_LOGGER] },
        { provide: OBJECT_STORAGE, useFactory: (urls: SignedUrls) => new FsStorage(env.STORAGE_FS_ROOT!, urls), inject: [SignedUrls] },
      );
    } else if (env.STORAGE_DRIVER === 's3') {
      providers.push({ provide: OBJECT_STORAGE, useFactory: (logger: Logger) => createS3Storage(env, logger), inject: [ROOT_LOGGER] });
    } else {
      providers.push({ provide: OBJECT_STORAGE, useValue: new UnconfiguredStorage() });
    }
    return {
      module: StorageModule,
      controllers: env.STORAGE_DRIVER === 'fs' ? [StorageObjectsController] : [],
      providers,
      exports: [OBJECT_STORAGE, STORAGE_SETTINGS],
    };
  }

  async onModuleInit(): Promise<void> {
    if (this.storage instanceof FsStorage) await this.storage.init();
    if (this.storage.driver !== 'none') this.readiness.register('storage', () => this.storage.check());
    // Any module may mark a streamed upload route with @RawBody(), whatever the driver.
    installRawBodyRoutes(this.adapterHost.httpAdapter.getInstance<FastifyInstance>());
  }

  onApplicationShutdown(): void {
    if (this.storage instanceof S3Storage) this.storage.close();
  }
}

function signingSecret(env: StorageEnv, logger: Logger): string {
  if (env.STORAGE_SIGNING_SECRET) return env.STORAGE_SIGNING_SECRET;
  // The env schema requires the secret in production; elsewhere a random one keeps a dev setup working.
  logger.warn('STORAGE_SIGNING_SECRET is not set: fs storage URLs are signed with a per-process secret and stop working on restart and on other replicas');
  return randomBytes(32).toString('base64url');
}

function createS3Storage(env: StorageEnv, logger: Logger): S3Storage {
  return new S3Storage({
    bucket: env.S3_BUCKET!,
    region: env.S3_REGION,
    endpoint: env.S3_ENDPOINT,
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
    credentials: env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY } : undefined,
    warn: (context, message) => logger.warn(context, message),
  });
}
