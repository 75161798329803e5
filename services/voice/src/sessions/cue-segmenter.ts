import { PitchTracker } from '@dawg/audio-analysis';
import type { Cue } from './session-files';
import { notesCaption } from './session-files';

/** Unvoiced this long ends a cue. */
const GAP_SECONDS = 0.3;
/** Shorter voiced stretches are breaths and clicks, not cues. */
const MIN_CUE_SECONDS = 0.15;

/**
 * Splits one participant's audio into captioned stretches as it arrives:
 * a cue opens when the voice starts and closes after GAP_SECONDS of
 * silence, captioned with the notes held (the pitch tracker's note names).
 */
export class CueSegmenter {
  private readonly tracker: PitchTracker;
  private open: { start: number; end: number; notes: string[] } | null = null;

  constructor(
    sampleRate: number,
    /** Where this participant's audio starts in the session, seconds. */
    private readonly offsetSeconds: number,
  ) {
    this.tracker = new PitchTracker({ sampleRate });
  }

  /** Pushes audio; answers the cues it closed. */
  push(samples: Float32Array): Cue[] {
    const closed: Cue[] = [];
    for (const frame of this.tracker.push(samples)) {
      const time = this.offsetSeconds + frame.timeSeconds;
      if (frame.voiced && frame.note) {
        this.open ??= { start: time, end: time, notes: [] };
        this.open.end = time;
        this.open.notes.push(frame.note);
      } else if (this.open && time - this.open.end > GAP_SECONDS) {
        const cue = this.close();
        if (cue) closed.push(cue);
      }
    }
    return closed;
  }

  /** Closes the cue in progress (the participant left, or the session closed). */
  flush(): Cue[] {
    const cue = this.close();
    return cue ? [cue] : [];
  }

  private close(): Cue | null {
    const open = this.open;
    this.open = null;
    if (!open || open.end - open.start < MIN_CUE_SECONDS) return null;
    return { start: open.start, end: open.end, text: notesCaption(open.notes) };
  }
}
