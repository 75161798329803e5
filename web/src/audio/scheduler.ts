/**
 * What the transport plays, as data: for a stretch of the timeline, every
 * audio clip start (context time, offset into the recording, duration, gain,
 * fades), every MIDI note and every metronome click. The engine turns these
 * into Web Audio nodes; the same events render the offline mixdown.
 *
 * Time mapping: a playback `segment` runs the timeline from `fromBeat` to
 * `toBeat` starting at context time `startTime`. A loop is a chain of
 * segments (the first from the play position to the loop end, then the loop
 * again and again), so every event's time is exact, never accumulated.
 */
import { beatUnit, beatsPerBar, secondsPerBeat, type TimeSignature } from '../timeline/grid';

export interface SchedTrack {
  id: string;
  kind: 'audio' | 'midi';
  volumeDb: number;
  pan: number;
  mute: boolean;
  solo: boolean;
}

export interface SchedClip {
  id: string;
  trackId: string;
  startBeat: number;
  lengthBeats: number;
  sourceOffsetSeconds: number;
  gainDb: number;
  fadeInSeconds: number;
  fadeOutSeconds: number;
  audioFileId: string | null;
  notes: Array<{ pitch: number; startBeat: number; lengthBeats: number; velocity: number }> | null;
  takeGroupId: string | null;
}

export interface SchedTakeGroup {
  id: string;
  activeClipId: string | null;
}

export interface SchedProject {
  bpm: number;
  timeSignature: TimeSignature;
  tracks: SchedTrack[];
  clips: SchedClip[];
  takeGroups: SchedTakeGroup[];
  /** Seconds of each audio file (clips never play past their recording). */
  audioDurations: Record<string, number>;
}

export interface Segment {
  fromBeat: number;
  toBeat: number;
  startTime: number;
}

export interface AudioClipEvent {
  type: 'audio';
  clipId: string;
  trackId: string;
  audioFileId: string;
  /** Context time the sound starts. */
  when: number;
  /** Seconds into the recording. */
  offset: number;
  /** Seconds it plays. */
  duration: number;
  /** The clip's gain as a factor. */
  gain: number;
  /** Gain envelope points (context time, factor of `gain`), linear between them; empty means flat. */
  envelope: Array<[number, number]>;
}

export interface NoteEvent {
  type: 'note';
  clipId: string;
  trackId: string;
  pitch: number;
  velocity: number;
  when: number;
  duration: number;
}

export interface ClickEvent {
  type: 'click';
  when: number;
  accent: boolean;
}

export type PlaybackEvent = AudioClipEvent | NoteEvent | ClickEvent;

export const dbToGain = (db: number): number => (db <= -96 ? 0 : 10 ** (db / 20));
export const gainToDb = (gain: number): number => (gain <= 0 ? -Infinity : 20 * Math.log10(gain));

/** The level a track's channel should have now: mute silences, and any solo silences every track not soloed. */
export function trackGain(track: SchedTrack, tracks: readonly SchedTrack[]): number {
  const anySolo = tracks.some((t) => t.solo);
  if (track.mute || (anySolo && !track.solo)) return 0;
  return dbToGain(track.volumeDb);
}

/** Clips that sound: in a take group only its active take plays. */
export function playableClips(project: Pick<SchedProject, 'clips' | 'takeGroups'>): SchedClip[] {
  const active = new Map(project.takeGroups.map((g) => [g.id, g.activeClipId]));
  return project.clips.filter((c) => !c.takeGroupId || !active.has(c.takeGroupId) || active.get(c.takeGroupId) === c.id);
}

/** The segments that play from `positionBeat` at `startTime`, with an optional loop, up to `untilTime`. */
export function playbackSegments(positionBeat: number, startTime: number, bpm: number, loop: { startBeat: number; endBeat: number } | null, untilTime: number): Segment[] {
  const spb = secondsPerBeat(bpm);
  const looping = loop && loop.endBeat - loop.startBeat > 0 && positionBeat < loop.endBeat;
  if (!looping) return [{ fromBeat: positionBeat, toBeat: Infinity, startTime }];
  const segments: Segment[] = [{ fromBeat: positionBeat, toBeat: loop.endBeat, startTime }];
  let t = startTime + (loop.endBeat - positionBeat) * spb;
  const loopSeconds = (loop.endBeat - loop.startBeat) * spb;
  while (t < untilTime) {
    segments.push({ fromBeat: loop.startBeat, toBeat: loop.endBeat, startTime: t });
    t += loopSeconds;
  }
  return segments;
}

/** The timeline position playing at context time `time`, given the segments. */
export function positionAt(segments: readonly Segment[], time: number, bpm: number): number {
  const spb = secondsPerBeat(bpm);
  let current = segments[0];
  for (const s of segments) if (s.startTime <= time) current = s;
  if (!current) return 0;
  const beat = current.fromBeat + Math.max(0, time - current.startTime) / spb;
  return Math.min(beat, current.toBeat);
}

