import type { z } from 'zod';
import { AuthModule, authSignEnv, authVerifyEnv } from '@dawg/auth';
import { DbModule } from '@dawg/db';
import { composeEnv, generationProvidersEnv, generationQueueEnv, packageVersion, platformEnv, type ServiceDefinition } from '@dawg/platform';
import { realtimeEnv } from '@dawg/realtime';
import { storageEnv } from '@dawg/storage';
import { accountsEnv } from './accounts/accounts-env';
import { ApiModule } from './api.module';
import { billingEnv } from './billing/billing-env';
import { opsEnv } from './ops/ops-env';

/** Variables the api deployable reads; unified takes the union of every service's parts. */
export const apiEnvParts = [platformEnv, authVerifyEnv, authSignEnv, accountsEnv, billingEnv, opsEnv, storageEnv, generationQueueEnv, generationProvidersEnv, realtimeEnv] as const;
export const apiEnv = composeEnv(...apiEnvParts);
export type ApiEnv = z.infer<typeof apiEnv>;

export const apiService: ServiceDefinition<ApiEnv> = {
  name: 'api',
  version: packageVersion(__dirname),
  env: apiEnv,
  modules: (env) => [DbModule.forRoot(), AuthModule.forRoot(env, env), ApiModule.forRoot(env)],
};
