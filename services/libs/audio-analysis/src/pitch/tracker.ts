import {
  DEFAULT_FRAME_SIZE,
  DEFAULT_MAX_FREQUENCY,
  DEFAULT_MIN_FREQUENCY,
  PitchDetector,
  type PitchEstimate,
} from './detector';
import { DEFAULT_A4_HZ, DEFAULT_TOLERANCE_CENTS, frequencyToMidi, midiToNoteName } from './notes';
import { type PitchTarget, TargetResolver } from './targets';

/** One analysed hop of a take, as the vocal coach reports it. */
export interface PitchFrame {
  /** Centre of the analysis frame, seconds from the first sample pushed (plus startTimeSeconds). */
  timeSeconds: number;
  /** Hz; 0 when unvoiced. */
  frequency: number;
  /** Periodicity of the chosen period, 0..1 (reported for unvoiced frames too). */
  confidence: number;
  voiced: boolean;
  /** Nearest equal-tempered note sung (MIDI 69 = A4); null when unvoiced. */
  midi: number | null;
  /** Its name, e.g. "A4", "C#5"; null when unvoiced. */
  note: string | null;
  /**
   * Cents from the target note when there is one (any size), else from the
   * nearest note (-50..+50); positive = sharp. Null when unvoiced.
   */
  cents: number | null;
  /** |cents| <= toleranceCents; false when unvoiced. */
  isInTune: boolean;
  /** The note the singer should be on (melody, fixed note or nearest scale degree); null without a target. */
  targetMidi: number | null;
  targetNote: string | null;
  /** Frame level, dBFS RMS. */
  levelDb: number;
}

export interface VoicingOptions {
  /** Confidence needed to start a voiced run (default 0.6). */
  onConfidence?: number;
  /** A voiced run continues while confidence stays at or above this (default 0.45). */
  offConfidence?: number;
  /** Level needed to start a voiced run, dBFS RMS of the stretch the period was measured on (default -55). */
  minLevelDb?: number;
  /** A voiced run continues down to minLevelDb minus this (default 6 dB). */
  levelHysteresisDb?: number;
}

export interface OctaveProtectionOptions {
  /** Default true. */
  enabled?: boolean;
  /** Voiced frames in the running median the candidates are compared with (default 9). */
  historyFrames?: number;
  /**
   * Cost, in octaves of distance from the median, of overruling the detector
   * (default 0.5: an alternative must sit more than half an octave closer to the
   * recent pitch than the detector's choice, so a jump of a fifth is left alone).
   */
  switchCostOctaves?: number;
  /** After this many consecutive overrulings the jump is taken as sung and the history restarts (default 6). */
  maxConsecutiveCorrections?: number;
  /** The history is forgotten after this long without a voiced frame (default 0.3 s). */
  forgetAfterSeconds?: number;
}

export interface PitchTrackerOptions {
  sampleRate: number;
  /** Analysis frame, a power of two (default 2048). */
  frameSize?: number;
  /** Samples between frames (default 512: 11.6 ms at 44.1 kHz). */
  hopSize?: number;
  /** Search range, Hz (defaults 70 and 1,200). */
  minFrequency?: number;
  maxFrequency?: number;
  /** Reference tuning (default 440 Hz). */
  a4?: number;
  /** In tune when within this many cents of the reference note (default 15). */
  toleranceCents?: number;
  voicing?: VoicingOptions;
  octaveProtection?: OctaveProtectionOptions;
  /** Measure cents against this target rather than the nearest note. */
  target?: PitchTarget | null;
  /** Time of the first sample pushed (default 0). */
  startTimeSeconds?: number;
}

const HISTORY_MAX = 64;

/**
 * Streaming pitch for the vocal coach: push PCM chunks of any size, get one
 * PitchFrame per hop once a full frame has arrived (the first after
 * frameSize samples; each stamped at its frame's centre, so frames lag the
 * newest sample by half a frame). Around the per-frame detector it adds a DC
 * blocker, a voicing decision with hysteresis (confidence and level), and
 * octave-error protection: the detector's period, half and double are
 * weighed against the median of the recent voiced pitch. Allocates only the
 * frames it returns.
 */
