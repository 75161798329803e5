import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  Clip,
  CreateClipRequest,
  CreateMarkerRequest,
  CreateTakeGroupRequest,
  CreateTrackRequest,
  Marker,
  TakeGroup,
  Track,
  UpdateClipRequest,
  UpdateMarkerRequest,
  UpdateTakeGroupRequest,
  UpdateTrackRequest,
} from '@dawg/contracts';
import { AudioFileEntity, ClipEntity, MarkerEntity, TakeGroupEntity, TrackEntity } from '@dawg/db';
import { AppError } from '@dawg/platform';
import { type ProjectAction, ProjectAccess } from './project-access';
import { type ProjectChangeNotice, ProjectEvents } from './project-events';
import { toClip, toMarker, toTakeGroup, toTrack } from './timeline.mappers';
import { definedOnly, deleteVersioned, touchProject, updateVersioned } from './versioned';

/** Colours new tracks and markers cycle through, so neighbours differ at a glance. */
const PALETTE = ['#e8594f', '#f0a33a', '#e9d44c', '#5cc46a', '#3fb8c9', '#4f83e8', '#8e63e0', '#d65fb0'];

/**
 * Everything on a project's timeline: tracks, clips, section markers and
 * take groups. Every call checks the caller's role first and works inside
 * one transaction.
 */
