/**
 * Clip edits as pure functions: each takes a clip (and the project's tempo)
 * and answers the fields to PATCH, so the gesture code, the keyboard and the
 * undo stack all share one definition of "move", "trim", "split" and so on.
 */
import { clamp, roundBeats, secondsPerBeat, type Snap, snapBeat, type TimeSignature } from './grid';

export interface NoteShape {
  pitch: number;
  startBeat: number;
  lengthBeats: number;
  velocity: number;
}

/** The editable fields of a clip (the api's Clip has these and more). */
export interface ClipShape {
  trackId: string;
  name: string;
  startBeat: number;
  lengthBeats: number;
  sourceOffsetSeconds: number;
  gainDb: number;
  fadeInSeconds: number;
  fadeOutSeconds: number;
  audioFileId: string | null;
  notes: NoteShape[] | null;
  takeGroupId: string | null;
}

export type ClipFields = Partial<Omit<ClipShape, 'takeGroupId'>>;

export interface TempoContext {
  bpm: number;
  timeSignature: TimeSignature;
}

/** The shortest clip an edit may leave: a sixteenth note. */
export const MIN_CLIP_BEATS = 0.25;
export const MIN_GAIN_DB = -96;
export const MAX_GAIN_DB = 24;

export const clipEnd = (clip: Pick<ClipShape, 'startBeat' | 'lengthBeats'>): number => clip.startBeat + clip.lengthBeats;

/** Moves a clip by a drag of `deltaBeats`; its new start lands on the grid. */
export function moveClip(clip: ClipShape, deltaBeats: number, snap: Snap, ts: TimeSignature, trackId = clip.trackId): ClipFields {
  const startBeat = snapBeat(clip.startBeat + deltaBeats, snap, ts);
  return trackId === clip.trackId ? { startBeat } : { startBeat, trackId };
}

/**
 * Moves the left edge to `beat` and keeps the right edge: an audio clip then
 * starts later (or earlier) in its recording; a MIDI clip's notes keep their
 * place on the timeline (those left of the new start are dropped).
 * `sourceSeconds` (audio) stops the edge before the recording's start.
 */
export function trimStart(clip: ClipShape, beat: number, snap: Snap, tempo: TempoContext): ClipFields {
  const spb = secondsPerBeat(tempo.bpm);
  const end = clipEnd(clip);
  let start = Math.min(snapBeat(beat, snap, tempo.timeSignature), end - MIN_CLIP_BEATS);
  if (clip.audioFileId) start = Math.max(start, clip.startBeat - clip.sourceOffsetSeconds / spb);
  start = roundBeats(Math.max(0, start));
  const delta = start - clip.startBeat;
  const fields: ClipFields = { startBeat: start, lengthBeats: roundBeats(end - start) };
  if (clip.audioFileId) fields.sourceOffsetSeconds = roundSeconds(Math.max(0, clip.sourceOffsetSeconds + delta * spb));
  if (clip.notes) fields.notes = shiftNotes(clip.notes, -delta).filter((n) => n.startBeat >= 0);
  return { ...fields, ...fitFades(clip, fields.lengthBeats!, tempo.bpm) };
}

/** Moves the right edge to `beat`; an audio clip stops at the end of its recording (`sourceSeconds`). */
export function trimEnd(clip: ClipShape, beat: number, snap: Snap, tempo: TempoContext, sourceSeconds?: number): ClipFields {
  let end = Math.max(snapBeat(beat, snap, tempo.timeSignature), clip.startBeat + MIN_CLIP_BEATS);
  if (clip.audioFileId && sourceSeconds !== undefined) {
    end = Math.min(end, clip.startBeat + (sourceSeconds - clip.sourceOffsetSeconds) / secondsPerBeat(tempo.bpm));
  }
  const lengthBeats = roundBeats(Math.max(MIN_CLIP_BEATS, end - clip.startBeat));
  return { lengthBeats, ...fitFades(clip, lengthBeats, tempo.bpm) };
}

/**
 * Splits a clip at `beat`: the left part keeps the clip (its fade-out goes),
 * the right part is a new clip continuing the same audio (or the notes after
 * the split). Answers null when the split point is not inside the clip.
 */
