import { type DynamicModule, Module } from '@nestjs/common';
import type { GenerationQueueEnv } from '@dawg/platform';
import { GenerationStatsModule } from './stats/generation-stats.module';
import { generationWorkerSettingsFrom } from './worker/generation-worker.settings';
import { GenerationWorkerModule } from './worker/generation-worker.module';

/**
 * The generation service: the BullMQ worker that renders beats, melodies, chords, arrangements, stems, mixes and masters.
 * Its feature modules are imported here, so the generation deployable and
 * unified compose exactly the same thing. Object storage (StorageModule) is
 * composed by the deployable, once per process.
 */
@Module({})
export class GenerationModule {
  static forRoot(env: GenerationQueueEnv): DynamicModule {
    return { module: GenerationModule, imports: [GenerationStatsModule, GenerationWorkerModule.forRoot(generationWorkerSettingsFrom(env))] };
  }
}
