/**
 * Duplicates a project: the api has no copy route, so the copy is built from
 * the project's export (one request) with the same calls the studio makes:
 * the project, then its tracks, clips (pointing at the same recordings) and
 * markers. Takes are copied as their active clip only.
 */
import type { Api } from '../api/api';
import type { CreateClip, CreateMarker, CreateTrack, Project } from '../api/types';

export async function duplicateProject(api: Api, projectId: string, name?: string): Promise<Project> {
  const doc = await api.exportProject(projectId);
  const source = doc.project;
  const copy = await api.createProject({
    name: (name ?? `${source.name} copy`).slice(0, 120),
    description: source.description || undefined,
    bpm: source.bpm,
    timeSignature: source.timeSignature as NonNullable<Parameters<Api['createProject']>[0]['timeSignature']>,
    key: (source.key ?? null) as Parameters<Api['createProject']>[0]['key'],
    sampleRate: source.sampleRate as Parameters<Api['createProject']>[0]['sampleRate'],
  });
  const trackIds = new Map<string, string>();
  for (const track of [...doc.tracks].sort((a, b) => a.order - b.order)) {
    const body: CreateTrack = { name: track.name, kind: track.kind, volumeDb: track.volumeDb, pan: track.pan, mute: track.mute, solo: track.solo, color: track.color };
    trackIds.set(track.id, (await api.createTrack(copy.id, body)).id);
  }
  const activeTakes = new Set(doc.takeGroups.map((g) => g.activeClipId));
  for (const clip of doc.clips) {
    const trackId = trackIds.get(clip.trackId);
    if (!trackId || (clip.takeGroupId && !activeTakes.has(clip.id))) continue;
    const body: CreateClip = {
      trackId,
      name: clip.name,
      startBeat: clip.startBeat,
      lengthBeats: clip.lengthBeats,
      sourceOffsetSeconds: clip.sourceOffsetSeconds,
      gainDb: clip.gainDb,
      fadeInSeconds: clip.fadeInSeconds,
      fadeOutSeconds: clip.fadeOutSeconds,
      ...(clip.audioFileId ? { audioFileId: clip.audioFileId } : {}),
      ...(clip.notes ? { notes: clip.notes } : {}),
    };
    await api.createClip(copy.id, body);
  }
  for (const marker of doc.markers) {
    const body: CreateMarker = { name: marker.name, kind: marker.kind, beat: marker.beat, color: marker.color };
    await api.createMarker(copy.id, body);
  }
  return copy;
}
