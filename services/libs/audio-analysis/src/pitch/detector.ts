import { ComplexFft, RealFft } from '../dsp/fft';

/**
 * One frame's pitch. `frequency` is the best periodicity candidate even when
 * `voiced` is false (0 only when the frame has no candidate at all, e.g.
 * silence), so callers can score raw pitch the way MIREX does.
 */
export interface PitchEstimate {
  frequency: number;
  /** Normalised periodicity at the chosen lag, 0..1 (1 = perfectly periodic). */
  confidence: number;
  voiced: boolean;
}

export interface PitchDetectorOptions {
  sampleRate: number;
  /** Samples per analysis frame, a power of two (default 2048: 46 ms at 44.1 kHz). */
  frameSize?: number;
  /** Lowest pitch searched, Hz (default 70: 80 Hz minus a vibrato's half-semitone, with margin). */
  minFrequency?: number;
  /** Highest pitch searched, Hz (default 1,200: 1 kHz plus vibrato, with margin). */
  maxFrequency?: number;
  /**
   * The first periodicity peak at least this share of the highest one is the
   * period (McLeod's k, default 0.9). Lower favours shorter periods (higher
   * octaves); higher favours the strongest peak.
   */
  peakRatio?: number;
  /** Confidence from which a frame counts as voiced (default 0.6). */
  voicingThreshold?: number;
  /** Frames quieter than this RMS level, dBFS, are unvoiced (default -60). */
  minLevelDb?: number;
}

export const DEFAULT_FRAME_SIZE = 2048;
export const DEFAULT_MIN_FREQUENCY = 70;
export const DEFAULT_MAX_FREQUENCY = 1200;
const DEFAULT_PEAK_RATIO = 0.9;
const DEFAULT_VOICING_THRESHOLD = 0.6;
const DEFAULT_MIN_LEVEL_DB = -60;
/**
 * A candidate period may be at most this many times as aperiodic (1 - NSDF)
 * as the best peak, plus the slack; see pickPeriod.
 */
const APERIODICITY_RATIO = 3;
const APERIODICITY_SLACK = 0.025;
/** RMS below this is digital silence: nothing to correlate. */
const SILENCE_RMS = 1e-7;

/**
 * Per-frame pitch by the McLeod normalised square difference function (NSDF)
 * computed over a fixed integration window, as YIN does:
 *
 *   n(tau) = 2 r(tau) / (e(0) + e(tau)),  r(tau) = sum_{j<W} x[j] x[j+tau],
 *   e(tau) = sum_{j<W} x[j+tau]^2,  W = frameSize - maxLag,
 *
 * which is 1 - d(tau)/(e(0)+e(tau)) for YIN's difference function d, so every
 * lag is judged on the same number of samples and the peaks at T, 2T, 3T of a
 * periodic frame are comparable (McLeod's shrinking window favours short lags).
 * r comes from one FFT cross-correlation: the window and the frame are packed
 * into one complex FFT of frameSize and the product is inverted by a real FFT
 * (a complex FFT of frameSize/2), so a frame costs O(N log N) and allocates nothing.
 * The period is the first key maximum (McLeod) at least `peakRatio` of the
 * highest and, in a clean frame, nearly as periodic as the highest (which
 * stops a strong second harmonic from passing for the pitch). Its value,
 * interpolated, is the confidence; its position is re-measured over the
 * whole frame (three direct dot products) and interpolated by a parabola.
 */
export class PitchDetector {
  readonly sampleRate: number;
  readonly frameSize: number;
  readonly minLag: number;
  readonly maxLag: number;
  readonly window: number;
  /** Level of the last analysed frame, dBFS RMS (-Infinity for digital silence). */
  lastLevelDb = -Infinity;
  /**
   * Level of the two stretches the chosen period was measured on (the window
   * and its lagged copy), dBFS RMS; -Infinity without a period. Lower than
   * lastLevelDb when the frame's energy lies outside them (a note starting at
   * the frame's end), where the period is not the frame's: voicing uses this.
   */
  lastPeriodLevelDb = -Infinity;
  private readonly peakRatio: number;
  private readonly voicingThreshold: number;
  private readonly minLevelDb: number;
  private readonly fft: ComplexFft;
  private readonly realFft: RealFft;
  private readonly re: Float64Array;
  /** The frame as analysed (the FFT overwrites re/im). */
  private readonly samples: Float64Array;
  private readonly im: Float64Array;
  private readonly crossRe: Float64Array;
  private readonly crossIm: Float64Array;
  private readonly correlation: Float64Array;
  private readonly energy: Float64Array;
  /** NSDF of the last frame for lags 0..maxLag; valid while `hasNsdf`. */
  private readonly nsdf: Float64Array;
  private readonly peaks: Int32Array;
  private readonly peakValues: Float64Array;
  private hasNsdf = false;
  private refinedLag = 0;
  private refinedValue = 0;

