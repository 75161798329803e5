import { DEFAULT_A4_HZ, frequencyToMidi } from './notes';
import { type PitchFrame } from './tracker';

/** The parts of a PitchFrame that segmentation reads. */
export type SegmentableFrame = Pick<PitchFrame, 'timeSeconds' | 'frequency' | 'voiced'> & Partial<Pick<PitchFrame, 'targetMidi'>>;

/** A sung note found in a pitch track: frames [startIndex, endIndex) of the track, voiced ones only counted. */
export interface NoteSegment {
  startIndex: number;
  endIndex: number;
  /** Times of its first and last voiced frames. */
  startSeconds: number;
  endSeconds: number;
  /** Median sung pitch, continuous MIDI. */
  medianMidi: number;
  /** The nearest note to it. */
  midi: number;
  /** The most frequent target among its frames, when frames carry targets. */
  targetMidi: number | null;
  /** Indices (into the track) of its voiced frames. */
  frameIndices: number[];
}

export interface SegmentOptions {
  a4?: number;
  /** Unvoiced stretches longer than this end a note (default 0.06 s). */
  maxGapSeconds?: number;
  /**
   * A change of the smoothed pitch of at least this many cents is a new note
   * (default 60): big enough that vibrato, smoothed over smoothingSeconds, never
   * reaches it; small enough for a semitone step.
   */
  stepCents?: number;
  /** Span of the moving mean that smooths vibrato out before steps are looked for (default 0.2 s, about one vibrato cycle). */
  smoothingSeconds?: number;
  /** Shorter pieces are dropped as glitches (default 0.05 s). */
  minNoteSeconds?: number;
}

/**
 * Splits a pitch track into notes: at unvoiced gaps, and where the pitch,
 * smoothed over about one vibrato cycle, steps by stepCents or more. Inside a
 * step the split goes at the largest frame-to-frame jump in the step's
 * direction (and at any other jump of 40 cents or more there), so steps
 * land on the frame where the sung pitch actually changes.
 */
export function segmentNotes(frames: readonly SegmentableFrame[], options: SegmentOptions = {}): NoteSegment[] {
  const a4 = options.a4 ?? DEFAULT_A4_HZ;
  const maxGap = options.maxGapSeconds ?? 0.06;
  const notes: NoteSegment[] = [];
  let run: number[] = [];
  const flush = () => {
    if (run.length > 0) splitRun(frames, run, a4, options, notes);
    run = [];
  };
  for (let i = 0; i < frames.length; i++) {
    const frame = frames[i]!;
    if (!frame.voiced || !(frame.frequency > 0)) continue;
    const previous = run[run.length - 1];
    if (previous !== undefined && frame.timeSeconds - frames[previous]!.timeSeconds > maxGap) flush();
    run.push(i);
  }
  flush();
  return notes;
}

function splitRun(frames: readonly SegmentableFrame[], run: number[], a4: number, options: SegmentOptions, notes: NoteSegment[]): void {
  const stepCents = options.stepCents ?? 60;
  const half = (options.smoothingSeconds ?? 0.2) / 2;
  const minNote = options.minNoteSeconds ?? 0.05;
  const n = run.length;
  const t = run.map((i) => frames[i]!.timeSeconds);
  const raw = run.map((i) => 100 * frequencyToMidi(frames[i]!.frequency, a4));
  // A three-point median first: one stray frame (an attack, a breath) must not look like a step.
  const p = raw.map((v, i) => (i === 0 || i === n - 1 ? v : median3(raw[i - 1]!, v, raw[i + 1]!)));

  // Moving mean over +-half, by two pointers.
  const smooth = new Float64Array(n);
  let lo = 0;
  let hi = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    while (hi < n && t[hi]! <= t[i]! + half) sum += p[hi++]!;
    while (t[lo]! < t[i]! - half) sum -= p[lo++]!;
    smooth[i] = sum / (hi - lo);
  }
  const at = (time: number) => smooth[nearestIndex(t, time)]!;

  const cuts: number[] = [];
  let i = 0;
  while (i < n) {
    const d = at(t[i]! + half) - at(t[i]! - half);
    if (Math.abs(d) < stepCents) {
      i++;
      continue;
    }
    // A step region: consecutive frames whose smoothed change keeps the same sign and size.
    const sign = Math.sign(d);
    let end = i;
    while (end + 1 < n) {
      const next = at(t[end + 1]! + half) - at(t[end + 1]! - half);
      if (Math.sign(next) !== sign || Math.abs(next) < stepCents) break;
      end++;
    }
    let best = -1;
    let bestJump = 0;
    for (let k = Math.max(1, i); k <= Math.min(n - 1, end + 1); k++) {
      const jump = sign * (p[k]! - p[k - 1]!);
      if (jump > bestJump) {
        bestJump = jump;
        best = k;
      }
    }
    for (let k = Math.max(1, i); k <= Math.min(n - 1, end + 1); k++) {
      if (k === best || sign * (p[k]! - p[k - 1]!) >= 40) cuts.push(k);
    }
    i = end + 1;
  }

  let start = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b).concat(n)) {
    if (cut <= start) continue;
    if (t[cut - 1]! - t[start]! >= minNote) notes.push(makeNote(frames, run.slice(start, cut), p.slice(start, cut)));
    start = cut;
  }
}

function makeNote(frames: readonly SegmentableFrame[], indices: number[], pitchCents: number[]): NoteSegment {
  const sorted = [...pitchCents].sort((a, b) => a - b);
  const medianMidi = (sorted[sorted.length >> 1]! + sorted[(sorted.length - 1) >> 1]!) / 200;
  const targets = new Map<number, number>();
  for (const i of indices) {
    const target = frames[i]!.targetMidi;
    if (target !== null && target !== undefined) targets.set(target, (targets.get(target) ?? 0) + 1);
  }
  let targetMidi: number | null = null;
  let most = 0;
  for (const [target, count] of targets) {
    if (count > most) {
      most = count;
      targetMidi = target;
    }
  }
  return {
    startIndex: indices[0]!,
    endIndex: indices[indices.length - 1]! + 1,
    startSeconds: frames[indices[0]!]!.timeSeconds,
    endSeconds: frames[indices[indices.length - 1]!]!.timeSeconds,
    medianMidi,
    midi: Math.round(medianMidi),
    targetMidi,
    frameIndices: indices,
  };
}

/** Index of the value in ascending `times` nearest to `time`. */
function nearestIndex(times: readonly number[], time: number): number {
  let lo = 0;
  let hi = times.length - 1;
  if (time <= times[0]!) return 0;
  if (time >= times[hi]!) return hi;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= time) lo = mid;
    else hi = mid;
  }
  return time - times[lo]! <= times[hi]! - time ? lo : hi;
}

function median3(a: number, b: number, c: number): number {
  return a > b ? (b > c ? b : a > c ? c : a) : a > c ? a : b > c ? c : b;
}
