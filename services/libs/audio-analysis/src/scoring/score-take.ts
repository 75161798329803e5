import { type TempoGrid, timingAgainstGrid } from '../onsets/grid';
import { type NoteSegment, type SegmentOptions, segmentNotes } from '../pitch/note-segments';
import { DEFAULT_TOLERANCE_CENTS } from '../pitch/notes';
import { type PitchFrame } from '../pitch/tracker';
import { fitVibrato, frameSmoothingSeconds, isVibrato, type VibratoOptions } from '../vibrato/vibrato';

/** A recorded take as the coach saw it. */
export interface Take {
  /** The tracker's frames (cents already against the target when one was set; A4 as the tracker had it). */
  frames: readonly PitchFrame[];
  /** Onset times, seconds. */
  onsets?: readonly number[];
  /** Rhythm is judged against this grid ... */
  grid?: TempoGrid;
  /** ... or, when given, against these reference note starts (seconds). */
  targetOnsets?: readonly number[];
}

export interface ScoringOptions {
  /** In tune within this many cents (default 15). */
  toleranceCents?: number;
  /** On time within this many ms of the grid or the reference note (default 30). */
  rhythmToleranceMs?: number;
  /** Weights of the overall score (defaults 0.5, 0.3, 0.2); a missing part's weight is shared out. */
  weights?: { pitch?: number; rhythm?: number; consistency?: number };
  /** Seconds at each end of a note left out of pitch and steadiness: the glide in and out (default 0.05). */
  noteEdgeSeconds?: number;
  /** Notes at least this long (after the edges) are held notes for steadiness and vibrato (default 0.3 s). */
  heldNoteSeconds?: number;
  /** At most this many feedback messages (default 4). */
  maxFeedback?: number;
  segmentation?: SegmentOptions;
  /** Vibrato bounds, and frameSeconds (the tracker's frame; default 2,048 samples at 44.1 kHz). */
  vibrato?: VibratoOptions;
}

export type FeedbackCode =
  | 'pitch-sharp'
  | 'pitch-flat'
  | 'pitch-sharp-high'
  | 'pitch-flat-high'
  | 'pitch-sharp-low'
  | 'pitch-flat-low'
  | 'pitch-wandering'
  | 'pitch-great'
  | 'rushing'
  | 'dragging'
  | 'timing-loose'
  | 'timing-great'
  | 'unsteady'
  | 'vibrato-great'
  | 'vibrato-fast'
  | 'vibrato-slow'
  | 'vibrato-wide';

export interface Feedback {
  /** Stable, for clients that localise or pick icons. */
  code: FeedbackCode;
  kind: 'praise' | 'tip';
  message: string;
}

export interface TakeDetails {
  voicedFrames: number;
  /** Voiced frames inside notes, edges left out: what pitch accuracy is measured on. */
  scoredFrames: number;
  notes: number;
  heldNotes: number;
  /** Mean signed cents of the scored frames (positive = sharp). */
  meanCents: number | null;
  /** The same over notes above / below the take's median note. */
  highNotesMeanCents: number | null;
  lowNotesMeanCents: number | null;
  /** Mean signed timing of the onsets placed against the grid or reference, ms (negative = early). */
  meanTimingMs: number | null;
  /** Duration-weighted standard deviation of held notes' pitch, vibrato removed, cents. */
  heldNoteStdCents: number | null;
  vibrato: { rateHz: number; extentCents: number; notes: number } | null;
}

export interface TakeScore {
  /**
   * Share of scored frames within toleranceCents, 0-100; null without voiced
   * notes. In a held note with vibrato, the swing is taken out first: the
   * centre of the vibrato is judged.
   */
  pitchAccuracy: number | null;
  /** Share of onsets within rhythmToleranceMs (of the grid, or matched one-to-one with reference onsets), 0-100; null without onsets and a reference. */
  rhythmAccuracy: number | null;
  /** Steadiness of held notes, 0-100 (100 at <= 5 cents std-dev, 0 at >= 35); null without held notes. */
  consistency: number | null;
  /** Weighted mean of the parts present, 0-100; null when none is. */
  overall: number | null;
  feedback: Feedback[];
  details: TakeDetails;
}

const STEADY_CENTS = 5;
const UNSTEADY_CENTS = 35;
const BIAS_CENTS = 10;
const TIMING_BIAS_MS = 20;

/**
 * Scores a take: pitch accuracy, rhythm accuracy, steadiness of held notes and
 * a weighted overall, each 0-100, with a few short, specific messages.
 * Without a target, a note is judged against the equal-tempered note nearest
 * its median pitch, so a singer more than 50 cents off reads as off the other
 * way from the next note.
 */
