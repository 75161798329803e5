import type { z } from 'zod';
import { AuthModule, authVerifyEnv } from '@dawg/auth';
import { DbModule } from '@dawg/db';
import { composeEnv, packageVersion, platformEnv, type ServiceDefinition } from '@dawg/platform';
import { storageEnv, StorageModule } from '@dawg/storage';
import { gatewayEnvPart } from './gateway-env';
import { GatewayModule } from './gateway.module';

/** Variables the gateway deployable reads; unified takes the union of every service's parts. */
export const gatewayEnvParts = [platformEnv, authVerifyEnv, storageEnv, gatewayEnvPart] as const;
export const gatewayEnv = composeEnv(...gatewayEnvParts);
export type GatewayEnv = z.infer<typeof gatewayEnv>;

export const gatewayService: ServiceDefinition<GatewayEnv> = {
  name: 'gateway',
  version: packageVersion(__dirname),
  env: gatewayEnv,
  // Object storage (session transcripts) is composed here, once per process: unified gets it from the api's modules.
  modules: (env) => [DbModule.forRoot(), AuthModule.forRoot(env), StorageModule.forRoot(env), GatewayModule.forRoot(env)],
};
