import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  clipListSchema,
  clipSchema,
  type CreateClipRequest,
  createClipRequestSchema,
  type CreateMarkerRequest,
  createMarkerRequestSchema,
  type CreateTakeGroupRequest,
  createTakeGroupRequestSchema,
  type CreateTrackRequest,
  createTrackRequestSchema,
  type DeleteQuery,
  deleteQuerySchema,
  listClipsQuerySchema,
  markerListSchema,
  markerSchema,
  projectItemParamsSchema,
  projectParamsSchema,
  takeGroupListSchema,
  takeGroupSchema,
  trackListSchema,
  trackSchema,
  type UpdateClipRequest,
  updateClipRequestSchema,
  type UpdateMarkerRequest,
  updateMarkerRequestSchema,
  type UpdateTakeGroupRequest,
  updateTakeGroupRequestSchema,
  type UpdateTrackRequest,
  updateTrackRequestSchema,
} from '@dawg/contracts';
import { CurrentUser, type Principal, Scopes } from '@dawg/auth';
import { ApiDoc, ZodValidationPipe } from '@dawg/platform';
import { TimelineService } from './timeline.service';

const READ = 'projects:read';
const WRITE = 'projects:write';
const ProjectParams = () => Param(new ZodValidationPipe(projectParamsSchema));
const ItemParams = () => Param(new ZodValidationPipe(projectItemParamsSchema));
const DeleteVersion = () => Query(new ZodValidationPipe(deleteQuerySchema));
type ProjectRef = { projectId: string };
type ItemRef = { projectId: string; id: string };
const EDIT_ERRORS = ['VALIDATION_FAILED', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT'] as const;

@Controller('projects/:projectId/tracks')
export class TracksController {
  constructor(private readonly timeline: TimelineService) {}

  @Get()
  @Scopes(READ)
  @ApiDoc({ summary: 'The project’s tracks in order', response: trackListSchema, errors: ['VALIDATION_FAILED', 'NOT_FOUND'] })
  async list(@CurrentUser() user: Principal, @ProjectParams() p: ProjectRef) {
    return { items: await this.timeline.listTracks(p.projectId, user.id) };
  }

  @Post()
  @Scopes(WRITE)
  @ApiDoc({ summary: 'Add a track (appended unless `order` is given)', response: trackSchema, errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'FORBIDDEN'] })
  create(@CurrentUser() user: Principal, @ProjectParams() p: ProjectRef, @Body(new ZodValidationPipe(createTrackRequestSchema)) body: CreateTrackRequest) {
    return this.timeline.createTrack(p.projectId, user.id, body);
  }

  @Patch(':id')
  @Scopes(WRITE)
  @ApiDoc({ summary: 'Change a track: name, volume, pan, mute, solo, order, colour', response: trackSchema, errors: [...EDIT_ERRORS] })
  update(@CurrentUser() user: Principal, @ItemParams() p: ItemRef, @Body(new ZodValidationPipe(updateTrackRequestSchema)) body: UpdateTrackRequest) {
    return this.timeline.updateTrack(p.projectId, user.id, p.id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Scopes(WRITE)
  @ApiDoc({ summary: 'Delete a track and its clips', response: null, errors: [...EDIT_ERRORS] })
  async remove(@CurrentUser() user: Principal, @ItemParams() p: ItemRef, @DeleteVersion() q: DeleteQuery): Promise<void> {
    await this.timeline.deleteTrack(p.projectId, user.id, p.id, q.version);
  }
}

@Controller('projects/:projectId/clips')
export class ClipsController {
  constructor(private readonly timeline: TimelineService) {}

  @Get()
  @Scopes(READ)
  @ApiDoc({ summary: 'The project’s clips, optionally of one track', response: clipListSchema, errors: ['VALIDATION_FAILED', 'NOT_FOUND'] })
  async list(@CurrentUser() user: Principal, @ProjectParams() p: ProjectRef, @Query(new ZodValidationPipe(listClipsQuerySchema)) q: { trackId?: string }) {
    return { items: await this.timeline.listClips(p.projectId, user.id, q.trackId) };
  }

  @Post()
  @Scopes(WRITE)
  @ApiDoc({ summary: 'Place a clip (audio file or MIDI notes) on a track', response: clipSchema, errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'FORBIDDEN'] })
  create(@CurrentUser() user: Principal, @ProjectParams() p: ProjectRef, @Body(new ZodValidationPipe(createClipRequestSchema)) body: CreateClipRequest) {
    return this.timeline.createClip(p.projectId, user.id, body);
  }

  @Patch(':id')
  @Scopes(WRITE)
  @ApiDoc({ summary: 'Move, trim, fade or re-gain a clip', response: clipSchema, errors: [...EDIT_ERRORS] })
  update(@CurrentUser() user: Principal, @ItemParams() p: ItemRef, @Body(new ZodValidationPipe(updateClipRequestSchema)) body: UpdateClipRequest) {
    return this.timeline.updateClip(p.projectId, user.id, p.id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Scopes(WRITE)
  @ApiDoc({ summary: 'Delete a clip', response: null, errors: [...EDIT_ERRORS] })
  async remove(@CurrentUser() user: Principal, @ItemParams() p: ItemRef, @DeleteVersion() q: DeleteQuery): Promise<void> {
    await this.timeline.deleteClip(p.projectId, user.id, p.id, q.version);
  }
}

@Controller('projects/:projectId/markers')
export class MarkersController {
  constructor(private readonly timeline: TimelineService) {}

  @Get()
  @Scopes(READ)
  @ApiDoc({ summary: 'Section markers in time order', response: markerListSchema, errors: ['VALIDATION_FAILED', 'NOT_FOUND'] })
  async list(@CurrentUser() user: Principal, @ProjectParams() p: ProjectRef) {
    return { items: await this.timeline.listMarkers(p.projectId, user.id) };
  }

  @Post()
  @Scopes(WRITE)
  @ApiDoc({ summary: 'Add a section marker (verse, chorus, bridge, ...)', response: markerSchema, errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'FORBIDDEN'] })
  create(@CurrentUser() user: Principal, @ProjectParams() p: ProjectRef, @Body(new ZodValidationPipe(createMarkerRequestSchema)) body: CreateMarkerRequest) {
    return this.timeline.createMarker(p.projectId, user.id, body);
  }

  @Patch(':id')
  @Scopes(WRITE)
  @ApiDoc({ summary: 'Rename or move a marker', response: markerSchema, errors: [...EDIT_ERRORS] })
  update(@CurrentUser() user: Principal, @ItemParams() p: ItemRef, @Body(new ZodValidationPipe(updateMarkerRequestSchema)) body: UpdateMarkerRequest) {
    return this.timeline.updateMarker(p.projectId, user.id, p.id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Scopes(WRITE)
  @ApiDoc({ summary: 'Delete a marker', response: null, errors: [...EDIT_ERRORS] })
  async remove(@CurrentUser() user: Principal, @ItemParams() p: ItemRef, @DeleteVersion() q: DeleteQuery): Promise<void> {
    await this.timeline.deleteMarker(p.projectId, user.id, p.id, q.version);
  }
}

@Controller('projects/:projectId/takes')
export class TakesController {
  constructor(private readonly timeline: TimelineService) {}

  @Get()
  @Scopes(READ)
  @ApiDoc({ summary: 'Take groups (recorded regions) with their takes', response: takeGroupListSchema, errors: ['VALIDATION_FAILED', 'NOT_FOUND'] })
  async list(@CurrentUser() user: Principal, @ProjectParams() p: ProjectRef) {
    return { items: await this.timeline.listTakeGroups(p.projectId, user.id) };
  }

  @Post()
  @Scopes(WRITE)
  @ApiDoc({ summary: 'Start a take group for a region of a track; clips created with its id become takes', response: takeGroupSchema, errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'FORBIDDEN'] })
  create(@CurrentUser() user: Principal, @ProjectParams() p: ProjectRef, @Body(new ZodValidationPipe(createTakeGroupRequestSchema)) body: CreateTakeGroupRequest) {
    return this.timeline.createTakeGroup(p.projectId, user.id, body);
  }

  @Patch(':id')
  @Scopes(WRITE)
  @ApiDoc({ summary: 'Choose the active take, or rename the group', response: takeGroupSchema, errors: [...EDIT_ERRORS] })
  update(@CurrentUser() user: Principal, @ItemParams() p: ItemRef, @Body(new ZodValidationPipe(updateTakeGroupRequestSchema)) body: UpdateTakeGroupRequest) {
    return this.timeline.updateTakeGroup(p.projectId, user.id, p.id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Scopes(WRITE)
  @ApiDoc({ summary: 'Delete a take group and its takes', response: null, errors: [...EDIT_ERRORS] })
  async remove(@CurrentUser() user: Principal, @ItemParams() p: ItemRef, @DeleteVersion() q: DeleteQuery): Promise<void> {
    await this.timeline.deleteTakeGroup(p.projectId, user.id, p.id, q.version);
  }
}
