import type { z } from 'zod';
import { AuthModule, authVerifyEnv } from '@dawg/auth';
import { DbModule } from '@dawg/db';
import { composeEnv, generationProvidersEnv, generationQueueEnv, openAiEnv, packageVersion, platformEnv, type ServiceDefinition } from '@dawg/platform';
import { storageEnv, StorageModule } from '@dawg/storage';
import { GenerationModule } from './generation.module';

/** Variables the generation deployable reads; unified takes the union of every service's parts. */
export const generationEnvParts = [platformEnv, authVerifyEnv, storageEnv, generationQueueEnv, generationProvidersEnv, openAiEnv] as const;
export const generationEnv = composeEnv(...generationEnvParts);
export type GenerationEnv = z.infer<typeof generationEnv>;

export const generationService: ServiceDefinition<GenerationEnv> = {
  name: 'generation',
  version: packageVersion(__dirname),
  env: generationEnv,
  modules: (env) => [DbModule.forRoot(), AuthModule.forRoot(env), StorageModule.forRoot(env), GenerationModule.forRoot(env)],
};
