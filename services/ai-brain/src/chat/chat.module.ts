import { type DynamicModule, Module } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { aiBrainClientEvents } from '@dawg/contracts';
import { type AiProvidersEnv, loopbackUrl, PLATFORM_ENV, type PlatformEnv } from '@dawg/platform';
import { RealtimeModule } from '@dawg/realtime';
import { AiProvidersModule } from '../providers/providers.module';
import { AiUsageRecorder } from './ai-usage.recorder';
import { ChatController } from './chat.controller';
import type { ChatEnv } from './chat-env';
import { ChatGateway } from './chat.gateway';
import { ChatService } from './chat.service';
import { CHAT_SETTINGS, type ChatSettings } from './chat.settings';
import { ChatTurnService } from './chat-turn.service';
import { ConversationsRepository } from './conversations.repository';
import { OfflineProvider } from './offline.provider';
import { ToolExecutor } from './tool-executor';

/**
 * The assistant: conversations (REST /chat/conversations), turns streamed
 * over Socket.IO /ai-brain, the LLM providers behind the router with the
 * offline provider always last, and the tools that act through the api.
 */
@Module({})
export class ChatModule {
  static forRoot(env: AiProvidersEnv & ChatEnv): DynamicModule {
    return {
      module: ChatModule,
      imports: [RealtimeModule.forRoot({ service: 'ai-brain', events: aiBrainClientEvents }), AiProvidersModule.forRoot(env, { extraProviders: [new OfflineProvider()] })],
      controllers: [ChatController],
      providers: [
        {
          provide: CHAT_SETTINGS,
          inject: [HttpAdapterHost, PLATFORM_ENV],
          useFactory: (adapterHost: HttpAdapterHost, platform: PlatformEnv): ChatSettings => ({
            apiUrl: () => env.AI_API_URL?.replace(/\/+$/, '') ?? loopbackUrl(adapterHost.httpAdapter.getHttpServer(), platform.HOST),
            maxToolRounds: env.AI_MAX_TOOL_ROUNDS,
            historyMessages: env.AI_HISTORY_MESSAGES,
          }),
        },
        ConversationsRepository,
        AiUsageRecorder,
        ToolExecutor,
        ChatTurnService,
        ChatService,
        ChatGateway,
      ],
    };
  }
}
