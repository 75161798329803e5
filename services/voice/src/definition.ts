import type { z } from 'zod';
import { AuthModule, authVerifyEnv } from '@dawg/auth';
import { DbModule } from '@dawg/db';
import { composeEnv, openAiEnv, packageVersion, platformEnv, type ServiceDefinition } from '@dawg/platform';
import { realtimeEnv } from '@dawg/realtime';
import { storageEnv, StorageModule } from '@dawg/storage';
import { voiceEnv as coachEnv } from './coach/voice-env';
import { VoiceModule } from './voice.module';

/** Variables the voice deployable reads; unified takes the union of every service's parts. */
export const voiceEnvParts = [platformEnv, authVerifyEnv, realtimeEnv, storageEnv, openAiEnv, coachEnv] as const;
export const voiceEnv = composeEnv(...voiceEnvParts);
export type VoiceEnv = z.infer<typeof voiceEnv>;

export const voiceService: ServiceDefinition<VoiceEnv> = {
  name: 'voice',
  version: packageVersion(__dirname),
  env: voiceEnv,
  modules: (env) => [DbModule.forRoot(), AuthModule.forRoot(env), StorageModule.forRoot(env), VoiceModule.forRoot(env)],
};
