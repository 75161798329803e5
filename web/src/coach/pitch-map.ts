/**
 * The vocal coach's drawing maths, pure: a sung frequency to the note lane it
 * falls in and how far off it is (cents), cents to the colour class shown
 * (in tune, sharp, flat), the lanes a reference asks for, and the scrolling
 * time axis. The canvas and the tests both go through these functions.
 */
import { DEFAULT_A4_HZ, DEFAULT_TOLERANCE_CENTS, frequencyToMidi, parsePitchClass, SCALES } from '@dawg/audio-analysis';
import type { MUSICAL_KEYS, VOICE_SCALES, VoiceTarget } from '@dawg/contracts';

export type Tonic = (typeof MUSICAL_KEYS)[number];
export type VoiceScale = (typeof VOICE_SCALES)[number];
export type MelodyNote = Extract<VoiceTarget, { kind: 'melody' }>['notes'][number];

// The note arithmetic is the server's own (@dawg/audio-analysis), so the screen and the scores agree.
export { DEFAULT_TOLERANCE_CENTS, frequencyToMidi as hzToMidi, midiToFrequency as midiToHz, midiToNoteName as noteName } from '@dawg/audio-analysis';
export const DEFAULT_A4 = DEFAULT_A4_HZ;
/** Beyond this the singer is on another note altogether, whatever the lane says. */
export const FAR_CENTS = 50;

/** Where a sung frequency lands: the nearest note (its lane) and the cents from it (positive: sharp). */
export interface LanePosition {
  midi: number;
  cents: number;
}

/**
 * The lane a frequency falls in. With `lanes` (the reference's notes) the
 * nearest of them, so a singer a semitone off still shows against the note
 * meant; without, the nearest equal-tempered note.
 */
export function laneOf(hz: number, lanes?: readonly number[], a4 = DEFAULT_A4): LanePosition | null {
  if (!(hz > 0) || !Number.isFinite(hz)) return null;
  const exact = frequencyToMidi(hz, a4);
  let midi = Math.round(exact);
  if (lanes && lanes.length) {
    midi = lanes[0]!;
    for (const lane of lanes) if (Math.abs(lane - exact) < Math.abs(midi - exact)) midi = lane;
  }
  return { midi, cents: Math.round((exact - midi) * 1000) / 10 };
}

export type PitchClass = 'in-tune' | 'sharp' | 'flat' | 'off' | 'unvoiced';

/**
 * The colour class of a frame: in tune within the tolerance, sharp or flat
 * beyond it, `off` beyond FAR_CENTS (another note), `unvoiced` without pitch.
 */
export function centsClass(cents: number | null, toleranceCents = DEFAULT_TOLERANCE_CENTS): PitchClass {
  if (cents === null || !Number.isFinite(cents)) return 'unvoiced';
  const size = Math.abs(cents);
  if (size <= toleranceCents) return 'in-tune';
  if (size > FAR_CENTS) return 'off';
  return cents > 0 ? 'sharp' : 'flat';
}

/** The canvas colour of each class (the legend uses the same). */
export const PITCH_COLOURS: Record<PitchClass, string> = {
  'in-tune': '#52c41a',
  sharp: '#ff7a45',
  flat: '#40a9ff',
  off: '#ff4d4f',
  unvoiced: '#595959',
};

/** Every MIDI note of a key between `low` and `high`, ascending. */
export function scaleNotes(tonic: Tonic, scale: VoiceScale, low: number, high: number): number[] {
  const root = parsePitchClass(tonic);
  const pcs = new Set<number>(SCALES[scale].map((s) => (root + s) % 12));
  const notes: number[] = [];
  for (let n = Math.ceil(low); n <= high; n++) if (pcs.has(((n % 12) + 12) % 12)) notes.push(n);
  return notes;
}

/** The singer's range the lanes cover when a key (not a melody) is the reference: about G2 to C6. */
export const VOICE_RANGE = { low: 43, high: 84 } as const;

/** The note lanes a reference asks for: a melody's notes, one note, or the key's notes in the singer's range. */
export function targetLanes(target: VoiceTarget, range: { low: number; high: number } = VOICE_RANGE): number[] {
  if (target.kind === 'note') return [target.midi];
  if (target.kind === 'melody') return [...new Set(target.notes.map((n) => n.midi))].sort((a, b) => a - b);
  return scaleNotes(target.tonic, target.scale, range.low, range.high);
}

/** The MIDI range drawn: the lanes with a margin, at least an octave, so a slip shows as a slip. */
export function visibleRange(lanes: readonly number[], sung: readonly number[] = [], margin = 2): { low: number; high: number } {
  const all = [...lanes, ...sung];
  if (!all.length) return { low: 57, high: 69 };
  let low = Math.floor(Math.min(...all)) - margin;
  let high = Math.ceil(Math.max(...all)) + margin;
  if (high - low < 12) {
    const grow = 12 - (high - low);
    low -= Math.floor(grow / 2);
    high += Math.ceil(grow / 2);
  }
  return { low, high };
}

/** A MIDI clip's notes as a melody target in seconds from the clip's start (the take's time 0). */
export function melodyFromClip(notes: ReadonlyArray<{ pitch: number; startBeat: number; lengthBeats: number }>, bpm: number): MelodyNote[] {
  const secondsPerBeat = 60 / bpm;
  return [...notes]
    .filter((n) => n.pitch >= 21 && n.pitch <= 108 && n.lengthBeats > 0)
    .sort((a, b) => a.startBeat - b.startBeat || a.pitch - b.pitch)
    .map((n) => ({ midi: n.pitch, startSeconds: round(Math.max(0, n.startBeat) * secondsPerBeat, 4), durationSeconds: round(n.lengthBeats * secondsPerBeat, 4) }));
}

/** The scrolling view: `now` sits at `nowX`, older frames to its left, `secondsVisible` across the width. */
export interface TimeAxis {
  width: number;
  secondsVisible: number;
  /** Where "now" is drawn, 0-1 of the width (the rest shows what comes next in a melody). */
  nowFraction: number;
}

export function timeToX(seconds: number, now: number, axis: TimeAxis): number {
  const pxPerSecond = axis.width / axis.secondsVisible;
  return axis.width * axis.nowFraction - (now - seconds) * pxPerSecond;
}

/** The oldest time still on screen. */
export function visibleSince(now: number, axis: TimeAxis): number {
  return now - axis.secondsVisible * axis.nowFraction;
}

/** A (fractional) MIDI note to y: `high` at the top, each lane one `laneHeight` tall, centred on its note. */
export function midiToY(midi: number, range: { low: number; high: number }, height: number): number {
  const lanes = range.high - range.low + 1;
  const laneHeight = height / lanes;
  return (range.high - midi + 0.5) * laneHeight;
}

/** Grid lines (seconds since the take began) between `from` and `to` for a tempo: every beat, and which ones start a bar. */
export function gridLines(from: number, to: number, bpm: number, beatsPerBar: number, offsetSeconds = 0): Array<{ seconds: number; bar: boolean }> {
  const beat = 60 / bpm;
  const lines: Array<{ seconds: number; bar: boolean }> = [];
  const first = Math.ceil((from - offsetSeconds) / beat);
  for (let i = Math.max(0, first); offsetSeconds + i * beat <= to; i++) lines.push({ seconds: offsetSeconds + i * beat, bar: i % beatsPerBar === 0 });
  return lines;
}

/** The cents needle's angle, degrees: ±50 cents spans ±60°, clamped. */
export function needleAngle(cents: number | null): number {
  if (cents === null) return 0;
  return Math.max(-60, Math.min(60, (cents / 50) * 60));
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
