import { Module } from '@nestjs/common';
import { GenerationStatsController } from './generation-stats.controller';
import { GenerationStatsRepository } from './generation-stats.repository';
import { GenerationStatsService } from './generation-stats.service';

/** Operator statistics over generation_jobs, which the generation service owns. */
@Module({ controllers: [GenerationStatsController], providers: [GenerationStatsRepository, GenerationStatsService] })
export class GenerationStatsModule {}
