import { type DynamicModule, Module } from '@nestjs/common';
import { VoiceCoachModule } from './coach/voice-coach.module';
import type { OpenAiEnv } from '@dawg/platform';
import type { VoiceEnv } from './coach/voice-env';

/**
 * The voice service: real-time vocal analysis (Socket.IO /realtime-voice) and analysis of stored recordings.
 * Its feature modules are imported here, so the voice deployable and
 * unified compose exactly the same thing.
 */
@Module({})
export class VoiceModule {
  static forRoot(env: VoiceEnv & OpenAiEnv): DynamicModule {
    return { module: VoiceModule, imports: [VoiceCoachModule.forRoot(env)] };
  }
}