@Injectable()
export class TimelineService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ProjectAccess,
    private readonly events: ProjectEvents,
  ) {}

  /** Runs `work` in one transaction after checking the caller's role; once committed, `announce` tells the project's room. */
  private async inProject<T>(
    projectId: string,
    userId: string,
    action: ProjectAction,
    work: (em: EntityManager) => Promise<T>,
    announce?: (result: T) => ProjectChangeNotice,
  ): Promise<T> {
    const result = await this.db.transaction(async (em) => {
      await this.access.require(projectId, userId, action, em);
      const done = await work(em);
      if (action !== 'view') await touchProject(em, projectId);
      return done;
    });
    if (announce) this.events.changed(projectId, userId, announce(result));
    return result;
  }

  // ------------------------------------------------------------------ tracks

  listTracks(projectId: string, userId: string): Promise<Track[]> {
    return this.inProject(projectId, userId, 'view', async (em) =>
      (await em.find(TrackEntity, { where: { projectId }, order: { position: 'ASC', createdAt: 'ASC' } })).map(toTrack),
    );
  }

  createTrack(projectId: string, userId: string, request: CreateTrackRequest): Promise<Track> {
    return this.inProject(projectId, userId, 'edit', async (em) => {
      // Track order is rewritten under a lock on the project row, so concurrent inserts keep distinct positions.
      await em.query(`SELECT 1 FROM projects WHERE id = $1 FOR UPDATE`, [projectId]);
      const count = await em.count(TrackEntity, { where: { projectId } });
      const position = Math.min(request.order ?? count, count);
      await em.query(`UPDATE tracks SET position = position + 1 WHERE project_id = $1 AND position >= $2`, [projectId, position]);
      const track = await em.save(
        em.create(TrackEntity, {
          projectId,
          name: request.name,
          kind: request.kind,
          volumeDb: request.volumeDb ?? 0,
          pan: request.pan ?? 0,
          mute: request.mute ?? false,
          solo: request.solo ?? false,
          position,
          color: request.color ?? PALETTE[count % PALETTE.length]!,
        }),
      );
      return toTrack(track);
    }, (track) => ({ change: { entity: 'track', action: 'created', id: track.id }, track }));
  }

  updateTrack(projectId: string, userId: string, id: string, request: UpdateTrackRequest): Promise<Track> {
    return this.inProject(projectId, userId, 'edit', async (em) => {
      const { version, order, ...fields } = request;
      if (order !== undefined) await this.moveTrack(em, projectId, id, order);
      return toTrack(await updateVersioned(em, TrackEntity, 'The track', { id, projectId }, version, fields));
    }, (track) => ({ change: { entity: 'track', action: 'updated', id }, track }));
  }

  /** Moves a track to `order`, shifting the tracks between its old and new place. */
  private async moveTrack(em: EntityManager, projectId: string, id: string, order: number): Promise<void> {
    await em.query(`SELECT 1 FROM projects WHERE id = $1 FOR UPDATE`, [projectId]);
    const track = await em.findOneBy(TrackEntity, { id, projectId });
    if (!track) throw AppError.notFound('The track');
    const last = (await em.count(TrackEntity, { where: { projectId } })) - 1;
    const to = Math.min(order, last);
    if (to === track.position) return;
    if (to > track.position) {
      await em.query(`UPDATE tracks SET position = position - 1 WHERE project_id = $1 AND position > $2 AND position <= $3`, [projectId, track.position, to]);
    } else {
      await em.query(`UPDATE tracks SET position = position + 1 WHERE project_id = $1 AND position >= $2 AND position < $3`, [projectId, to, track.position]);
    }
    await em.query(`UPDATE tracks SET position = $2 WHERE id = $1`, [id, to]);
  }

  async deleteTrack(projectId: string, userId: string, id: string, version: number | undefined): Promise<void> {
    await this.inProject(projectId, userId, 'edit', async (em) => {
      await em.query(`SELECT 1 FROM projects WHERE id = $1 FOR UPDATE`, [projectId]);
      const track = await em.findOneBy(TrackEntity, { id, projectId });
      await deleteVersioned(em, TrackEntity, 'The track', { id, projectId }, version);
      await em.query(`UPDATE tracks SET position = position - 1 WHERE project_id = $1 AND position > $2`, [projectId, track!.position]);
    }, () => ({ change: { entity: 'track', action: 'deleted', id }, trackId: id }));
  }

  // ------------------------------------------------------------------- clips

  listClips(projectId: string, userId: string, trackId?: string): Promise<Clip[]> {
    return this.inProject(projectId, userId, 'view', async (em) =>
      (await em.find(ClipEntity, { where: trackId ? { projectId, trackId } : { projectId }, order: { startBeat: 'ASC', createdAt: 'ASC' } })).map(toClip),
    );
  }

  createClip(projectId: string, userId: string, request: CreateClipRequest): Promise<Clip> {
    return this.inProject(projectId, userId, 'edit', async (em) => {
      await this.checkClipReferences(em, projectId, userId, request);
      const clip = await em.save(
        em.create(ClipEntity, {
          projectId,
          trackId: request.trackId,
          name: request.name ?? '',
          startBeat: request.startBeat,
          lengthBeats: request.lengthBeats,
          sourceOffsetSeconds: request.sourceOffsetSeconds ?? 0,
          gainDb: request.gainDb ?? 0,
          fadeInSeconds: request.fadeInSeconds ?? 0,
          fadeOutSeconds: request.fadeOutSeconds ?? 0,
          audioFileId: request.audioFileId ?? null,
          notes: request.notes ?? null,
          takeGroupId: request.takeGroupId ?? null,
        }),
      );
      // The newest take is the one heard, as in most DAWs; the musician can pick another.
      if (clip.takeGroupId) await em.update(TakeGroupEntity, { id: clip.takeGroupId }, { activeClipId: clip.id, version: () => 'version + 1' });
      return toClip(clip);
    }, (clip) => ({ change: { entity: 'clip', action: 'created', id: clip.id }, trackId: clip.trackId }));
  }

  updateClip(projectId: string, userId: string, id: string, request: UpdateClipRequest): Promise<Clip> {
    return this.inProject(projectId, userId, 'edit', async (em) => {
      const current = await em.findOneBy(ClipEntity, { id, projectId });
      if (!current) throw AppError.notFound('The clip');
      const { version, ...fields } = request;
      await this.checkClipReferences(em, projectId, userId, {
        trackId: fields.trackId ?? current.trackId,
        audioFileId: fields.audioFileId === undefined ? current.audioFileId : fields.audioFileId,
        notes: fields.notes === undefined ? (current.notes ?? undefined) : fields.notes,
        takeGroupId: fields.takeGroupId === undefined ? current.takeGroupId : fields.takeGroupId,
      });
      return toClip(await updateVersioned(em, ClipEntity, 'The clip', { id, projectId }, version, fields));
    }, (clip) => ({ change: { entity: 'clip', action: 'updated', id }, trackId: clip.trackId }));
  }

  async deleteClip(projectId: string, userId: string, id: string, version: number | undefined): Promise<void> {
    await this.inProject(projectId, userId, 'edit', (em) => deleteVersioned(em, ClipEntity, 'The clip', { id, projectId }, version), (clip) => ({ change: { entity: 'clip', action: 'deleted', id }, trackId: clip.trackId }));
  }

  /** A clip may point only at this project's track and take group, and at audio the caller may use; its content must suit the track. */
  private async checkClipReferences(
    em: EntityManager,
    projectId: string,
    userId: string,
    clip: Pick<CreateClipRequest, 'trackId' | 'audioFileId' | 'notes' | 'takeGroupId'>,
  ): Promise<void> {
    const track = await em.findOneBy(TrackEntity, { id: clip.trackId, projectId });
    if (!track) throw AppError.notFound('The track');
    const issues: Array<{ path: string; message: string }> = [];
    if (track.kind === 'midi' && clip.audioFileId) issues.push({ path: 'audioFileId', message: 'a MIDI track holds MIDI clips, not audio' });
    if (track.kind === 'audio' && clip.notes) issues.push({ path: 'notes', message: 'an audio track holds audio clips, not notes' });
    if (issues.length) throw AppError.validation(issues);
    if (clip.audioFileId) {
      const audio = await em
        .createQueryBuilder(AudioFileEntity, 'a')
        .where('a.id = :id AND (a.owner_id = :userId OR a.project_id = :projectId)', { id: clip.audioFileId, userId, projectId })
        .getOne();
      if (!audio) throw AppError.notFound('The audio file');
      if (audio.status !== 'ready') throw AppError.validation([{ path: 'audioFileId', message: 'the upload of this audio file has not been completed' }]);
    }
    if (clip.takeGroupId) {
      const group = await em.findOneBy(TakeGroupEntity, { id: clip.takeGroupId, projectId });
      if (!group) throw AppError.notFound('The take group');
      if (group.trackId !== clip.trackId) throw AppError.validation([{ path: 'takeGroupId', message: 'the take group is on another track' }]);
    }
  }

  // ----------------------------------------------------------------- markers

  listMarkers(projectId: string, userId: string): Promise<Marker[]> {
    return this.inProject(projectId, userId, 'view', async (em) => (await em.find(MarkerEntity, { where: { projectId }, order: { beat: 'ASC' } })).map(toMarker));
  }

  createMarker(projectId: string, userId: string, request: CreateMarkerRequest): Promise<Marker> {
    return this.inProject(projectId, userId, 'edit', async (em) => {
      const count = await em.count(MarkerEntity, { where: { projectId } });
      const marker = em.create(MarkerEntity, { projectId, name: request.name, kind: request.kind ?? 'custom', beat: request.beat, color: request.color ?? PALETTE[count % PALETTE.length]! });
      return toMarker(await em.save(marker));
    }, (marker) => ({ change: { entity: 'marker', action: 'created', id: marker.id } }));
  }

  updateMarker(projectId: string, userId: string, id: string, request: UpdateMarkerRequest): Promise<Marker> {
    return this.inProject(projectId, userId, 'edit', async (em) => {
      const { version, ...fields } = request;
      return toMarker(await updateVersioned(em, MarkerEntity, 'The marker', { id, projectId }, version, fields));
    }, () => ({ change: { entity: 'marker', action: 'updated', id } }));
  }

  async deleteMarker(projectId: string, userId: string, id: string, version: number | undefined): Promise<void> {
    await this.inProject(projectId, userId, 'edit', (em) => deleteVersioned(em, MarkerEntity, 'The marker', { id, projectId }, version), () => ({ change: { entity: 'marker', action: 'deleted', id } }));
  }

  // ------------------------------------------------------------- take groups

  listTakeGroups(projectId: string, userId: string): Promise<TakeGroup[]> {
    return this.inProject(projectId, userId, 'view', async (em) => {
      const groups = await em.find(TakeGroupEntity, { where: { projectId }, order: { startBeat: 'ASC' } });
      const clips = await em.createQueryBuilder(ClipEntity, 'c').where('c.project_id = :projectId AND c.take_group_id IS NOT NULL', { projectId }).getMany();
      return groups.map((g) => toTakeGroup(g, clips));
    });
  }

  createTakeGroup(projectId: string, userId: string, request: CreateTakeGroupRequest): Promise<TakeGroup> {
    return this.inProject(projectId, userId, 'edit', async (em) => {
      const track = await em.findOneBy(TrackEntity, { id: request.trackId, projectId });
      if (!track) throw AppError.notFound('The track');
      const group = await em.save(
        em.create(TakeGroupEntity, { projectId, trackId: track.id, name: request.name ?? '', startBeat: request.startBeat, lengthBeats: request.lengthBeats, activeClipId: null }),
      );
      return toTakeGroup(group, []);
    }, (group) => ({ change: { entity: 'takeGroup', action: 'created', id: group.id }, trackId: group.trackId }));
  }

  updateTakeGroup(projectId: string, userId: string, id: string, request: UpdateTakeGroupRequest): Promise<TakeGroup> {
    return this.inProject(projectId, userId, 'edit', async (em) => {
      const takes = await em.findBy(ClipEntity, { projectId, takeGroupId: id });
      if (request.activeClipId && !takes.some((c) => c.id === request.activeClipId)) {
        throw AppError.validation([{ path: 'activeClipId', message: 'must be one of the take group’s clips' }]);
      }
      const { version, ...fields } = request;
      const group = await updateVersioned(em, TakeGroupEntity, 'The take group', { id, projectId }, version, definedOnly(fields));
      return toTakeGroup(group, takes);
    }, (group) => ({ change: { entity: 'takeGroup', action: 'updated', id }, trackId: group.trackId }));
  }

  /** Deletes the group and its takes (the recordings stay in the audio library). */
  async deleteTakeGroup(projectId: string, userId: string, id: string, version: number | undefined): Promise<void> {
    await this.inProject(projectId, userId, 'edit', async (em) => {
      // Found first: deleting the group sets their take_group_id to null.
      const takes = await em.findBy(ClipEntity, { projectId, takeGroupId: id });
      const group = await deleteVersioned(em, TakeGroupEntity, 'The take group', { id, projectId }, version);
      if (takes.length) await em.delete(ClipEntity, takes.map((c) => c.id));
      return group;
    }, (group) => ({ change: { entity: 'takeGroup', action: 'deleted', id }, trackId: group.trackId }));
  }
}
