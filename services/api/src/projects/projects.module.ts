import { Module } from '@nestjs/common';
import { ProjectAccess } from './project-access';
import { CollaboratorsController, ProjectsController } from './projects.controller';
import { ProjectsRepository } from './projects.repository';
import { ProjectsService } from './projects.service';
import { ClipsController, MarkersController, TakesController, TracksController } from './timeline.controller';
import { TimelineService } from './timeline.service';

/** Projects, their collaborators and everything on their timelines. Entitlements come from the global BillingModule. */
@Module({
  controllers: [ProjectsController, CollaboratorsController, TracksController, ClipsController, MarkersController, TakesController],
  providers: [ProjectAccess, ProjectsRepository, ProjectsService, TimelineService],
  exports: [ProjectAccess],
})
export class ProjectsModule {}
