import { type DynamicModule, Module } from '@nestjs/common';
import type { AiProvidersEnv } from '@dawg/platform';
import { ChatModule } from './chat/chat.module';
import type { ChatEnv } from './chat/chat-env';
import { AiUsageModule } from './usage/ai-usage.module';

/**
 * The ai-brain service: chat with LLM providers and the tool calls that drive the DAW (Socket.IO /ai-brain).
 * Its feature modules are imported here, so the ai-brain deployable and
 * unified compose exactly the same thing.
 */
@Module({})
export class AiBrainModule {
  static forRoot(env: AiProvidersEnv & ChatEnv): DynamicModule {
    return { module: AiBrainModule, imports: [AiUsageModule, ChatModule.forRoot(env)] };
  }
}
