import { type DynamicModule, Module } from '@nestjs/common';
import type { GenerationProvidersEnv, OpenAiEnv } from '@dawg/platform';
import { GenerationProvidersModule } from '../providers/providers.module';
import { GenerationEventsRepository } from './generation-events';
import { GenerationFilesRepository } from './generation-files.repository';
import { GenerationJobsRepository } from './generation-jobs.repository';
import { GenerationProcessor } from './generation.processor';
import { GenerationWorker } from './generation.worker';
import { GENERATION_WORKER_SETTINGS, type GenerationWorkerSettings } from './generation-worker.settings';
import { RenderRunner } from './render-runner';

/** Consumes the generation queue, with the external providers the environment configures. Object storage comes from the global StorageModule. */
@Module({})
export class GenerationWorkerModule {
  static forRoot(settings: GenerationWorkerSettings, env: GenerationProvidersEnv & OpenAiEnv): DynamicModule {
    return {
      module: GenerationWorkerModule,
      imports: [GenerationProvidersModule.forRoot(env)],
      providers: [
        { provide: GENERATION_WORKER_SETTINGS, useValue: settings },
        GenerationJobsRepository,
        GenerationFilesRepository,
        GenerationEventsRepository,
        RenderRunner,
        GenerationProcessor,
        GenerationWorker,
      ],
    };
  }
}