  constructor(options: PitchDetectorOptions) {
    const { sampleRate } = options;
    const frameSize = options.frameSize ?? DEFAULT_FRAME_SIZE;
    const minFrequency = options.minFrequency ?? DEFAULT_MIN_FREQUENCY;
    const maxFrequency = options.maxFrequency ?? DEFAULT_MAX_FREQUENCY;
    if (!(sampleRate > 0) || !Number.isFinite(sampleRate)) throw new RangeError('sampleRate must be a positive number');
    if (!(minFrequency > 0) || !(maxFrequency > minFrequency) || maxFrequency >= sampleRate / 4) {
      throw new RangeError('need 0 < minFrequency < maxFrequency < sampleRate / 4');
    }
    this.sampleRate = sampleRate;
    this.frameSize = frameSize;
    this.minLag = Math.max(2, Math.floor(sampleRate / maxFrequency));
    // +1 so a period at minFrequency still has a right neighbour to interpolate with.
    this.maxLag = Math.ceil(sampleRate / minFrequency) + 1;
    this.window = frameSize - this.maxLag;
    if (this.window < this.maxLag) {
      throw new RangeError(`frameSize ${frameSize} is too short for ${minFrequency} Hz at ${sampleRate} Hz: need at least two periods`);
    }
    this.peakRatio = options.peakRatio ?? DEFAULT_PEAK_RATIO;
    this.voicingThreshold = options.voicingThreshold ?? DEFAULT_VOICING_THRESHOLD;
    this.minLevelDb = options.minLevelDb ?? DEFAULT_MIN_LEVEL_DB;
    this.fft = new ComplexFft(frameSize);
    this.realFft = new RealFft(frameSize);
    this.re = new Float64Array(frameSize);
    this.samples = new Float64Array(frameSize);
    this.im = new Float64Array(frameSize);
    this.crossRe = new Float64Array(frameSize / 2 + 1);
    this.crossIm = new Float64Array(frameSize / 2 + 1);
    this.correlation = new Float64Array(frameSize);
    this.energy = new Float64Array(frameSize + 1);
    this.nsdf = new Float64Array(this.maxLag + 1);
    this.peaks = new Int32Array(this.maxLag + 1);
    this.peakValues = new Float64Array(this.maxLag + 1);
  }

  /**
   * Analyses `frame[0..frameSize)`, which should carry no DC offset (see
   * PitchTracker, which removes it); a new object per call (detectInto reuses one).
   */
  detect(frame: ArrayLike<number>): PitchEstimate {
    return this.detectInto(frame, { frequency: 0, confidence: 0, voiced: false });
  }

