import { DEFAULT_A4_HZ, frequencyToMidi, midiToFrequency } from '../pitch/notes';
import { type SegmentableFrame, type SegmentOptions, segmentNotes } from '../pitch/note-segments';

export interface VibratoOptions {
  a4?: number;
  /** Only the last this many seconds of the track are looked at (default 1.5). */
  windowSeconds?: number;
  /** A note needs this long (after trimming its edges) to be analysed: two cycles at 5.5 Hz (default 0.35 s). */
  minDurationSeconds?: number;
  /** Rates searched, Hz (default 3 to 10). */
  searchMinHz?: number;
  searchMaxHz?: number;
  /** Rates that count as vibrato, Hz (default 3.5 to 9). */
  minRateHz?: number;
  maxRateHz?: number;
  /** Smallest extent that counts as vibrato, +-cents (default 15). */
  minExtentCents?: number;
  /** Share of the note's wobble the sinusoid must explain (default 0.5). */
  minRegularity?: number;
  /** Seconds trimmed from each end of a note, where it glides in or out (default 0.03). */
  trimSeconds?: number;
  /**
   * The pitch tracker's frame, seconds (PitchTracker.frameSeconds; default
   * 2,048 samples at 44.1 kHz). A frame's pitch is the sung pitch averaged
   * over the frame less one period, which shrinks a vibrato's swing by
   * sinc(rate x that span) (about 9% at 5.5 Hz for A3); analyzeVibrato
   * divides the extent by that to undo it. 0 turns the correction off.
   */
  frameSeconds?: number;
  /** How notes are told apart (see segmentNotes). */
  segmentation?: SegmentOptions;
}

export interface VibratoAnalysis {
  detected: boolean;
  /** Modulation rate, Hz (0 when nothing could be analysed). */
  rateHz: number;
  /** Half the peak-to-peak swing: the vibrato is +-extentCents around the note. */
  extentCents: number;
  /** Share of the pitch variation (beyond a slow drift) the sinusoid explains, 0..1. */
  regularity: number;
  /** The stretch analysed (the latest note long enough), or null. */
  span: { startSeconds: number; endSeconds: number } | null;
}

/** A sinusoid fitted to one note's pitch curve (in cents) on top of a quadratic drift. */
export interface VibratoFit {
  rateHz: number;
  extentCents: number;
  regularity: number;
  /** Standard deviation of the curve once the sinusoid is removed (drift and noise remain), cents. */
  residualStdCents: number;
  /** Standard deviation of the curve as sung, cents. */
  stdCents: number;
  /** The input curve with the fitted sinusoid taken out (the pitch the vibrato swings around), cents. */
  centreCents: number[];
}

const DEFAULT_FRAME_SECONDS = 2048 / 44100;

/**
 * How long a tracker frame averages the pitch over: the detector refines the
 * period on the whole frame less one period (see PitchDetector).
 */
export function frameSmoothingSeconds(frameSeconds: number, frequency: number): number {
  return frequency > 0 ? Math.max(0, frameSeconds - 1 / frequency) : 0;
}

/** Gain of a moving average over `span` seconds at `rate` Hz: sinc(rate x span), floored so a correction never explodes. */
function smoothingGain(rate: number, span: number): number {
  const x = Math.PI * rate * span;
  return x > 1e-9 ? Math.max(0.5, Math.sin(x) / x) : 1;
}

const NONE: VibratoAnalysis = { detected: false, rateHz: 0, extentCents: 0, regularity: 0, span: null };

/**
 * Vibrato of the latest sustained note in a pitch track. The track is split
 * into notes first (segmentNotes), so a note change inside the window is not
 * mistaken for a swing; the latest note at least minDurationSeconds long is
 * fitted with a sinusoid over a quadratic drift (fitVibrato).
 */
