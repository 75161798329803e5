import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ProjectsModule } from '../projects/projects.module';
import { AutomixSourceRepository } from './automix-source.repository';
import { GenerationDeadLettersController } from './generation-dead-letters.controller';
import { GenerationJobsController } from './generation.controller';
import { GenerationRecentJobsController } from './generation-recent-jobs.controller';
import { GenerationRefundsListener } from './generation-refunds.listener';
import { GenerationQueueRepository } from './generation-queue.repository';
import { GenerationJobsService } from './generation.service';
import { GENERATION_QUEUE_SETTINGS, type GenerationQueueSettings } from './generation.tokens';

/**
 * Generation requests (/generate): validates, charges generation minutes and
 * queues jobs for the generation service's worker; refunds the minutes of
 * jobs that fail for good or are cancelled; shows operators the recent jobs
 * and the dead letters. Object storage and entitlements come from the global
 * StorageModule and BillingModule.
 */
@Module({})
export class GenerationJobsModule {
  static forRoot(settings: GenerationQueueSettings): DynamicModule {
    return {
      module: GenerationJobsModule,
      imports: [AuditModule, ProjectsModule],
      controllers: [GenerationJobsController, GenerationDeadLettersController, GenerationRecentJobsController],
      providers: [{ provide: GENERATION_QUEUE_SETTINGS, useValue: settings }, GenerationQueueRepository, GenerationJobsService, GenerationRefundsListener, AutomixSourceRepository],
    };
  }
}
