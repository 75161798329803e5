import type { z } from 'zod';
import { AiBrainModule, aiBrainEnvParts } from '@dawg/ai-brain';
import { ApiModule, apiEnvParts } from '@dawg/api';
import { AuthModule } from '@dawg/auth';
import { DbModule } from '@dawg/db';
import { GatewayModule, gatewayEnvParts } from '@dawg/gateway';
import { GenerationModule, generationEnvParts } from '@dawg/generation';
import { composeEnv, packageVersion, type ServiceDefinition } from '@dawg/platform';
import { VoiceModule, voiceEnvParts } from '@dawg/voice';
import { WebAppModule } from './web-app/web-app.module';

/** The union of every service's variables (parts shared by several appear once). */
export const unifiedEnvParts = [
  ...new Set([...apiEnvParts, ...aiBrainEnvParts, ...voiceEnvParts, ...generationEnvParts, ...gatewayEnvParts]),
] as unknown as [...typeof apiEnvParts, ...typeof aiBrainEnvParts, ...typeof voiceEnvParts, ...typeof generationEnvParts, ...typeof gatewayEnvParts];
export const unifiedEnv = composeEnv(...unifiedEnvParts);
export type UnifiedEnv = z.infer<typeof unifiedEnv>;

/** Every service's modules in one process on one port, and the web studio at `/`: the local default and small installs. */
export const unifiedService: ServiceDefinition<UnifiedEnv> = {
  name: 'unified',
  version: packageVersion(__dirname),
  env: unifiedEnv,
  modules: (env) => [
    DbModule.forRoot(),
    AuthModule.forRoot(env, env),
    ApiModule.forRoot(env),
    AiBrainModule.forRoot(env),
    VoiceModule.forRoot(env),
    GenerationModule.forRoot(env),
    GatewayModule.forRoot(env),
    WebAppModule.forRoot(),
  ],
};
