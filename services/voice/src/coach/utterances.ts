import type { PitchFrame } from '@dawg/audio-analysis';

export interface Utterance {
  index: number;
  startSeconds: number;
  endSeconds: number;
  samples: Float32Array;
}

/** Silence this long ends an utterance. */
const GAP_SECONDS = 0.6;
/** Audio kept before the voice starts, so a soft consonant is not cut. */
const PRE_ROLL_SECONDS = 0.2;
/** An utterance is sent on, whatever follows, once it is this long. */
const MAX_SECONDS = 15;

/**
 * Cuts a take into utterances for transcription: from a little before the
 * voice starts (the tracker's voicing) to GAP_SECONDS of silence, keeping
 * their audio. Pure bookkeeping over the take's samples and pitch frames.
 */
export class UtteranceCollector {
  private readonly audio: Float32Array[] = [];
  /** Samples held in `audio`, and the take time of its first one. */
  private held = 0;
  private heldFrom = 0;
  private start: number | null = null;
  private lastVoiced = 0;
  private count = 0;

  constructor(private readonly sampleRate: number) {}

  /** The chunk's samples and the frames the tracker made of them; answers the utterances they ended. */
  push(samples: Float32Array, frames: readonly PitchFrame[]): Utterance[] {
    this.audio.push(samples);
    this.held += samples.length;
    const done: Utterance[] = [];
    for (const frame of frames) {
      if (frame.voiced) {
        this.start ??= Math.max(this.heldFrom, frame.timeSeconds - PRE_ROLL_SECONDS);
        this.lastVoiced = frame.timeSeconds;
        if (frame.timeSeconds - this.start > MAX_SECONDS) done.push(this.cut(frame.timeSeconds));
      } else if (this.start !== null && frame.timeSeconds - this.lastVoiced > GAP_SECONDS) {
        done.push(this.cut(this.lastVoiced + GAP_SECONDS / 2));
      }
    }
    if (this.start === null) this.trim(this.heldFrom + this.held / this.sampleRate - PRE_ROLL_SECONDS);
    return done;
  }

  /** The utterance in progress, when the take ends. */
  flush(): Utterance[] {
    if (this.start === null) return [];
    return [this.cut(this.heldFrom + this.held / this.sampleRate)];
  }

  private cut(end: number): Utterance {
    const start = this.start!;
    const all = this.concat();
    const from = Math.max(0, Math.round((start - this.heldFrom) * this.sampleRate));
    const to = Math.min(all.length, Math.round((end - this.heldFrom) * this.sampleRate));
    const utterance = { index: ++this.count, startSeconds: start, endSeconds: end, samples: all.slice(from, to) };
    this.start = null;
    this.trim(end);
    return utterance;
  }

  /** Drops held audio before `time` (take seconds). */
  private trim(time: number): void {
    const drop = Math.max(0, Math.min(this.held, Math.floor((time - this.heldFrom) * this.sampleRate)));
    if (drop === 0) return;
    const rest = this.concat().slice(drop);
    this.audio.length = 0;
    this.audio.push(rest);
    this.held = rest.length;
    this.heldFrom += drop / this.sampleRate;
  }

  private concat(): Float32Array {
    if (this.audio.length === 1) return this.audio[0]!;
    const out = new Float32Array(this.held);
    let at = 0;
    for (const part of this.audio) {
      out.set(part, at);
      at += part.length;
    }
    this.audio.length = 0;
    this.audio.push(out);
    return out;
  }
}