  /** Analyses `frame[0..frameSize)` into `out` and returns it; allocates nothing. */
  detectInto(frame: ArrayLike<number>, out: PitchEstimate): PitchEstimate {
    const n = this.frameSize;
    if (frame.length < n) throw new RangeError(`frame has ${frame.length} samples; the detector needs ${n}`);
    out.frequency = 0;
    out.confidence = 0;
    out.voiced = false;
    this.hasNsdf = false;
    this.lastPeriodLevelDb = -Infinity;

    // No per-frame mean removal: in a frame where a note starts after silence, subtracting the
    // mean turns the silent part into a constant that correlates perfectly with itself. DC is
    // the caller's to remove (PitchTracker runs a DC blocker).
    const re = this.re;
    const im = this.im;
    const samples = this.samples;
    const energy = this.energy;
    const w = this.window;
    let sum = 0;
    energy[0] = 0;
    for (let i = 0; i < n; i++) {
      const x = frame[i]!;
      im[i] = x;
      samples[i] = x;
      re[i] = i < w ? x : 0;
      sum += x * x;
      energy[i + 1] = sum;
    }
    const rms = Math.sqrt(sum / n);
    this.lastLevelDb = rms > 0 ? 20 * Math.log10(rms) : -Infinity;
    if (rms < SILENCE_RMS) return out;

    this.crossCorrelate();
    this.normalise();
    this.hasNsdf = true;

    const lag = this.pickPeriod();
    if (lag < 0) return out;
    this.refine(lag);
    out.confidence = Math.max(0, Math.min(1, this.refinedValue));
    out.frequency = this.sampleRate / this.refineOverFrame(lag);
    const periodPower = (energy[w]! + energy[lag + w]! - energy[lag]!) / (2 * w);
    this.lastPeriodLevelDb = periodPower > 0 ? 10 * Math.log10(periodPower) : -Infinity;
    out.voiced = out.confidence >= this.voicingThreshold && this.lastPeriodLevelDb >= this.minLevelDb;
    return out;
  }

  /**
   * The periodicity of the last frame near `frequency`: the NSDF peak within
   * 3% of its lag, refined. Returns that peak's frequency and value in `out`
   * (voiced false, confidence 0 when the lag is out of range or the last frame
   * had no NSDF). The tracker uses it to weigh octave alternatives.
   */
  candidateAt(frequency: number, out: PitchEstimate): PitchEstimate {
    out.frequency = 0;
    out.confidence = 0;
    out.voiced = false;
    if (!this.hasNsdf || !(frequency > 0)) return out;
    const lag = this.sampleRate / frequency;
    const from = Math.max(1, Math.floor(lag * 0.97));
    const to = Math.min(this.maxLag - 1, Math.ceil(lag * 1.03));
    if (from > to || lag < this.minLag - 1) return out;
    const nsdf = this.nsdf;
    let best = from;
    for (let t = from + 1; t <= to; t++) if (nsdf[t]! > nsdf[best]!) best = t;
    this.refine(best);
    out.frequency = this.sampleRate / this.refinedLag;
    out.confidence = Math.max(0, Math.min(1, this.refinedValue));
    return out;
  }

  /** r(tau) for tau in 0..maxLag into `correlation`: x[0..W) cross x[0..N) through one packed FFT. */
  private crossCorrelate(): void {
    const n = this.frameSize;
    const half = n >> 1;
    const re = this.re;
    const im = this.im;
    this.fft.forward(re, im);
    const cr = this.crossRe;
    const ci = this.crossIm;
    for (let k = 0; k <= half; k++) {
      const m = k === 0 ? 0 : n - k;
      const zr = re[k]!, zi = im[k]!, mr = re[m]!, mi = im[m]!;
      // A = spectrum of the window (real part), B = spectrum of the frame (imaginary part).
      const ar = 0.5 * (zr + mr);
      const ai = 0.5 * (zi - mi);
      const br = 0.5 * (zi + mi);
      const bi = 0.5 * (mr - zr);
      // conj(A) B: the spectrum of r(tau) = sum_j a[j] b[j + tau]
      cr[k] = ar * br + ai * bi;
      ci[k] = ar * bi - ai * br;
    }
    this.realFft.inverse(cr, ci, this.correlation);
  }

  private normalise(): void {
    const r = this.correlation;
    const e = this.energy;
    const nsdf = this.nsdf;
    const w = this.window;
    const e0 = e[w]!;
    for (let t = 0; t <= this.maxLag; t++) {
      const denominator = e0 + e[t + w]! - e[t]!;
      nsdf[t] = denominator > 0 ? (2 * r[t]!) / denominator : 0;
    }
  }