export function scoreTake(take: Take, options: ScoringOptions = {}): TakeScore {
  const tolerance = options.toleranceCents ?? DEFAULT_TOLERANCE_CENTS;
  const edge = options.noteEdgeSeconds ?? 0.05;
  const held = options.heldNoteSeconds ?? 0.3;
  const frames = take.frames;
  const notes = segmentNotes(frames, options.segmentation);
  const voicedFrames = frames.reduce((n, f) => n + (f.voiced && f.cents !== null ? 1 : 0), 0);

  // Frames inside notes, away from their edges.
  const noteFrames: Array<{ note: NoteSegment; indices: number[] }> = notes.map((note) => ({
    note,
    indices: note.frameIndices.filter((i) => {
      const t = frames[i]!.timeSeconds;
      return frames[i]!.cents !== null && frames[i]!.midi !== null && t >= note.startSeconds + edge && t <= note.endSeconds - edge;
    }),
  }));

  // Held notes: steadiness, and vibrato, whose swing is taken out before pitch is judged
  // (a singer is in tune when the vibrato is centred on the note).
  const judged = new Map<number, number>(); // frame index -> cents the pitch is judged on
  let weightedStd = 0;
  let heldSeconds = 0;
  let heldNotes = 0;
  let vibratoNotes = 0;
  let vibratoRate = 0;
  let vibratoExtent = 0;
  let vibratoSeconds = 0;
  for (const { indices } of noteFrames) {
    const cents = centsAgainstNote(frames, indices);
    indices.forEach((i, k) => judged.set(i, cents[k]!));
    if (indices.length < 8) continue;
    const times = indices.map((i) => frames[i]!.timeSeconds);
    const duration = times[times.length - 1]! - times[0]!;
    if (duration < held) continue;
    const frequency = frames[indices[indices.length >> 1]!]!.frequency;
    const fit = fitVibrato(times, cents, {
      ...options.vibrato,
      smoothingSeconds: frameSmoothingSeconds(options.vibrato?.frameSeconds ?? 2048 / 44100, frequency),
    });
    if (!fit) continue;
    heldNotes++;
    const vibrato = isVibrato(fit, options.vibrato);
    weightedStd += (vibrato ? fit.residualStdCents : fit.stdCents) * duration;
    heldSeconds += duration;
    if (vibrato) {
      indices.forEach((i, k) => judged.set(i, fit.centreCents[k]!));
      vibratoNotes++;
      vibratoRate += fit.rateHz * duration;
      vibratoExtent += fit.extentCents * duration;
      vibratoSeconds += duration;
    }
  }

  // Pitch.
  const scored = noteFrames.flatMap((n) => n.indices);
  const centsOf = (i: number) => judged.get(i)!;
  const inTune = scored.filter((i) => Math.abs(centsOf(i)) <= tolerance).length;
  const pitchAccuracy = scored.length > 0 ? (100 * inTune) / scored.length : null;
  const meanCents = scored.length > 0 ? mean(scored.map(centsOf)) : null;
  const { high, low } = splitByRegister(noteFrames, centsOf);

  // Rhythm.
  const rhythm = scoreRhythm(take, options.rhythmToleranceMs ?? 30);

  const heldNoteStdCents = heldSeconds > 0 ? weightedStd / heldSeconds : null;
  const consistency =
    heldNoteStdCents === null ? null : 100 * clamp01((UNSTEADY_CENTS - heldNoteStdCents) / (UNSTEADY_CENTS - STEADY_CENTS));
  const vibrato =
    vibratoSeconds > 0 ? { rateHz: vibratoRate / vibratoSeconds, extentCents: vibratoExtent / vibratoSeconds, notes: vibratoNotes } : null;

  const weights = { pitch: 0.5, rhythm: 0.3, consistency: 0.2, ...options.weights };
  const parts: Array<[number | null, number]> = [
    [pitchAccuracy, weights.pitch],
    [rhythm.accuracy, weights.rhythm],
    [consistency, weights.consistency],
  ];
  let total = 0;
  let weightSum = 0;
  for (const [value, weight] of parts) {
    if (value === null || !(weight > 0)) continue;
    total += value * weight;
    weightSum += weight;
  }
  const overall = weightSum > 0 ? total / weightSum : null;

  const details: TakeDetails = {
    voicedFrames,
    scoredFrames: scored.length,
    notes: notes.length,
    heldNotes,
    meanCents,
    highNotesMeanCents: high,
    lowNotesMeanCents: low,
    meanTimingMs: rhythm.meanMs,
    heldNoteStdCents,
    vibrato,
  };
  const feedback = buildFeedback(
    { pitchAccuracy, rhythmAccuracy: rhythm.accuracy, consistency, details, tolerance, rhythmTolerance: options.rhythmToleranceMs ?? 30, againstMelody: rhythm.againstMelody },
    options.maxFeedback ?? 4,
  );
  return { pitchAccuracy, rhythmAccuracy: rhythm.accuracy, consistency, overall, feedback, details };
}

