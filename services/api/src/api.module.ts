import { type DynamicModule, Module } from '@nestjs/common';
import { configuredMusicProviders, type GenerationProvidersEnv, type GenerationQueueEnv } from '@dawg/platform';
import { type StorageEnv, StorageModule } from '@dawg/storage';
import { AccountsModule } from './accounts/accounts.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AudioModule } from './audio/audio.module';
import { DocsModule } from './docs/docs.module';
import { GenerationJobsModule } from './generation/generation.module';
import { ProjectsModule } from './projects/projects.module';
import { ApiRealtimeModule } from './realtime/realtime.module';
import { BillingModule } from './billing/billing.module';
import { type BillingEnv, billingSettingsFrom } from './billing/billing-env';
import type { ApiEnv } from './definition';
import { OpsModule } from './ops/ops.module';
import type { OpsEnv } from './ops/ops-env';
import { opsSettingsFrom } from './ops/ops-settings';
import { SshKeysModule } from './ssh-keys/ssh-keys.module';

/**
 * The api service: REST /api/v1 (accounts, projects, tracks, clips, audio,
 * billing, chat history, costs, ops) and the main Socket.IO namespace. Its
 * feature modules are imported here, so the api deployable and unified
 * compose exactly the same thing.
 */
@Module({})
export class ApiModule {
  static forRoot(env: Pick<ApiEnv, 'JWT_ACCESS_TTL_SECONDS' | 'REFRESH_TOKEN_TTL_DAYS' | keyof BillingEnv | keyof OpsEnv | keyof StorageEnv | keyof GenerationQueueEnv | keyof GenerationProvidersEnv>): DynamicModule {
    return {
      module: ApiModule,
      imports: [StorageModule.forRoot(env), AccountsModule.forRoot({ accessTtlSeconds: env.JWT_ACCESS_TTL_SECONDS, refreshTtlDays: env.REFRESH_TOKEN_TTL_DAYS }), BillingModule.forRoot(billingSettingsFrom(env)), ApiKeysModule, ProjectsModule, ApiRealtimeModule, AudioModule, GenerationJobsModule.forRoot({ attempts: env.GENERATION_ATTEMPTS, backoffMs: env.GENERATION_BACKOFF_MS, musicProviders: configuredMusicProviders(env) }), DocsModule, OpsModule.forRoot(opsSettingsFrom(env)), SshKeysModule],
    };
  }
}
