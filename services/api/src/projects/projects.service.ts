import { Injectable } from '@nestjs/common';
import type {
  AddCollaboratorRequest,
  Collaborator,
  CreateProjectRequest,
  ListProjectsQuery,
  Project,
  ProjectDocument,
  ProjectPage,
  UpdateProjectRequest,
} from '@dawg/contracts';
import { PROJECT_DOCUMENT_FORMAT } from '@dawg/contracts';
import { AudioFileEntity, ClipEntity, MarkerEntity, ProjectEntity, ProjectMemberEntity, TakeGroupEntity, TrackEntity, UserEntity } from '@dawg/db';
import { AppError } from '@dawg/platform';
import { In } from 'typeorm';
import { EntitlementsService } from '../billing/entitlements.service';
import { ProjectAccess } from './project-access';
import { ProjectEvents } from './project-events';
import { ProjectsRepository } from './projects.repository';
import { type ProjectRow, toProject } from './projects.sql';
import { toClip, toMarker, toTakeGroup, toTrack } from './timeline.mappers';
import { definedOnly, staleVersion } from './versioned';

/** Projects: create, read, list, change, delete, export, and who may work on them. */
@Injectable()
export class ProjectsService {
  constructor(
    private readonly projects: ProjectsRepository,
    private readonly access: ProjectAccess,
    private readonly entitlements: EntitlementsService,
    private readonly events: ProjectEvents,
  ) {}

  async create(userId: string, request: CreateProjectRequest): Promise<Project> {
    const project = await this.projects.transaction(async (em) => {
      const owned = await this.projects.lockOwner(em, userId);
      await this.entitlements.assertWithin(userId, 'maxProjects', { used: owned, adding: 1 });
      const saved = await em.save(
        em.create(ProjectEntity, {
          ownerId: userId,
          name: request.name,
          description: request.description ?? '',
          bpm: request.bpm ?? 120,
          timeSignatureNumerator: request.timeSignature?.numerator ?? 4,
          timeSignatureDenominator: request.timeSignature?.denominator ?? 4,
          keyTonic: request.key?.tonic ?? null,
          keyScale: request.key?.scale ?? null,
          sampleRate: request.sampleRate ?? 48000,
        }),
      );
      return toProject({ ...toRow(saved), role: 'owner' });
    });
    this.events.changed(project.id, userId, { change: { entity: 'project', action: 'created', id: project.id }, project });
    return project;
  }

  async get(id: string, userId: string): Promise<Project> {
    const row = await this.projects.findForUser(id, userId);
    if (!row) throw AppError.notFound('The project');
    return toProject(row);
  }

  async list(userId: string, query: ListProjectsQuery): Promise<ProjectPage> {
    const { rows, total } = await this.projects.listForUser(userId, query);
    return { items: rows.map(toProject), page: query.page, pageSize: query.pageSize, total };
  }

  async update(id: string, userId: string, request: UpdateProjectRequest): Promise<Project> {
    const project = await this.projects.transaction(async (em) => {
      const role = await this.access.require(id, userId, 'edit', em);
      const { version, key, timeSignature, ...fields } = request;
      const patch = definedOnly({
        ...fields,
        timeSignatureNumerator: timeSignature?.numerator,
        timeSignatureDenominator: timeSignature?.denominator,
        keyTonic: key === undefined ? undefined : (key?.tonic ?? null),
        keyScale: key === undefined ? undefined : (key?.scale ?? null),
      });
      const result = await em
        .createQueryBuilder()
        .update(ProjectEntity)
        .set({ ...patch, version: () => 'version + 1', updatedAt: () => 'now()' })
        .where('id = :id AND version = :version', { id, version })
        .execute();
      const row = await this.projects.findForUser(id, userId, em);
      if (!row) throw AppError.notFound('The project');
      if (!result.affected) {
        throw staleVersion('The project', row.version);
      }
      return toProject({ ...row, role });
    });
    this.events.changed(id, userId, { change: { entity: 'project', action: 'updated', id }, project });
    return project;
  }

  async remove(id: string, userId: string, version: number | undefined): Promise<void> {
    await this.projects.transaction(async (em) => {
      await this.access.require(id, userId, 'own', em);
      const project = await em.findOne(ProjectEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!project) throw AppError.notFound('The project');
      if (version !== undefined && version !== project.version) {
        throw staleVersion('The project', project.version);
      }
      await em.delete(ProjectEntity, { id });
    });
    this.events.changed(id, userId, { change: { entity: 'project', action: 'deleted', id } });
  }