/**
 * Each frame's cents against what the note should be: its target when the
 * frames carry one, else the note nearest the note's median pitch, so a note
 * sung 40 cents sharp with vibrato does not flip between two neighbours
 * frame by frame the way nearest-note cents do.
 */
function centsAgainstNote(frames: readonly PitchFrame[], indices: readonly number[]): number[] {
  const exact = indices.map((i) => {
    const f = frames[i]!;
    return (f.targetMidi ?? f.midi!) + f.cents! / 100;
  });
  const sorted = [...exact].sort((a, b) => a - b);
  const nearest = Math.round(sorted.length > 0 ? sorted[sorted.length >> 1]! : 0);
  return indices.map((i, k) => 100 * (exact[k]! - (frames[i]!.targetMidi ?? nearest)));
}

function scoreRhythm(take: Take, toleranceMs: number): { accuracy: number | null; meanMs: number | null; againstMelody: boolean } {
  const onsets = take.onsets ?? [];
  if (take.targetOnsets && take.targetOnsets.length > 0) {
    const targets = take.targetOnsets;
    if (onsets.length === 0) return { accuracy: 0, meanMs: null, againstMelody: true };
    // One-to-one, closest pairs first.
    const pairs: Array<[number, number, number]> = [];
    for (let i = 0; i < onsets.length; i++) {
      for (let j = 0; j < targets.length; j++) {
        const ms = (onsets[i]! - targets[j]!) * 1000;
        if (Math.abs(ms) <= Math.max(toleranceMs, 250)) pairs.push([Math.abs(ms), i, j]);
      }
    }
    pairs.sort((a, b) => a[0] - b[0]);
    const usedOnsets = new Set<number>();
    const usedTargets = new Set<number>();
    const offsets: number[] = [];
    let onTime = 0;
    for (const [, i, j] of pairs) {
      if (usedOnsets.has(i) || usedTargets.has(j)) continue;
      usedOnsets.add(i);
      usedTargets.add(j);
      const ms = (onsets[i]! - targets[j]!) * 1000;
      offsets.push(ms);
      if (Math.abs(ms) <= toleranceMs) onTime++;
    }
    return {
      accuracy: (100 * onTime) / Math.max(onsets.length, targets.length),
      meanMs: offsets.length > 0 ? mean(offsets) : null,
      againstMelody: true,
    };
  }
  if (!take.grid || onsets.length === 0) return { accuracy: null, meanMs: null, againstMelody: false };
  const timings = timingAgainstGrid(onsets, take.grid);
  const onTime = timings.filter((t) => Math.abs(t.offsetMs) <= toleranceMs).length;
  return { accuracy: (100 * onTime) / timings.length, meanMs: mean(timings.map((t) => t.offsetMs)), againstMelody: false };
}

/** Mean cents of the notes above and below the take's median note (null when a side has fewer than two notes). */
function splitByRegister(
  noteFrames: ReadonlyArray<{ note: NoteSegment; indices: number[] }>,
  centsOf: (i: number) => number,
): { high: number | null; low: number | null } {
  const sung = noteFrames.filter((n) => n.indices.length > 0);
  if (sung.length < 4) return { high: null, low: null };
  const pitches = sung.map((n) => n.note.medianMidi).sort((a, b) => a - b);
  const median = (pitches[pitches.length >> 1]! + pitches[(pitches.length - 1) >> 1]!) / 2;
  const side = (pick: (m: number) => boolean) => {
    const group = sung.filter((n) => pick(n.note.medianMidi));
    return group.length >= 2 ? mean(group.flatMap((n) => n.indices.map(centsOf))) : null;
  };
  return { high: side((m) => m > median), low: side((m) => m < median) };
}

interface FeedbackInput {
  pitchAccuracy: number | null;
  rhythmAccuracy: number | null;
  consistency: number | null;
  details: TakeDetails;
  tolerance: number;
  rhythmTolerance: number;
  againstMelody: boolean;
}