export function analyzeVibrato(frames: readonly SegmentableFrame[], options: VibratoOptions = {}): VibratoAnalysis {
  const a4 = options.a4 ?? DEFAULT_A4_HZ;
  const window = options.windowSeconds ?? 1.5;
  const minDuration = options.minDurationSeconds ?? 0.35;
  const trim = options.trimSeconds ?? 0.03;
  if (frames.length === 0) return NONE;
  const end = frames[frames.length - 1]!.timeSeconds;
  let first = frames.length;
  while (first > 0 && frames[first - 1]!.timeSeconds >= end - window) first--;
  const recent = frames.slice(first);
  const notes = segmentNotes(recent, { a4, ...options.segmentation });
  for (let n = notes.length - 1; n >= 0; n--) {
    const note = notes[n]!;
    const from = note.startSeconds + trim;
    const to = note.endSeconds - trim;
    if (to - from < minDuration) continue;
    const times: number[] = [];
    const cents: number[] = [];
    for (const i of note.frameIndices) {
      const frame = recent[i]!;
      if (frame.timeSeconds < from || frame.timeSeconds > to) continue;
      times.push(frame.timeSeconds);
      cents.push(100 * frequencyToMidi(frame.frequency, a4));
    }
    const smoothingSeconds = frameSmoothingSeconds(options.frameSeconds ?? DEFAULT_FRAME_SECONDS, midiToFrequency(note.medianMidi, a4));
    const fit = fitVibrato(times, cents, { ...options, smoothingSeconds });
    if (!fit) continue;
    return {
      detected: isVibrato(fit, options),
      rateHz: fit.rateHz,
      extentCents: fit.extentCents,
      regularity: fit.regularity,
      span: { startSeconds: times[0]!, endSeconds: times[times.length - 1]! },
    };
  }
  return NONE;
}

/** Whether a fit is vibrato by the options' rate, extent and regularity bounds. */
export function isVibrato(fit: Pick<VibratoFit, 'rateHz' | 'extentCents' | 'regularity'>, options: VibratoOptions = {}): boolean {
  return (
    fit.rateHz >= (options.minRateHz ?? 3.5) &&
    fit.rateHz <= (options.maxRateHz ?? 9) &&
    fit.extentCents >= (options.minExtentCents ?? 15) &&
    fit.regularity >= (options.minRegularity ?? 0.5)
  );
}

/**
 * Least-squares fit of cents(t) = c0 + c1 t + c2 t^2 + a sin(wt) + b cos(wt)
 * over a grid of rates (0.05 Hz steps), refined by a parabola through the
 * best three residuals. Works on unevenly spaced frames (gaps where voicing
 * dropped). With smoothingSeconds, the extent is corrected for the frames'
 * own averaging of the pitch over that span (see frameSmoothingSeconds).
 * Returns null with fewer than 8 points.
 */
export function fitVibrato(
  times: ArrayLike<number>,
  cents: ArrayLike<number>,
  options: Pick<VibratoOptions, 'searchMinHz' | 'searchMaxHz'> & { smoothingSeconds?: number } = {},
): VibratoFit | null {
  const n = Math.min(times.length, cents.length);
  if (n < 8) return null;
  const t0 = times[0]!;
  const span = times[n - 1]! - t0;
  if (!(span > 0)) return null;
  const mid = t0 + span / 2;
  const tau = new Float64Array(n);
  const y = new Float64Array(n);
  let mean = 0;
  for (let i = 0; i < n; i++) {
    tau[i] = times[i]! - mid;
    y[i] = cents[i]!;
    mean += y[i]!;
  }
  mean /= n;
  let total = 0;
  for (let i = 0; i < n; i++) {
    y[i]! -= mean;
    total += y[i]! ** 2;
  }
  const stdCents = Math.sqrt(total / n);
  const trendRss = leastSquares(tau, y, 0, 3).rss;
  const minHz = options.searchMinHz ?? 3;
  const maxHz = options.searchMaxHz ?? 10;
  const step = 0.05;
  const steps = Math.round((maxHz - minHz) / step);
  const rss = new Float64Array(steps + 1);
  let best = 0;
  for (let k = 0; k <= steps; k++) {
    rss[k] = leastSquares(tau, y, 2 * Math.PI * (minHz + k * step), 5).rss;
    if (rss[k]! < rss[best]!) best = k;
  }
  let rate = minHz + best * step;
  if (best > 0 && best < steps) {
    const a = rss[best - 1]!;
    const b = rss[best]!;
    const c = rss[best + 1]!;
    const curvature = a - 2 * b + c;
    if (curvature > 0) rate += (step * 0.5 * (a - c)) / curvature;
  }
  const fit = leastSquares(tau, y, 2 * Math.PI * rate, 5);
  const extent = Math.hypot(fit.coefficients[3]!, fit.coefficients[4]!) / smoothingGain(rate, options.smoothingSeconds ?? 0);
  let residual = 0;
  const w = 2 * Math.PI * rate;
  const centreCents = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const wobble = fit.coefficients[3]! * Math.sin(w * tau[i]!) + fit.coefficients[4]! * Math.cos(w * tau[i]!);
    residual += (y[i]! - wobble) ** 2;
    centreCents[i] = cents[i]! - wobble;
  }
  return {
    rateHz: rate,
    extentCents: extent,
    regularity: trendRss > 0 ? Math.max(0, Math.min(1, 1 - fit.rss / trendRss)) : 0,
    residualStdCents: Math.sqrt(residual / n),
    stdCents,
    centreCents,
  };
}