  /** The whole project as one JSON document (for backups, interchange and the AI's view of the song). */
  async export(id: string, userId: string): Promise<ProjectDocument> {
    const row = await this.projects.findForUser(id, userId);
    if (!row) throw AppError.notFound('The project');
    return this.projects.transaction(async (em) => {
      // One connection runs one query at a time; the snapshot makes the four reads agree.
      const tracks = await em.find(TrackEntity, { where: { projectId: id }, order: { position: 'ASC' } });
      const clips = await em.find(ClipEntity, { where: { projectId: id }, order: { startBeat: 'ASC' } });
      const markers = await em.find(MarkerEntity, { where: { projectId: id }, order: { beat: 'ASC' } });
      const takeGroups = await em.find(TakeGroupEntity, { where: { projectId: id }, order: { startBeat: 'ASC' } });
      const audioIds = [...new Set(clips.map((c) => c.audioFileId).filter((x): x is string => x !== null))];
      const audio = audioIds.length ? await em.find(AudioFileEntity, { where: { id: In(audioIds) } }) : [];
      const { role: _role, ...project } = toProject(row);
      return {
        format: PROJECT_DOCUMENT_FORMAT,
        formatVersion: 1,
        exportedAt: new Date().toISOString(),
        project,
        tracks: tracks.map(toTrack),
        clips: clips.map(toClip),
        markers: markers.map(toMarker),
        takeGroups: takeGroups.map((g) => toTakeGroup(g, clips)),
        audioFiles: audio.map((a) => ({
          id: a.id,
          fileName: a.fileName,
          mimeType: a.mimeType ?? 'application/octet-stream',
          durationSeconds: a.durationSeconds ?? 0,
          sampleRate: a.sampleRate ?? 0,
          channels: a.channels ?? 0,
          sizeBytes: a.sizeBytes,
        })),
      };
    }, { snapshot: true });
  }

  // ------------------------------------------------------------ collaborators

  async collaborators(projectId: string, userId: string): Promise<Collaborator[]> {
    await this.access.require(projectId, userId, 'view');
    return this.projects.transaction(async (em) => {
      const project = await em.findOneByOrFail(ProjectEntity, { id: projectId });
      const owner = await em.findOneByOrFail(UserEntity, { id: project.ownerId });
      const members = await em
        .createQueryBuilder(ProjectMemberEntity, 'm')
        .innerJoinAndMapOne('m.user', UserEntity, 'u', 'u.id = m.user_id')
        .where('m.project_id = :projectId', { projectId })
        .orderBy('m.created_at', 'ASC')
        .getMany();
      return [
        { userId: owner.id, email: owner.email, displayName: owner.displayName, role: 'owner' as const, addedAt: project.createdAt.toISOString() },
        ...members.map((m) => {
          const user = (m as ProjectMemberEntity & { user: UserEntity }).user;
          return { userId: user.id, email: user.email, displayName: user.displayName, role: m.role, addedAt: m.createdAt.toISOString() };
        }),
      ];
    });
  }

  async addCollaborator(projectId: string, userId: string, request: AddCollaboratorRequest): Promise<Collaborator> {
    const collaborator = await this.projects.transaction(async (em) => {
      await this.access.require(projectId, userId, 'own', em);
      const user = await em.getRepository(UserEntity).createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email: request.email }).getOne();
      if (!user) throw AppError.notFound('An account with this email');
      if (user.id === userId) throw new AppError('CONFLICT', 'You own this project already.');
      await em.query(
        `INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, $3)
         ON CONFLICT (project_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
        [projectId, user.id, request.role],
      );
      const member = await em.findOneByOrFail(ProjectMemberEntity, { projectId, userId: user.id });
      return { userId: user.id, email: user.email, displayName: user.displayName, role: member.role, addedAt: member.createdAt.toISOString() };
    });
    this.events.changed(projectId, userId, { change: { entity: 'collaborator', action: 'created', id: collaborator.userId } });
    return collaborator;
  }

  async updateCollaborator(projectId: string, userId: string, memberId: string, role: 'editor' | 'viewer'): Promise<Collaborator> {
    const collaborator = await this.projects.transaction(async (em) => {
      await this.access.require(projectId, userId, 'own', em);
      const result = await em.update(ProjectMemberEntity, { projectId, userId: memberId }, { role });
      if (!result.affected) throw AppError.notFound('The collaborator');
      const member = await em.findOneByOrFail(ProjectMemberEntity, { projectId, userId: memberId });
      const user = await em.findOneByOrFail(UserEntity, { id: memberId });
      return { userId: user.id, email: user.email, displayName: user.displayName, role: member.role, addedAt: member.createdAt.toISOString() };
    });
    this.events.changed(projectId, userId, { change: { entity: 'collaborator', action: 'updated', id: memberId } });
    return collaborator;
  }

  /** The owner removes anyone; a collaborator may remove themself (leave). */
  async removeCollaborator(projectId: string, userId: string, memberId: string): Promise<void> {
    await this.projects.transaction(async (em) => {
      await this.access.require(projectId, userId, memberId === userId ? 'view' : 'own', em);
      const result = await em.delete(ProjectMemberEntity, { projectId, userId: memberId });
      if (!result.affected) throw AppError.notFound('The collaborator');
    });
    this.events.changed(projectId, userId, { change: { entity: 'collaborator', action: 'deleted', id: memberId } });
  }
}

function toRow(p: ProjectEntity): Omit<ProjectRow, 'role'> {
  return {
    id: p.id,
    owner_id: p.ownerId,
    name: p.name,
    description: p.description,
    bpm: p.bpm,
    time_signature_numerator: p.timeSignatureNumerator,
    time_signature_denominator: p.timeSignatureDenominator,
    key_tonic: p.keyTonic,
    key_scale: p.keyScale,
    sample_rate: p.sampleRate,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
    version: p.version,
  };
}