/**
 * Events of `segment` that start in the beat window [windowFrom, windowTo).
 * When the window opens the segment, sounds already under way at its start
 * (a clip or a note begun earlier) are included, started part-way through.
 * Everything stops at the segment's end.
 */
export function eventsInWindow(project: SchedProject, segment: Segment, windowFrom: number, windowTo: number, options: { metronome?: boolean } = {}): PlaybackEvent[] {
  const spb = secondsPerBeat(project.bpm);
  const from = Math.max(windowFrom, segment.fromBeat);
  const to = Math.min(windowTo, segment.toBeat);
  if (to <= from) return [];
  const opensSegment = from === segment.fromBeat;
  const timeOf = (beat: number) => segment.startTime + (beat - segment.fromBeat) * spb;
  const starts = (beat: number, end: number) => (beat >= from && beat < to) || (opensSegment && beat < from && end > from);
  const events: PlaybackEvent[] = [];
  const trackKinds = new Map(project.tracks.map((t) => [t.id, t.kind]));

  for (const clip of playableClips(project)) {
    if (!trackKinds.has(clip.trackId)) continue;
    const clipEnd = Math.min(clip.startBeat + clip.lengthBeats, segment.toBeat);
    if (clip.audioFileId) {
      if (!starts(clip.startBeat, clipEnd)) continue;
      const event = audioEvent(project, clip, Math.max(clip.startBeat, from), clipEnd, timeOf, spb);
      if (event) events.push(event);
    } else if (clip.notes) {
      for (const note of clip.notes) {
        const noteStart = clip.startBeat + note.startBeat;
        if (noteStart >= clip.startBeat + clip.lengthBeats) continue;
        const noteEnd = Math.min(noteStart + note.lengthBeats, clipEnd);
        if (noteEnd <= noteStart || !starts(noteStart, noteEnd)) continue;
        const begin = Math.max(noteStart, from);
        events.push({ type: 'note', clipId: clip.id, trackId: clip.trackId, pitch: note.pitch, velocity: note.velocity, when: timeOf(begin), duration: (noteEnd - begin) * spb });
      }
    }
  }

  if (options.metronome) {
    const unit = beatUnit(project.timeSignature);
    const bar = beatsPerBar(project.timeSignature);
    for (let beat = Math.ceil(from / unit - 1e-9) * unit; beat < to; beat += unit) {
      const inBar = beat / bar;
      events.push({ type: 'click', when: timeOf(beat), accent: Math.abs(inBar - Math.round(inBar)) < 1e-9 });
    }
  }
  return events.sort((a, b) => a.when - b.when);
}

function audioEvent(project: SchedProject, clip: SchedClip, begin: number, end: number, timeOf: (beat: number) => number, spb: number): AudioClipEvent | null {
  const into = (begin - clip.startBeat) * spb;
  const offset = clip.sourceOffsetSeconds + into;
  const sourceSeconds = project.audioDurations[clip.audioFileId!];
  let duration = (end - begin) * spb;
  if (sourceSeconds !== undefined) duration = Math.min(duration, sourceSeconds - offset);
  if (duration <= 1e-6) return null;
  const when = timeOf(begin);
  return {
    type: 'audio',
    clipId: clip.id,
    trackId: clip.trackId,
    audioFileId: clip.audioFileId!,
    when,
    offset,
    duration,
    gain: dbToGain(clip.gainDb),
    envelope: fadeEnvelope(clip.lengthBeats * spb, clip.fadeInSeconds, clip.fadeOutSeconds, into, duration, when),
  };
}

/**
 * The fade envelope of a clip `clipSeconds` long heard from `into` seconds
 * for `duration` seconds from context time `when`: points of a linear ramp
 * up over the fade-in and down over the fade-out, cut to what is heard.
 */
export function fadeEnvelope(clipSeconds: number, fadeIn: number, fadeOut: number, into: number, duration: number, when: number): Array<[number, number]> {
  if (fadeIn <= 0 && fadeOut <= 0) return [];
  const level = (t: number) => {
    let g = 1;
    if (fadeIn > 0 && t < fadeIn) g = Math.min(g, t / fadeIn);
    if (fadeOut > 0 && t > clipSeconds - fadeOut) g = Math.min(g, (clipSeconds - t) / fadeOut);
    return Math.max(0, g);
  };
  const end = into + duration;
  const times = new Set<number>([into, end]);
  if (fadeIn > into && fadeIn < end) times.add(fadeIn);
  const outStart = clipSeconds - fadeOut;
  if (fadeOut > 0 && outStart > into && outStart < end) times.add(outStart);
  return [...times].sort((a, b) => a - b).map((t) => [when + (t - into), level(t)]);
}
