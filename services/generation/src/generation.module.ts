import { type DynamicModule, Module } from '@nestjs/common';
import type { GenerationProvidersEnv, GenerationQueueEnv, OpenAiEnv } from '@dawg/platform';
import { GenerationStatsModule } from './stats/generation-stats.module';
import { generationWorkerSettingsFrom } from './worker/generation-worker.settings';
import { GenerationWorkerModule } from './worker/generation-worker.module';

/**
 * The generation service: the BullMQ worker that renders beats, melodies, chords, arrangements, stems, mixes, masters, lyrics and automixes (with external music models and a lyrics model when configured).
 * Its feature modules are imported here, so the generation deployable and
 * unified compose exactly the same thing. Object storage (StorageModule) is
 * composed by the deployable, once per process.
 */
@Module({})
export class GenerationModule {
  static forRoot(env: GenerationQueueEnv & GenerationProvidersEnv & OpenAiEnv): DynamicModule {
    return { module: GenerationModule, imports: [GenerationStatsModule, GenerationWorkerModule.forRoot(generationWorkerSettingsFrom(env), env)] };
  }
}
