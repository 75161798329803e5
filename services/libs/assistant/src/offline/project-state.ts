import type { ProjectContext, ProjectMarker, ProjectTrack } from '../types';

/**
 * Reads a project out of a get_project_state result. ai-brain sends the
 * project as the assistant needs it ({ name, bpm, key, tracks, markers }),
 * but the export document ({ project, tracks, markers } with markers in
 * beats) is accepted too, so the offline provider does not break when the
 * shape grows.
 */

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export function projectFromState(value: unknown): ProjectContext | undefined {
  const root = record(value);
  if (!root) return undefined;
  const project = record(root.project) ?? root;
  if (typeof project.bpm !== 'number') return undefined;
  const signature = record(project.timeSignature);
  const beatsPerBar = signature ? (num(signature.numerator, 4) * 4) / num(signature.denominator, 4) : 4;
  const keyRecord = record(project.key);
  const key = keyRecord && typeof keyRecord.tonic === 'string' && typeof keyRecord.scale === 'string' ? { tonic: keyRecord.tonic, scale: keyRecord.scale } : null;
  const rawTracks = Array.isArray(root.tracks) ? root.tracks : Array.isArray(project.tracks) ? project.tracks : [];
  const tracks: Array<ProjectTrack & { order: number }> = [];
  rawTracks.forEach((item, index) => {
    const track = record(item);
    if (!track || typeof track.name !== 'string') return;
    tracks.push({
      id: typeof track.id === 'string' ? track.id : track.name,
      name: track.name,
      kind: track.kind === 'midi' ? 'midi' : 'audio',
      mute: track.mute === true,
      solo: track.solo === true,
      volumeDb: num(track.volumeDb, 0),
      pan: num(track.pan, 0),
      order: num(track.order, index),
    });
  });
  tracks.sort((a, b) => a.order - b.order);
  const rawMarkers = Array.isArray(root.markers) ? root.markers : Array.isArray(project.markers) ? project.markers : [];
  const markers: ProjectMarker[] = [];
  for (const item of rawMarkers) {
    const marker = record(item);
    if (!marker || typeof marker.name !== 'string') continue;
    const bar = typeof marker.bar === 'number' ? marker.bar : typeof marker.beat === 'number' ? marker.beat / beatsPerBar + 1 : undefined;
    if (bar !== undefined) markers.push({ name: marker.name, bar });
  }
  return {
    name: typeof project.name === 'string' ? project.name : 'This project',
    bpm: project.bpm,
    key,
    tracks: tracks.map(({ order: _order, ...track }) => track),
    markers,
  };
}