export function splitClip(clip: ClipShape, beat: number, tempo: TempoContext): { left: ClipFields; right: ClipShape } | null {
  const at = roundBeats(beat);
  if (at - clip.startBeat < MIN_CLIP_BEATS || clipEnd(clip) - at < MIN_CLIP_BEATS) return null;
  const leftLength = roundBeats(at - clip.startBeat);
  const spb = secondsPerBeat(tempo.bpm);
  const left: ClipFields = { lengthBeats: leftLength, fadeOutSeconds: 0 };
  const right: ClipShape = {
    ...clip,
    name: clip.name,
    startBeat: at,
    lengthBeats: roundBeats(clipEnd(clip) - at),
    fadeInSeconds: 0,
    sourceOffsetSeconds: clip.audioFileId ? roundSeconds(clip.sourceOffsetSeconds + leftLength * spb) : 0,
    takeGroupId: null,
  };
  if (clip.notes) {
    left.notes = clip.notes.filter((n) => n.startBeat < leftLength).map((n) => ({ ...n, lengthBeats: roundBeats(Math.min(n.lengthBeats, leftLength - n.startBeat)) }));
    right.notes = shiftNotes(
      clip.notes.filter((n) => n.startBeat >= leftLength),
      -leftLength,
    );
  }
  left.fadeInSeconds = Math.min(clip.fadeInSeconds, leftLength * spb);
  return { left, right };
}

/** A copy of the clip right after it, on the same track. */
export function duplicateClip(clip: ClipShape): ClipShape {
  return { ...clip, startBeat: roundBeats(clipEnd(clip)), takeGroupId: null, notes: clip.notes ? clip.notes.map((n) => ({ ...n })) : null };
}

/** Sets a fade's length from a drag, keeping fade-in + fade-out within the clip. */
export function setFade(clip: ClipShape, which: 'in' | 'out', seconds: number, bpm: number): ClipFields {
  const duration = clip.lengthBeats * secondsPerBeat(bpm);
  const other = which === 'in' ? clip.fadeOutSeconds : clip.fadeInSeconds;
  const value = roundSeconds(clamp(seconds, 0, Math.max(0, duration - other)));
  return which === 'in' ? { fadeInSeconds: value } : { fadeOutSeconds: value };
}

/** Gain from a vertical drag: 0.1 dB per pixel upwards, within the api's range. */
export function dragGain(gainDb: number, deltaPxUp: number): number {
  return Math.round(clamp(gainDb + deltaPxUp * 0.1, MIN_GAIN_DB, MAX_GAIN_DB) * 10) / 10;
}

/** The fields of `fields` whose values differ from the clip's (an edit that changes nothing sends nothing). */
export function changedFields(clip: ClipShape, fields: ClipFields): ClipFields {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    const current = (clip as unknown as Record<string, unknown>)[key];
    if (JSON.stringify(current) !== JSON.stringify(value)) out[key] = value;
  }
  return out as ClipFields;
}

/** The clip's current values of the keys in `fields` (what an undo restores). */
export function pickFields(clip: ClipShape, fields: ClipFields): ClipFields {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) out[key] = (clip as unknown as Record<string, unknown>)[key];
  return out as ClipFields;
}

function fitFades(clip: ClipShape, lengthBeats: number, bpm: number): ClipFields {
  const duration = lengthBeats * secondsPerBeat(bpm);
  if (clip.fadeInSeconds + clip.fadeOutSeconds <= duration) return {};
  const scale = duration / (clip.fadeInSeconds + clip.fadeOutSeconds);
  return { fadeInSeconds: roundSeconds(clip.fadeInSeconds * scale), fadeOutSeconds: roundSeconds(clip.fadeOutSeconds * scale) };
}

const shiftNotes = (notes: NoteShape[], delta: number): NoteShape[] => notes.map((n) => ({ ...n, startBeat: roundBeats(n.startBeat + delta) }));
const roundSeconds = (s: number): number => Math.round(s * 1e6) / 1e6;
