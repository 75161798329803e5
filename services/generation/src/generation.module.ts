import { Module } from '@nestjs/common';

/**
 * The generation service: the BullMQ worker that renders beats, melodies, chords, arrangements, stems, mixes and masters.
 * Its feature modules are imported here, so the generation deployable and
 * unified compose exactly the same thing.
 */
@Module({})
export class GenerationModule {}
