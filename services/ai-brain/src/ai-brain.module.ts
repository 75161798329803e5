import { Module } from '@nestjs/common';
import { AiUsageModule } from './usage/ai-usage.module';

/**
 * The ai-brain service: chat with LLM providers and the tool calls that drive the DAW (Socket.IO /ai-brain).
 * Its feature modules are imported here, so the ai-brain deployable and
 * unified compose exactly the same thing.
 */
@Module({ imports: [AiUsageModule] })
export class AiBrainModule {}
