import { Module } from '@nestjs/common';
import { GenerationStatsModule } from './stats/generation-stats.module';

/**
 * The generation service: the BullMQ worker that renders beats, melodies, chords, arrangements, stems, mixes and masters.
 * Its feature modules are imported here, so the generation deployable and
 * unified compose exactly the same thing.
 */
@Module({ imports: [GenerationStatsModule] })
export class GenerationModule {}