  /**
   * McLeod's key maxima: the highest point between each positive-going zero
   * crossing and the next negative-going one. The lobe around lag 0 has no
   * positive-going crossing, so it is never a candidate. Returns the first
   * key maximum at or above peakRatio x the highest whose aperiodicity is
   * within APERIODICITY_RATIO x the highest's plus APERIODICITY_SLACK, or -1.
   */
  private pickPeriod(): number {
    const nsdf = this.nsdf;
    const peaks = this.peaks;
    const values = this.peakValues;
    const last = this.maxLag - 1;
    let count = 0;
    let searching = false;
    let best = -1;
    for (let t = 1; t <= last; t++) {
      const prev = nsdf[t - 1]!;
      const cur = nsdf[t]!;
      if (prev <= 0 && cur > 0) {
        searching = true;
        best = t;
      } else if (prev > 0 && cur <= 0) {
        if (searching && best >= this.minLag) peaks[count++] = best;
        searching = false;
      } else if (searching && cur > nsdf[best]!) {
        best = t;
      }
    }
    // A lobe still open at the last lag counts only if its top is inside the range.
    if (searching && best >= this.minLag && best < last) peaks[count++] = best;
    // Peaks are compared by their interpolated tops: at short periods a sharp peak falls between
    // samples, and its sampled value can sit well under the next period's.
    let highest = 0;
    for (let i = 0; i < count; i++) {
      this.refine(peaks[i]!);
      values[i] = this.refinedValue;
      if (values[i]! > highest) highest = values[i]!;
    }
    if (count === 0 || highest <= 0) return -1;
    const bar = this.peakRatio * highest;
    // In a clean frame the period is nearly as clean as the best peak: a shorter lag at 0.93 when the
    // best is 0.999 is a strong even harmonic (an octave too high), not the period.
    const aperiodicityBar = APERIODICITY_RATIO * (1 - Math.min(1, highest)) + APERIODICITY_SLACK;
    for (let i = 0; i < count; i++) {
      const value = values[i]!;
      if (value >= bar && 1 - value <= aperiodicityBar) return peaks[i]!;
    }
    return -1;
  }

  /**
   * The chosen period, re-measured over the whole frame: the NSDF at lag-1,
   * lag, lag+1 with the longest window those lags allow (about frameSize - lag
   * samples, spanning the whole frame, so centred on it), then a parabola.
   * The fixed window that makes lags comparable holds fewer samples and sits
   * early in the frame; for the period itself more samples mean less noise,
   * and centring puts the estimate at the frame's time (it matters under
   * vibrato). Three direct dot products: O(N).
   */
  private refineOverFrame(lag: number): number {
    if (lag < 2 || lag + 1 > this.maxLag) return this.refinedLag;
    const x = this.samples;
    const m = this.frameSize - lag - 2; // x[j] against x[j + lag + 1] for j < m stays inside the frame
    let a = 0;
    let b = 0;
    let c = 0;
    for (let j = 0; j < m; j++) {
      const xj = x[j]!;
      a += xj * x[j + lag - 1]!;
      b += xj * x[j + lag]!;
      c += xj * x[j + lag + 1]!;
    }
    const energy = this.energy;
    const e0 = energy[m]!;
    const na = (2 * a) / (e0 + energy[m + lag - 1]! - energy[lag - 1]!);
    const nb = (2 * b) / (e0 + energy[m + lag]! - energy[lag]!);
    const nc = (2 * c) / (e0 + energy[m + lag + 1]! - energy[lag + 1]!);
    const curvature = na - 2 * nb + nc;
    if (!(curvature < 0)) return this.refinedLag;
    const shift = (0.5 * (na - nc)) / curvature;
    return Math.abs(shift) <= 1 ? lag + shift : this.refinedLag;
  }

  /** Parabolic interpolation of the NSDF around an integer lag into refinedLag/refinedValue (no tuple: no allocation). */
  private refine(lag: number): void {
    const nsdf = this.nsdf;
    this.refinedLag = lag;
    this.refinedValue = nsdf[lag]!;
    if (lag < 1 || lag >= this.maxLag) return;
    const a = nsdf[lag - 1]!;
    const b = nsdf[lag]!;
    const c = nsdf[lag + 1]!;
    const curvature = a - 2 * b + c;
    if (curvature >= 0) return;
    const shift = (0.5 * (a - c)) / curvature;
    if (Math.abs(shift) > 1) return;
    this.refinedLag = lag + shift;
    this.refinedValue = b - 0.25 * (a - c) * shift;
  }
}
