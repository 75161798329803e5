import { type DynamicModule, Module } from '@nestjs/common';
import { AccountsModule } from './accounts/accounts.module';
import type { ApiEnv } from './definition';

/**
 * The api service: REST /api/v1 (accounts, projects, tracks, clips, audio,
 * billing, chat history, costs, ops) and the main Socket.IO namespace. Its
 * feature modules are imported here, so the api deployable and unified
 * compose exactly the same thing.
 */
@Module({})
export class ApiModule {
  static forRoot(env: Pick<ApiEnv, 'JWT_ACCESS_TTL_SECONDS' | 'REFRESH_TOKEN_TTL_DAYS'>): DynamicModule {
    return {
      module: ApiModule,
      imports: [AccountsModule.forRoot({ accessTtlSeconds: env.JWT_ACCESS_TTL_SECONDS, refreshTtlDays: env.REFRESH_TOKEN_TTL_DAYS })],
    };
  }
}
