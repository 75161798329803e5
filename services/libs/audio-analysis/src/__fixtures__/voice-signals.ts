/**
 * Deterministic synthetic voices for the vocal-coach tests: seeded noise,
 * harmonic tones with vibrato, note trains with attack envelopes. Everything
 * is a pure function of its arguments and seed.
 */

/*
 * Per-sample loops here call no Math functions: under Jest (whose sandbox global
 * is a Proxy) each Math.sin costs ~200 ns against ~10 ns in plain Node, which
 * made synthesis the bulk of the test time. Oscillators rotate a unit vector by
 * the phase increment instead, its sine and cosine taken by Taylor series.
 */

/** A unit phasor (cos, sin) advanced by small angles without Math calls. */
class Phasor {
  s: number;
  c: number;
  constructor(phase: number) {
    this.s = Math.sin(phase);
    this.c = Math.cos(phase);
  }

  /** Rotates by `w` radians (|w| < 0.5: the series is then exact to double precision). */
  advance(w: number): void {
    const x2 = w * w;
    const sw = w * (1 - (x2 / 6) * (1 - (x2 / 20) * (1 - (x2 / 42) * (1 - x2 / 72))));
    const cw = 1 - (x2 / 2) * (1 - (x2 / 12) * (1 - (x2 / 30) * (1 - (x2 / 56) * (1 - x2 / 90))));
    const s = this.s * cw + this.c * sw;
    const c = this.c * cw - this.s * sw;
    // Keep it on the unit circle (one Newton step for 1 / |v|).
    const g = 1.5 - 0.5 * (s * s + c * c);
    this.s = s * g;
    this.c = c * g;
  }
}

// Bound once: looking Math up on Jest's sandbox global is what costs the most.
const { imul, log, sqrt } = Math;

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal deviates (Marsaglia's polar method) from a uniform source. */
export function gaussian(random: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u = 0;
    let v = 0;
    let q = 0;
    do {
      u = 2 * random() - 1;
      v = 2 * random() - 1;
      q = u * u + v * v;
    } while (q >= 1 || q === 0);
    const k = sqrt((-2 * log(q)) / q);
    spare = v * k;
    return u * k;
  };
}

/** Amplitudes of harmonics 1..n. */
export const PURE = [1];
/** Fundamental 20 dB below harmonics 2-5 (a telephone-like "missing fundamental"). */
export const WEAK_FUNDAMENTAL = [0.1, 1, 1, 1, 1];
/** Even harmonics dominant: the frame is nearly periodic at half the period. */
export const STRONG_SECOND = [0.1, 1, 0.2, 0.7, 0.1, 0.3];
/** A voice-like 1/h rolloff over 8 harmonics. */
export const RICH = [1, 0.5, 0.33, 0.25, 0.2, 0.17, 0.14, 0.12];

export interface Vibrato {
  rateHz: number;
  extentCents: number;
  /** Phase of the vibrato sine at t = 0, radians. */
  phase?: number;
}

export interface ToneSpec {
  sampleRate: number;
  samples: number;
  frequency: number;
  harmonics?: readonly number[];
  vibrato?: Vibrato;
  /** Peak-ish amplitude of the sum (default 0.5). */
  amplitude?: number;
  /** Seed for the harmonics' random starting phases. */
  seed?: number;
}

/** Instantaneous frequency of a tone at `seconds` (the truth for a frame centred there). */
export function toneFrequencyAt(spec: Pick<ToneSpec, 'frequency' | 'vibrato'>, seconds: number): number {
  const v = spec.vibrato;
  if (!v) return spec.frequency;
  return spec.frequency * 2 ** ((v.extentCents / 1200) * Math.sin(2 * Math.PI * v.rateHz * seconds + (v.phase ?? 0)));
}

/** A harmonic tone; harmonics at or above Nyquist are left out. */
export function synthTone(spec: ToneSpec): Float32Array {
  const { sampleRate, samples } = spec;
  const harmonics = spec.harmonics ?? PURE;
  const random = seededRandom(spec.seed ?? 1);
  const phases = harmonics.map(() => 2 * Math.PI * random());
  const cosPhases = phases.map(Math.cos);
  const sinPhases = phases.map(Math.sin);
  let norm = 0;
  for (const a of harmonics) norm += a;
  const gain = (spec.amplitude ?? 0.5) / norm;
  const out = new Float32Array(samples);
  const nyquist = sampleRate / 2;
  const carrier = new Phasor(0);
  const v = spec.vibrato;
  const depth = v ? v.extentCents / 1200 : 0;
  const vibratoStep = v ? (2 * Math.PI * v.rateHz) / sampleRate : 0;
  // The frequency of sample i is taken at its centre, (i + 0.5) / sampleRate, like toneFrequencyAt.
  const modulator = new Phasor(v ? (v.phase ?? 0) + 0.5 * vibratoStep : 0);
  const twoPiOverRate = (2 * Math.PI) / sampleRate;
  for (let i = 0; i < samples; i++) {
    const f = v ? spec.frequency * 2 ** (depth * modulator.s) : spec.frequency;
    out[i] = gain * harmonicSum(harmonics, carrier.s, carrier.c, f, nyquist, cosPhases, sinPhases);
    carrier.advance(twoPiOverRate * f);
    if (v) modulator.advance(vibratoStep);
  }
  return out;
}

