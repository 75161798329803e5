import type { Clip, Marker, MarkerKind, TakeGroup, Track } from '@dawg/contracts';
import type { ClipEntity, MarkerEntity, TakeGroupEntity, TrackEntity } from '@dawg/db';

export function toTrack(t: TrackEntity): Track {
  return {
    id: t.id,
    projectId: t.projectId,
    name: t.name,
    kind: t.kind,
    volumeDb: t.volumeDb,
    pan: t.pan,
    mute: t.mute,
    solo: t.solo,
    order: t.position,
    color: t.color,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    version: t.version,
  };
}

export function toClip(c: ClipEntity): Clip {
  return {
    id: c.id,
    projectId: c.projectId,
    trackId: c.trackId,
    name: c.name,
    startBeat: c.startBeat,
    lengthBeats: c.lengthBeats,
    sourceOffsetSeconds: c.sourceOffsetSeconds,
    gainDb: c.gainDb,
    fadeInSeconds: c.fadeInSeconds,
    fadeOutSeconds: c.fadeOutSeconds,
    audioFileId: c.audioFileId,
    notes: c.notes,
    takeGroupId: c.takeGroupId,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    version: c.version,
  };
}

export function toMarker(m: MarkerEntity): Marker {
  return { id: m.id, projectId: m.projectId, name: m.name, kind: m.kind as MarkerKind, beat: m.beat, color: m.color, version: m.version };
}

/** `clips` may be every clip of the project; only this group's takes are listed, oldest first. */
export function toTakeGroup(g: TakeGroupEntity, clips: ClipEntity[]): TakeGroup {
  return {
    id: g.id,
    projectId: g.projectId,
    trackId: g.trackId,
    name: g.name,
    startBeat: g.startBeat,
    lengthBeats: g.lengthBeats,
    activeClipId: g.activeClipId,
    clipIds: clips
      .filter((c) => c.takeGroupId === g.id)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((c) => c.id),
    version: g.version,
  };
}