export class PitchTracker {
  readonly sampleRate: number;
  readonly frameSize: number;
  readonly hopSize: number;
  private readonly detector: PitchDetector;
  private readonly a4: number;
  private readonly tolerance: number;
  private readonly onConfidence: number;
  private readonly offConfidence: number;
  private readonly onLevelDb: number;
  private readonly offLevelDb: number;
  private readonly protect: boolean;
  private readonly historySize: number;
  private readonly switchCost: number;
  private readonly maxCorrections: number;
  private readonly forgetAfter: number;
  private readonly minFrequency: number;
  private readonly maxFrequency: number;
  private readonly startTime: number;
  private readonly buffer: Float32Array;
  private readonly history = new Float64Array(HISTORY_MAX);
  private readonly sorted = new Float64Array(HISTORY_MAX);
  private readonly estimate: PitchEstimate = { frequency: 0, confidence: 0, voiced: false };
  private readonly lower: PitchEstimate = { frequency: 0, confidence: 0, voiced: false };
  private readonly higher: PitchEstimate = { frequency: 0, confidence: 0, voiced: false };
  private target: TargetResolver | null = null;
  /** One-pole DC blocker (about 10 Hz) state. */
  private readonly dcPole: number;
  private dcIn = 0;
  private dcOut = 0;
  private filled = 0;
  private frames = 0;
  private voiced = false;
  private historyCount = 0;
  private historyNext = 0;
  private corrections = 0;
  private lastVoicedTime = -Infinity;

  constructor(options: PitchTrackerOptions) {
    this.sampleRate = options.sampleRate;
    this.frameSize = options.frameSize ?? DEFAULT_FRAME_SIZE;
    this.hopSize = options.hopSize ?? 512;
    if (!Number.isInteger(this.hopSize) || this.hopSize < 1 || this.hopSize > this.frameSize) {
      throw new RangeError('hopSize must be an integer between 1 and frameSize');
    }
    this.minFrequency = options.minFrequency ?? DEFAULT_MIN_FREQUENCY;
    this.maxFrequency = options.maxFrequency ?? DEFAULT_MAX_FREQUENCY;
    this.detector = new PitchDetector({
      sampleRate: options.sampleRate,
      frameSize: this.frameSize,
      minFrequency: this.minFrequency,
      maxFrequency: this.maxFrequency,
    });
    this.a4 = options.a4 ?? DEFAULT_A4_HZ;
    this.tolerance = options.toleranceCents ?? DEFAULT_TOLERANCE_CENTS;
    const voicing = options.voicing ?? {};
    this.onConfidence = voicing.onConfidence ?? 0.6;
    this.offConfidence = Math.min(voicing.offConfidence ?? 0.45, this.onConfidence);
    this.onLevelDb = voicing.minLevelDb ?? -55;
    this.offLevelDb = this.onLevelDb - (voicing.levelHysteresisDb ?? 6);
    const octave = options.octaveProtection ?? {};
    this.protect = octave.enabled ?? true;
    this.historySize = Math.max(1, Math.min(HISTORY_MAX, octave.historyFrames ?? 9));
    this.switchCost = octave.switchCostOctaves ?? 0.5;
    this.maxCorrections = octave.maxConsecutiveCorrections ?? 6;
    this.forgetAfter = octave.forgetAfterSeconds ?? 0.3;
    this.startTime = options.startTimeSeconds ?? 0;
    this.buffer = new Float32Array(this.frameSize);
    this.dcPole = 1 - (2 * Math.PI * 10) / this.sampleRate;
    this.setTarget(options.target ?? null);
  }

  /** The analysis frame, seconds (analyzeVibrato's and scoreTake's frameSeconds). */
  get frameSeconds(): number {
    return this.frameSize / this.sampleRate;
  }

  /** Changes (or clears, with null) the target from the next frame on. */
  setTarget(target: PitchTarget | null): void {
    this.target = target ? new TargetResolver(target) : null;
  }

