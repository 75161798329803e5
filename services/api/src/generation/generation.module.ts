import { type DynamicModule, Module } from '@nestjs/common';
import { GenerationJobsController } from './generation.controller';
import { GenerationQueueRepository } from './generation-queue.repository';
import { GenerationJobsService } from './generation.service';
import { GENERATION_QUEUE_SETTINGS, type GenerationQueueSettings } from './generation.tokens';

/**
 * Generation requests (/generate): validates, charges generation minutes and
 * queues jobs for the generation service's worker. Object storage and
 * entitlements come from the global StorageModule and BillingModule.
 */
@Module({})
export class GenerationJobsModule {
  static forRoot(settings: GenerationQueueSettings): DynamicModule {
    return {
      module: GenerationJobsModule,
      controllers: [GenerationJobsController],
      providers: [{ provide: GENERATION_QUEUE_SETTINGS, useValue: settings }, GenerationQueueRepository, GenerationJobsService],
    };
  }
}
