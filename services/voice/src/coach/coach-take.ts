import {
  analyzeVibrato,
  OnsetDetector,
  type PitchFrame,
  type PitchTarget,
  PitchTracker,
  scoreTake,
  timingAgainstGrid,
  type TempoGrid,
  type VibratoAnalysis,
} from '@dawg/audio-analysis';
import type { PitchEvent, VoiceScore, VoiceTarget } from '@dawg/contracts';

export interface CoachTakeOptions {
  sampleRate: number;
  target?: VoiceTarget;
  tempo?: TempoGrid;
  toleranceCents?: number;
  a4?: number;
}

export const DEFAULT_TOLERANCE_CENTS = 15;
/** How often vibrato is re-estimated while singing. */
const VIBRATO_EVERY_SECONDS = 0.5;

export interface TakeUpdate {
  frames: PitchFrame[];
  onsets: Array<{ time: number; offsetMs: number | null; timing: 'early' | 'late' | 'on-time' | null }>;
  vibrato?: VibratoAnalysis;
}

/**
 * One sung take: PCM in, pitch frames and onsets out as they are found, and
 * a score at the end. A thin adapter over @dawg/audio-analysis (the tracker,
 * the onset detector, vibrato and scoring), shared by the live socket and
 * the analysis of a stored recording, so both judge a take the same way.
 */
export class CoachTake {
  readonly toleranceCents: number;
  readonly hopSeconds: number;
  private readonly tracker: PitchTracker;
  private readonly onsetDetector: OnsetDetector;
  private readonly frames: PitchFrame[] = [];
  private readonly onsets: number[] = [];
  private samples = 0;
  private nextVibratoAt = VIBRATO_EVERY_SECONDS;

  constructor(private readonly options: CoachTakeOptions) {
    this.toleranceCents = options.toleranceCents ?? DEFAULT_TOLERANCE_CENTS;
    this.tracker = new PitchTracker({ sampleRate: options.sampleRate, toleranceCents: this.toleranceCents, a4: options.a4, target: toPitchTarget(options.target) });
    this.onsetDetector = new OnsetDetector({ sampleRate: options.sampleRate });
    this.hopSeconds = this.tracker.hopSize / options.sampleRate;
  }

  get sampleRate(): number {
    return this.options.sampleRate;
  }

  get durationSeconds(): number {
    return this.samples / this.options.sampleRate;
  }

  push(samples: Float32Array): TakeUpdate {
    this.samples += samples.length;
    const frames = this.tracker.push(samples);
    this.frames.push(...frames);
    const found = this.onsetDetector.push(samples);
    this.onsets.push(...found);
    const update: TakeUpdate = { frames, onsets: found.map((t) => this.timed(t)) };
    if (this.durationSeconds >= this.nextVibratoAt) {
      this.nextVibratoAt = this.durationSeconds + VIBRATO_EVERY_SECONDS;
      update.vibrato = analyzeVibrato(this.frames.slice(-Math.ceil(2 / this.hopSeconds)), { a4: this.options.a4, frameSeconds: this.tracker.frameSeconds });
    }
    return update;
  }

  /** Ends the take: the onsets still pending, then the scores. */
  finish(sessionId: string): VoiceScore & { pendingOnsets: TakeUpdate['onsets'] } {
    const pending = this.onsetDetector.flush();
    this.onsets.push(...pending);
    const score = scoreTake(
      {
        frames: this.frames,
        onsets: this.onsets,
        ...(this.options.tempo ? { grid: this.options.tempo } : {}),
        ...(this.options.target?.kind === 'melody' ? { targetOnsets: this.options.target.notes.map((n) => n.startSeconds) } : {}),
      },
      { toleranceCents: this.toleranceCents, vibrato: { a4: this.options.a4, frameSeconds: this.tracker.frameSeconds } },
    );
    const vibrato = score.details.vibrato;
    return {
      sessionId,
      durationSeconds: round(this.durationSeconds, 3),
      pitchAccuracy: roundOrNull(score.pitchAccuracy),
      rhythmAccuracy: roundOrNull(score.rhythmAccuracy),
      consistency: roundOrNull(score.consistency),
      overall: roundOrNull(score.overall),
      feedback: score.feedback.map((f) => ({ code: f.code, kind: f.kind, message: f.message })),
      vibrato: vibrato ? { rateHz: round(vibrato.rateHz, 2), extentCents: round(vibrato.extentCents, 1) } : null,
      voicedSeconds: round(score.details.voicedFrames * this.hopSeconds, 3),
      onsets: this.onsets.length,
      pendingOnsets: pending.map((t) => this.timed(t)),
    };
  }

  /** Every frame so far (for a stored recording's pitch track). */
  allFrames(): readonly PitchFrame[] {
    return this.frames;
  }

  allOnsets(): TakeUpdate['onsets'] {
    return this.onsets.map((t) => this.timed(t));
  }

  private timed(time: number): TakeUpdate['onsets'][number] {
    if (!this.options.tempo) return { time: round(time, 4), offsetMs: null, timing: null };
    const timing = timingAgainstGrid(time, this.options.tempo);
    return { time: round(time, 4), offsetMs: round(timing.offsetMs, 1), timing: timing.direction };
  }
}

/** A pitch frame as the `pitch` event sends it. */
export function toPitchEvent(frame: PitchFrame): Omit<PitchEvent, 'sessionId' | 'seq'> {
  return {
    time: round(frame.timeSeconds, 4),
    frequency: frame.voiced ? round(frame.frequency, 2) : 0,
    note: frame.voiced ? frame.note : null,
    cents: frame.voiced && frame.cents !== null ? round(frame.cents, 1) : null,
    confidence: round(frame.confidence, 3),
    voiced: frame.voiced,
    isInTune: frame.isInTune,
    targetNote: frame.targetNote,
  };
}

function toPitchTarget(target: VoiceTarget | undefined): PitchTarget | null {
  if (!target) return null;
  if (target.kind === 'note') return { kind: 'note', midi: target.midi };
  if (target.kind === 'melody') return { kind: 'melody', notes: target.notes.map((n) => ({ midi: n.midi, startSeconds: n.startSeconds, endSeconds: n.startSeconds + n.durationSeconds })) };
  return { kind: 'scale', tonic: target.tonic, scale: target.scale };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function roundOrNull(value: number | null): number | null {
  return value === null ? null : round(value, 1);
}