  /**
   * Feeds samples (floats in [-1, 1], or Int16 PCM) and returns the frames
   * completed by them, oldest first (none until the first frameSize samples).
   */
  push(chunk: Float32Array | Int16Array): PitchFrame[] {
    const out: PitchFrame[] = [];
    const scale = chunk instanceof Int16Array ? 1 / 32768 : 1;
    const buffer = this.buffer;
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(this.frameSize - this.filled, chunk.length - offset);
      // DC blocker, y[n] = x[n] - x[n-1] + R y[n-1]: a microphone's offset would lift the whole NSDF.
      let previousIn = this.dcIn;
      let previousOut = this.dcOut;
      const r = this.dcPole;
      for (let i = 0; i < take; i++) {
        const x = chunk[offset + i]! * scale;
        previousOut = x - previousIn + r * previousOut;
        previousIn = x;
        buffer[this.filled + i] = previousOut;
      }
      this.dcIn = previousIn;
      this.dcOut = previousOut;
      this.filled += take;
      offset += take;
      if (this.filled === this.frameSize) {
        out.push(this.analyse());
        buffer.copyWithin(0, this.hopSize);
        this.filled -= this.hopSize;
      }
    }
    return out;
  }

  /** Forgets all audio and history (the target stays); the next sample pushed is time startTimeSeconds again. */
  reset(): void {
    this.dcIn = 0;
    this.dcOut = 0;
    this.filled = 0;
    this.frames = 0;
    this.voiced = false;
    this.clearHistory();
    this.corrections = 0;
    this.lastVoicedTime = -Infinity;
  }

  private analyse(): PitchFrame {
    const time = this.startTime + (this.frames * this.hopSize + this.frameSize / 2) / this.sampleRate;
    this.frames++;
    const estimate = this.detector.detectInto(this.buffer, this.estimate);
    const levelDb = this.detector.lastLevelDb;
    const periodLevelDb = this.detector.lastPeriodLevelDb;
    if (time - this.lastVoicedTime > this.forgetAfter) this.clearHistory();

    let frequency = estimate.frequency;
    let confidence = estimate.confidence;
    if (this.protect && frequency > 0 && this.historyCount > 0) {
      const chosen = this.protectOctave(frequency, confidence);
      if (chosen !== null) {
        frequency = chosen.frequency;
        confidence = chosen.confidence;
      }
    }

    const voiced = this.voiced
      ? frequency > 0 && confidence >= this.offConfidence && periodLevelDb >= this.offLevelDb
      : frequency > 0 && confidence >= this.onConfidence && periodLevelDb >= this.onLevelDb;
    this.voiced = voiced;

    if (voiced) {
      this.lastVoicedTime = time;
      this.history[this.historyNext] = frequency;
      this.historyNext = (this.historyNext + 1) % this.historySize;
      this.historyCount = Math.min(this.historyCount + 1, this.historySize);
    }

    const sungMidi = voiced ? frequencyToMidi(frequency, this.a4) : null;
    const targetMidi = this.target ? this.target.resolve(time, sungMidi) : null;
    if (sungMidi === null) {
      return {
        timeSeconds: time,
        frequency: 0,
        confidence,
        voiced: false,
        midi: null,
        note: null,
        cents: null,
        isInTune: false,
        targetMidi,
        targetNote: targetMidi === null ? null : midiToNoteName(targetMidi),
        levelDb,
      };
    }
    const midi = Math.round(sungMidi);
    const cents = 100 * (sungMidi - (targetMidi ?? midi));
    return {
      timeSeconds: time,
      frequency,
      confidence,
      voiced: true,
      midi,
      note: midiToNoteName(midi),
      cents,
      isInTune: Math.abs(cents) <= this.tolerance,
      targetMidi,
      targetNote: targetMidi === null ? null : midiToNoteName(targetMidi),
      levelDb,
    };
  }

  /**
   * Picks among the detector's period (f), double (f/2) and half (2f) the one
   * with the lowest cost: distance in octaves from the recent median, plus
   * switchCost for overruling the detector, plus the periodicity it gives up.
   * Returns null to keep the detector's choice.
   */
  private protectOctave(frequency: number, confidence: number): PitchEstimate | null {
    const median = this.historyMedian();
    const rawCost = Math.abs(Math.log2(frequency / median));
    if (rawCost < this.switchCost) {
      this.corrections = 0;
      return null;
    }
    const lower = this.alternative(frequency / 2, this.lower);
    const higher = this.alternative(frequency * 2, this.higher);
    const lowerCost = lower ? this.cost(lower, median, confidence) : Infinity;
    const higherCost = higher ? this.cost(higher, median, confidence) : Infinity;
    const best = lowerCost < rawCost && lowerCost <= higherCost ? lower : higherCost < rawCost ? higher : null;
    if (best === null) {
      this.corrections = 0;
      return null;
    }
    if (++this.corrections > this.maxCorrections) {
      // Held that long, the jump is sung: follow the detector from here.
      this.corrections = 0;
      this.clearHistory();
      return null;
    }
    return best;
  }

  /** Distance from the recent median in octaves, plus the price of overruling the detector and the periodicity given up. */
  private cost(candidate: PitchEstimate, median: number, rawConfidence: number): number {
    return Math.abs(Math.log2(candidate.frequency / median)) + this.switchCost + 2 * Math.max(0, rawConfidence - candidate.confidence);
  }

  /** The detector's periodicity near `frequency` if it is in range and periodic enough to be voiced. */
  private alternative(frequency: number, out: PitchEstimate): PitchEstimate | null {
    if (frequency < this.minFrequency * 0.97 || frequency > this.maxFrequency * 1.03) return null;
    const candidate = this.detector.candidateAt(frequency, out);
    return candidate.frequency > 0 && candidate.confidence >= this.offConfidence ? candidate : null;
  }

  private clearHistory(): void {
    this.historyCount = 0;
    this.historyNext = 0;
  }

  private historyMedian(): number {
    const n = this.historyCount;
    const s = this.sorted;
    for (let i = 0; i < n; i++) {
      const v = this.history[i]!;
      let j = i - 1;
      while (j >= 0 && s[j]! > v) {
        s[j + 1] = s[j]!;
        j--;
      }
      s[j + 1] = v;
    }
    return n % 2 === 1 ? s[n >> 1]! : 0.5 * (s[(n >> 1) - 1]! + s[n >> 1]!);
  }
}
