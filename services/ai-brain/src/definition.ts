import type { z } from 'zod';
import { AuthModule, authVerifyEnv } from '@dawg/auth';
import { DbModule } from '@dawg/db';
import { aiProvidersEnv, composeEnv, openAiEnv, packageVersion, platformEnv, type ServiceDefinition } from '@dawg/platform';
import { aiModelPricesEnv } from './providers/pricing';
import { realtimeEnv } from '@dawg/realtime';
import { chatEnv } from './chat/chat-env';
import { AiBrainModule } from './ai-brain.module';

/** Variables the ai-brain deployable reads; unified takes the union of every service's parts. */
export const aiBrainEnvParts = [platformEnv, authVerifyEnv, realtimeEnv, openAiEnv, aiProvidersEnv, aiModelPricesEnv, chatEnv] as const;
export const aiBrainEnv = composeEnv(...aiBrainEnvParts);
export type AiBrainEnv = z.infer<typeof aiBrainEnv>;

export const aiBrainService: ServiceDefinition<AiBrainEnv> = {
  name: 'ai-brain',
  version: packageVersion(__dirname),
  env: aiBrainEnv,
  modules: (env) => [DbModule.forRoot(), AuthModule.forRoot(env), AiBrainModule.forRoot(env)],
};
