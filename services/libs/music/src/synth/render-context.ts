/** What a track renderer needs: where to write, at what rate, and reusable scratch memory. */
export interface TrackRenderContext {
  sampleRate: number;
  /** Seed for this track's noise; derived from its name so a track renders the same whatever else is in the song. */
  seed: number;
  left: Float32Array;
  right: Float32Array;
  /** Scratch for one voice at a time; long enough for the longest drum hit. */
  scratch: Float32Array;
  noise: Float32Array;
  /** Sample index of a beat position (rounded to the nearest sample). */
  beatToSample(beat: number): number;
}

/** Filter cutoff and pitch modulation are recomputed every this many samples (0.73 ms at 44.1 kHz). */
export const CONTROL_BLOCK = 32;
/** Level at which a released voice counts as silent and stops (-80 dB). */
export const SILENCE_DB = -80;
