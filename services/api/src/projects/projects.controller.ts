import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  type AddCollaboratorRequest,
  addCollaboratorRequestSchema,
  collaboratorListSchema,
  collaboratorSchema,
  type CreateProjectRequest,
  createProjectRequestSchema,
  type DeleteQuery,
  deleteQuerySchema,
  idParamsSchema,
  type ListProjectsQuery,
  listProjectsQuerySchema,
  projectDocumentSchema,
  projectMemberParamsSchema,
  projectPageSchema,
  projectParamsSchema,
  projectSchema,
  type UpdateCollaboratorRequest,
  updateCollaboratorRequestSchema,
  type UpdateProjectRequest,
  updateProjectRequestSchema,
} from '@dawg/contracts';
import { CurrentUser, type Principal, Scopes } from '@dawg/auth';
import { ApiDoc, ZodValidationPipe } from '@dawg/platform';
import { ProjectsService } from './projects.service';

const READ = 'projects:read';
const WRITE = 'projects:write';

@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Get()
  @Scopes(READ)
  @ApiDoc({ summary: 'List my projects and those shared with me (paged, sorted, filtered by name)', response: projectPageSchema, errors: ['VALIDATION_FAILED'] })
  list(@CurrentUser() user: Principal, @Query(new ZodValidationPipe(listProjectsQuerySchema)) query: ListProjectsQuery) {
    return this.projects.list(user.id, query);
  }

  @Post()
  @Scopes(WRITE)
  @ApiDoc({ summary: 'Create a project', response: projectSchema, errors: ['VALIDATION_FAILED', 'PAYMENT_REQUIRED'] })
  create(@CurrentUser() user: Principal, @Body(new ZodValidationPipe(createProjectRequestSchema)) body: CreateProjectRequest) {
    return this.projects.create(user.id, body);
  }

  @Get(':id')
  @Scopes(READ)
  @ApiDoc({ summary: 'A project', response: projectSchema, errors: ['VALIDATION_FAILED', 'NOT_FOUND'] })
  get(@CurrentUser() user: Principal, @Param(new ZodValidationPipe(idParamsSchema)) params: { id: string }) {
    return this.projects.get(params.id, user.id);
  }

  @Patch(':id')
  @Scopes(WRITE)
  @ApiDoc({ summary: 'Change a project (send the version you read)', response: projectSchema, errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT'] })
  update(@CurrentUser() user: Principal, @Param(new ZodValidationPipe(idParamsSchema)) params: { id: string }, @Body(new ZodValidationPipe(updateProjectRequestSchema)) body: UpdateProjectRequest) {
    return this.projects.update(params.id, user.id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Scopes(WRITE)
  @ApiDoc({ summary: 'Delete a project and everything on its timeline (owner only)', response: null, errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT'] })
  async remove(@CurrentUser() user: Principal, @Param(new ZodValidationPipe(idParamsSchema)) params: { id: string }, @Query(new ZodValidationPipe(deleteQuerySchema)) query: DeleteQuery): Promise<void> {
    await this.projects.remove(params.id, user.id, query.version);
  }

  @Get(':id/export')
  @Scopes(READ)
  @ApiDoc({ summary: 'The whole project as one JSON document', response: projectDocumentSchema, errors: ['VALIDATION_FAILED', 'NOT_FOUND'] })
  export(@CurrentUser() user: Principal, @Param(new ZodValidationPipe(idParamsSchema)) params: { id: string }) {
    return this.projects.export(params.id, user.id);
  }
}

@Controller('projects/:projectId/collaborators')
export class CollaboratorsController {
  constructor(private readonly projects: ProjectsService) {}

  @Get()
  @Scopes(READ)
  @ApiDoc({ summary: 'Who works on this project, owner first', response: collaboratorListSchema, errors: ['VALIDATION_FAILED', 'NOT_FOUND'] })
  async list(@CurrentUser() user: Principal, @Param(new ZodValidationPipe(projectParamsSchema)) params: { projectId: string }) {
    return { items: await this.projects.collaborators(params.projectId, user.id) };
  }

  @Post()
  @Scopes(WRITE)
  @ApiDoc({ summary: 'Invite an account as editor or viewer (owner only)', response: collaboratorSchema, errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT'] })
  add(@CurrentUser() user: Principal, @Param(new ZodValidationPipe(projectParamsSchema)) params: { projectId: string }, @Body(new ZodValidationPipe(addCollaboratorRequestSchema)) body: AddCollaboratorRequest) {
    return this.projects.addCollaborator(params.projectId, user.id, body);
  }

  @Patch(':userId')
  @Scopes(WRITE)
  @ApiDoc({ summary: 'Change a collaborator’s role (owner only)', response: collaboratorSchema, errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'FORBIDDEN'] })
  update(
    @CurrentUser() user: Principal,
    @Param(new ZodValidationPipe(projectMemberParamsSchema)) params: { projectId: string; userId: string },
    @Body(new ZodValidationPipe(updateCollaboratorRequestSchema)) body: UpdateCollaboratorRequest,
  ) {
    return this.projects.updateCollaborator(params.projectId, user.id, params.userId, body.role);
  }

  @Delete(':userId')
  @HttpCode(204)
  @Scopes(WRITE)
  @ApiDoc({ summary: 'Remove a collaborator (the owner), or leave the project (yourself)', response: null, errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'FORBIDDEN'] })
  async remove(@CurrentUser() user: Principal, @Param(new ZodValidationPipe(projectMemberParamsSchema)) params: { projectId: string; userId: string }): Promise<void> {
    await this.projects.removeCollaborator(params.projectId, user.id, params.userId);
  }
}