/**
 * Least squares on the first `terms` of [1, t, t^2, sin wt, cos wt] (t scaled
 * to about +-1 for conditioning), through the normal equations.
 */
function leastSquares(tau: Float64Array, y: Float64Array, w: number, terms: 3 | 5): { rss: number; coefficients: number[] } {
  const n = tau.length;
  const scale = 1 / Math.max(1e-9, Math.abs(tau[0]!), Math.abs(tau[n - 1]!));
  const ata = new Float64Array(terms * terms);
  const aty = new Float64Array(terms);
  const row = new Float64Array(terms);
  let yy = 0;
  for (let i = 0; i < n; i++) {
    const t = tau[i]! * scale;
    row[0] = 1;
    row[1] = t;
    row[2] = t * t;
    if (terms === 5) {
      row[3] = Math.sin(w * tau[i]!);
      row[4] = Math.cos(w * tau[i]!);
    }
    const v = y[i]!;
    yy += v * v;
    for (let r = 0; r < terms; r++) {
      aty[r]! += row[r]! * v;
      for (let c = r; c < terms; c++) ata[r * terms + c]! += row[r]! * row[c]!;
    }
  }
  for (let r = 0; r < terms; r++) for (let c = 0; c < r; c++) ata[r * terms + c] = ata[c * terms + r]!;
  const coefficients = solve(ata, Array.from(aty), terms);
  let explained = 0;
  for (let r = 0; r < terms; r++) explained += coefficients[r]! * aty[r]!;
  return { rss: Math.max(0, yy - explained), coefficients };
}

/** Gaussian elimination with partial pivoting on an n x n system (tiny: n <= 5); singular directions get 0. */
function solve(a: Float64Array, b: number[], n: number): number[] {
  const m = Float64Array.from(a);
  const x = b.slice();
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r * n + col]!) > Math.abs(m[pivot * n + col]!)) pivot = r;
    if (Math.abs(m[pivot * n + col]!) < 1e-12) continue;
    if (pivot !== col) {
      for (let c = 0; c < n; c++) {
        const tmp = m[col * n + c]!;
        m[col * n + c] = m[pivot * n + c]!;
        m[pivot * n + c] = tmp;
      }
      const tmp = x[col]!;
      x[col] = x[pivot]!;
      x[pivot] = tmp;
    }
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const factor = m[r * n + col]! / m[col * n + col]!;
      if (factor === 0) continue;
      for (let c = col; c < n; c++) m[r * n + c]! -= factor * m[col * n + c]!;
      x[r]! -= factor * x[col]!;
    }
  }
  for (let r = 0; r < n; r++) x[r] = Math.abs(m[r * n + r]!) < 1e-12 ? 0 : x[r]! / m[r * n + r]!;
  return x;
}
