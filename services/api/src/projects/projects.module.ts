import { Module } from '@nestjs/common';
import { ApiSocketModule } from '../realtime/api-socket.module';
import { ProjectAccess } from './project-access';
import { ProjectEvents } from './project-events';
import { ProjectsGateway } from './projects.gateway';
import { CollaboratorsController, ProjectsController } from './projects.controller';
import { ProjectsRepository } from './projects.repository';
import { ProjectsService } from './projects.service';
import { ClipsController, MarkersController, TakesController, TracksController } from './timeline.controller';
import { TimelineService } from './timeline.service';

/** Projects, their collaborators and everything on their timelines. Entitlements come from the global BillingModule. */
@Module({
  imports: [ApiSocketModule],
  controllers: [ProjectsController, CollaboratorsController, TracksController, ClipsController, MarkersController, TakesController],
  providers: [ProjectAccess, ProjectsRepository, ProjectsService, TimelineService, ProjectEvents, ProjectsGateway],
  exports: [ProjectAccess],
})
export class ProjectsModule {}
