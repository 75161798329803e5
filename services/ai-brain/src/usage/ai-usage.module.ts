import { Module } from '@nestjs/common';
import { AiUsageController } from './ai-usage.controller';
import { AiUsageRepository } from './ai-usage.repository';
import { AiUsageService } from './ai-usage.service';

/** Operator statistics over ai_usage, which the ai-brain service owns. */
@Module({ controllers: [AiUsageController], providers: [AiUsageRepository, AiUsageService] })
export class AiUsageModule {}