const ZEROS: readonly number[] = new Array<number>(64).fill(0);
const ONES: readonly number[] = new Array<number>(64).fill(1);

/**
 * sum_h a[h] sin((h+1) phase + psi[h]) below Nyquist, given s1 = sin(phase)
 * and c1 = cos(phase), by the angle-addition recurrence.
 */
function harmonicSum(a: readonly number[], s1: number, c1: number, f: number, nyquist: number, cosPsi: readonly number[], sinPsi: readonly number[]): number {
  let s = s1;
  let c = c1;
  let sum = 0;
  for (let h = 0; h < a.length; h++) {
    if ((h + 1) * f >= nyquist) break;
    // sin(h phase + psi) = sin(h phase) cos psi + cos(h phase) sin psi
    sum += a[h]! * (s * cosPsi[h]! + c * sinPsi[h]!);
    const next = s * c1 + c * s1;
    c = c * c1 - s * s1;
    s = next;
  }
  return sum;
}

export function rms(signal: ArrayLike<number>, from = 0, to = signal.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += signal[i]! ** 2;
  return sqrt(sum / (to - from > 1 ? to - from : 1));
}

/** Adds white Gaussian noise at `snrDb` below the signal's RMS (over the whole signal), in place. */
export function addNoise(signal: Float32Array, snrDb: number, seed: number): Float32Array {
  const noise = gaussian(seededRandom(seed));
  const sigma = rms(signal) / 10 ** (snrDb / 20);
  for (let i = 0; i < signal.length; i++) signal[i]! += sigma * noise();
  return signal;
}

/** White Gaussian noise at an RMS level in dBFS. */
export function whiteNoise(samples: number, levelDb: number, seed: number): Float32Array {
  const noise = gaussian(seededRandom(seed));
  const sigma = 10 ** (levelDb / 20);
  const out = new Float32Array(samples);
  for (let i = 0; i < samples; i++) out[i] = sigma * noise();
  return out;
}

/** One note of a synthetic phrase. */
export interface SungNote {
  startSeconds: number;
  durationSeconds: number;
  midi: number;
  /** Detuning from the equal-tempered note, cents (default 0). */
  cents?: number;
  /** Attack time, seconds (default 0.02). */
  attackSeconds?: number;
  /** Peak amplitude (default 0.4). */
  amplitude?: number;
  vibrato?: Vibrato;
  /** Continues the previous note's phase and level without a new attack (a legato pitch change). */
  legato?: boolean;
}

export interface PhraseSpec {
  sampleRate: number;
  notes: readonly SungNote[];
  /** Total length; default: the last note's end plus 0.3 s. */
  seconds?: number;
  harmonics?: readonly number[];
  a4?: number;
  /** Release time at each note's end unless the next note is legato (default 0.03 s). */
  releaseSeconds?: number;
}

/**
 * A phrase of harmonic notes: each note rises over its attack, decays gently
 * (-6 dB over a second, like a held sung note) and releases at its end. Legato
 * notes change pitch with a continuous phase and no new attack.
 */
export function synthPhrase(spec: PhraseSpec): Float32Array {
  const { sampleRate, notes } = spec;
  const harmonics = spec.harmonics ?? RICH;
  const a4 = spec.a4 ?? 440;
  const release = spec.releaseSeconds ?? 0.03;
  const last = notes[notes.length - 1];
  const seconds = spec.seconds ?? (last ? last.startSeconds + last.durationSeconds + 0.3 : 0.3);
  const out = new Float32Array(Math.round(seconds * sampleRate));
  let norm = 0;
  for (const a of harmonics) norm += a;
  const carrier = new Phasor(0);
  const twoPiOverRate = (2 * Math.PI) / sampleRate;
  let noteStart = 0; // start of the current legato group, for its envelope
  let groupAmplitude = 0.4;
  let groupAttack = 0.02;
  for (let n = 0; n < notes.length; n++) {
    const note = notes[n]!;
    const next = notes[n + 1];
    if (!note.legato) {
      noteStart = note.startSeconds;
      groupAmplitude = note.amplitude ?? 0.4;
      groupAttack = note.attackSeconds ?? 0.02;
      carrier.s = 0;
      carrier.c = 1;
    }
    const releases = !next?.legato;
    const from = Math.round(note.startSeconds * sampleRate);
    const end = note.startSeconds + note.durationSeconds;
    const to = Math.min(out.length, Math.round((end + (releases ? release : 0)) * sampleRate));
    const base = a4 * 2 ** ((note.midi + (note.cents ?? 0) / 100 - 69) / 12);
    const v = note.vibrato;
    const depth = v ? v.extentCents / 1200 : 0;
    const vibratoStep = v ? (2 * Math.PI * v.rateHz) / sampleRate : 0;
    const modulator = new Phasor(v ? (v.phase ?? 0) + (from / sampleRate - note.startSeconds) * 2 * Math.PI * v.rateHz : 0);
    for (let i = from; i < to; i++) {
      const t = i / sampleRate;
      const f = v ? base * 2 ** (depth * modulator.s) : base;
      const sinceStart = t - noteStart;
      const rise = sinceStart < groupAttack ? sinceStart / groupAttack : 1;
      let env = groupAmplitude * rise * 10 ** ((-6 * sinceStart) / 20);
      if (releases && t > end) {
        const left = 1 - (t - end) / release;
        env *= left > 0 ? left : 0;
      }
      out[i]! += (env / norm) * harmonicSum(harmonics, carrier.s, carrier.c, f, sampleRate / 2, ONES, ZEROS);
      carrier.advance(twoPiOverRate * f);
      if (v) modulator.advance(vibratoStep);
    }
  }
  return out;
}