/** Tips first (largest problem first), then praise; at most `max`. */
function buildFeedback(input: FeedbackInput, max: number): Feedback[] {
  const { details } = input;
  const tips: Array<[number, Feedback]> = [];
  const praise: Feedback[] = [];
  const direction = (cents: number) => (cents > 0 ? 'sharp' : 'flat');

  const { meanCents, highNotesMeanCents: high, lowNotesMeanCents: low } = details;
  let biasTold = false;
  const registerBias = (side: number | null, other: number | null) =>
    side !== null && Math.abs(side) >= BIAS_CENTS && (other === null || Math.abs(other) < Math.abs(side) / 2 || Math.sign(other) !== Math.sign(side));
  if (registerBias(high, low)) {
    tips.push([Math.abs(high!), tip(`pitch-${direction(high!)}-high`, `You're consistently ${Math.round(Math.abs(high!))} cents ${direction(high!)} on high notes`)]);
    biasTold = true;
  } else if (registerBias(low, high)) {
    tips.push([Math.abs(low!), tip(`pitch-${direction(low!)}-low`, `You're consistently ${Math.round(Math.abs(low!))} cents ${direction(low!)} on low notes`)]);
    biasTold = true;
  } else if (meanCents !== null && Math.abs(meanCents) >= BIAS_CENTS) {
    tips.push([Math.abs(meanCents), tip(`pitch-${direction(meanCents)}`, `You're consistently ${Math.round(Math.abs(meanCents))} cents ${direction(meanCents)}`)]);
    biasTold = true;
  }
  if (!biasTold && input.pitchAccuracy !== null && input.pitchAccuracy < 70) {
    tips.push([
      (70 - input.pitchAccuracy) / 2,
      tip('pitch-wandering', `Pitch wanders: ${Math.round(input.pitchAccuracy)}% of your singing is within ${input.tolerance} cents of the note`),
    ]);
  }
  if (input.pitchAccuracy !== null && input.pitchAccuracy >= 90 && !biasTold) {
    praise.push({ code: 'pitch-great', kind: 'praise', message: `Excellent pitch: ${Math.round(input.pitchAccuracy)}% of your singing is within ${input.tolerance} cents` });
  }

  const timing = details.meanTimingMs;
  let timingTold = false;
  if (timing !== null && Math.abs(timing) >= TIMING_BIAS_MS) {
    const ms = Math.round(Math.abs(timing));
    tips.push([
      ms / 2,
      timing < 0 ? tip('rushing', `Rushing: notes land ${ms} ms early on average`) : tip('dragging', `Dragging: notes land ${ms} ms late on average`),
    ]);
    timingTold = true;
  }
  const reference = input.againstMelody ? 'the melody' : 'the beat';
  if (!timingTold && input.rhythmAccuracy !== null && input.rhythmAccuracy < 70) {
    tips.push([(70 - input.rhythmAccuracy) / 2, tip('timing-loose', `Timing is loose: ${Math.round(input.rhythmAccuracy)}% of notes land within ${input.rhythmTolerance} ms of ${reference}`)]);
  }
  if (input.rhythmAccuracy !== null && input.rhythmAccuracy >= 90 && !timingTold) {
    praise.push({ code: 'timing-great', kind: 'praise', message: `Tight timing: ${Math.round(input.rhythmAccuracy)}% of notes land within ${input.rhythmTolerance} ms of ${reference}` });
  }

  if (input.consistency !== null && input.consistency < 70 && details.heldNoteStdCents !== null) {
    tips.push([
      details.heldNoteStdCents / 2,
      tip('unsteady', `Held notes waver by ±${Math.round(details.heldNoteStdCents)} cents: keep the breath steady to the end of each note`),
    ]);
  }

  const vibrato = details.vibrato;
  if (vibrato) {
    const rate = vibrato.rateHz.toFixed(1);
    if (vibrato.rateHz > 7.2) tips.push([5, tip('vibrato-fast', `Your vibrato is fast (${rate} Hz): let it relax toward 5-6 Hz`)]);
    else if (vibrato.rateHz < 4.5) tips.push([5, tip('vibrato-slow', `Your vibrato is slow (${rate} Hz) and can sound wobbly: aim for 5-6 Hz`)]);
    else if (vibrato.extentCents > 100) tips.push([5, tip('vibrato-wide', `Your vibrato is wide (±${Math.round(vibrato.extentCents)} cents): narrow it toward ±50`)]);
    else praise.push({ code: 'vibrato-great', kind: 'praise', message: `Great vibrato at ${rate} Hz` });
  }

  tips.sort((a, b) => b[0] - a[0]);
  return [...tips.map(([, f]) => f), ...praise].slice(0, Math.max(0, max));
}

function tip(code: FeedbackCode, message: string): Feedback {
  return { code, kind: 'tip', message };
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

function clamp01(x: number): number {
  return Math.max(0, Math.min(1, x));
}
