import { type DynamicModule, Module } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { voiceNamespaceClientEvents } from '@dawg/contracts';
import { loopbackUrl, type OpenAiEnv, PLATFORM_ENV, type PlatformEnv } from '@dawg/platform';
import { RealtimeModule } from '@dawg/realtime';
import { VoiceAnalysisService } from './voice-analysis.service';
import type { VoiceEnv } from './voice-env';
import { VoiceController } from './voice.controller';
import { VoiceGateway } from './voice.gateway';
import { VOICE_SETTINGS, type VoiceSettings } from './voice.settings';
import { VoiceSessionsGateway } from '../sessions/voice-sessions.gateway';
import { VoiceSessionsStore } from '../sessions/voice-sessions.store';
import { VoiceCommands } from './voice-commands';

/** The vocal coach and voice sessions: live takes and recorded sessions over Socket.IO /realtime-voice, stored recordings at POST /voice/analyze. Object storage comes from the global StorageModule. */
@Module({})
export class VoiceCoachModule {
  static forRoot(env: VoiceEnv & OpenAiEnv): DynamicModule {
    return {
      module: VoiceCoachModule,
      imports: [RealtimeModule.forRoot({ service: 'voice', events: voiceNamespaceClientEvents })],
      controllers: [VoiceController],
      providers: [
        {
          provide: VOICE_SETTINGS,
          inject: [HttpAdapterHost, PLATFORM_ENV],
          useFactory: (adapterHost: HttpAdapterHost, platform: PlatformEnv): VoiceSettings => ({
            apiUrl: () => env.VOICE_API_URL?.replace(/\/+$/, '') ?? loopbackUrl(adapterHost.httpAdapter.getHttpServer(), platform.HOST),
            aiUrl: () => env.VOICE_AI_URL?.replace(/\/+$/, '') ?? loopbackUrl(adapterHost.httpAdapter.getHttpServer(), platform.HOST),
            transcription: env.OPENAI_API_KEY ? { apiKey: env.OPENAI_API_KEY, baseUrl: env.OPENAI_BASE_URL, model: env.VOICE_TRANSCRIBE_MODEL } : null,
            maxTakeSeconds: env.VOICE_MAX_TAKE_SECONDS,
            maxTakesPerSocket: env.VOICE_MAX_TAKES_PER_SOCKET,
          }),
        },
        VoiceGateway,
        VoiceAnalysisService,
        VoiceSessionsStore,
        VoiceCommands,
        VoiceSessionsGateway,
      ],
    };
  }
}