/** Frequencies from `low` to `high` Hz every `stepSemitones`. */
export function frequencyGrid(low: number, high: number, stepSemitones: number): number[] {
  const out: number[] = [];
  for (let s = 0; low * 2 ** (s / 12) <= high * 1.000001; s += stepSemitones) out.push(low * 2 ** (s / 12));
  return out;
}

/** A test condition for pitch accuracy: a tone recipe plus optional white noise. */
export interface PitchCondition {
  name: string;
  harmonics: readonly number[];
  vibrato?: Vibrato;
  /** White Gaussian noise this many dB below the tone; none when absent. */
  snrDb?: number;
}

/** The conditions the vocal coach's pitch accuracy is held to. */
export const PITCH_CONDITIONS: readonly PitchCondition[] = [
  { name: 'pure tone', harmonics: PURE },
  { name: 'weak fundamental (-20 dB vs h2-h5)', harmonics: WEAK_FUNDAMENTAL },
  { name: 'vibrato 5.5 Hz +-50 cents', harmonics: RICH, vibrato: { rateHz: 5.5, extentCents: 50 } },
  { name: 'white noise 20 dB SNR', harmonics: RICH, snrDb: 20 },
  { name: 'white noise 10 dB SNR', harmonics: RICH, snrDb: 10 },
  { name: 'weak fundamental + 10 dB SNR', harmonics: WEAK_FUNDAMENTAL, snrDb: 10 },
  // Beyond the list: the classic octave-up trap for autocorrelation detectors.
  { name: 'strong 2nd harmonic (h1 -20, h3 -14 dB)', harmonics: STRONG_SECOND },
];

/** A tone of `condition` at `frequency` with a seeded phase (and vibrato phase), noise added. */
export function conditionSignal(condition: PitchCondition, frequency: number, sampleRate: number, samples: number, seed: number): { signal: Float32Array; spec: ToneSpec } {
  const spec: ToneSpec = {
    sampleRate,
    samples,
    frequency,
    harmonics: condition.harmonics,
    seed,
    vibrato: condition.vibrato ? { ...condition.vibrato, phase: 2 * Math.PI * seededRandom(seed ^ 0x5bd1e995)() } : undefined,
  };
  const signal = synthTone(spec);
  if (condition.snrDb !== undefined) addNoise(signal, condition.snrDb, seed * 7919 + 1);
  return { signal, spec };
}

/** Pitch error classes: within 50 cents, an octave off (within 50 cents of f/2 or 2f), or any other miss. */
export function classifyPitch(estimate: number, truth: number): 'correct' | 'octave' | 'other' {
  if (!(estimate > 0)) return 'other';
  const cents = Math.abs(1200 * Math.log2(estimate / truth));
  if (cents <= 50) return 'correct';
  return Math.abs(cents - 1200) <= 50 ? 'octave' : 'other';
}

/** Consecutive stretches of steady harmonic tone, joined with a continuous phase (no clicks, no attacks). */
export function synthSegments(sampleRate: number, segments: ReadonlyArray<{ seconds: number; frequency: number; harmonics: readonly number[]; amplitude?: number }>): Float32Array {
  const total = segments.reduce((n, s) => n + Math.round(s.seconds * sampleRate), 0);
  const out = new Float32Array(total);
  const carrier = new Phasor(0);
  let i = 0;
  for (const segment of segments) {
    const norm = segment.harmonics.reduce((a, b) => a + b, 0);
    const gain = (segment.amplitude ?? 0.5) / norm;
    const end = i + Math.round(segment.seconds * sampleRate);
    for (; i < end; i++) {
      out[i] = gain * harmonicSum(segment.harmonics, carrier.s, carrier.c, segment.frequency, sampleRate / 2, ONES, ZEROS);
      carrier.advance((2 * Math.PI * segment.frequency) / sampleRate);
    }
  }
  return out;
}
