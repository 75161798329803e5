/**
 * Small numeric kernels shared by the voices. They are plain module
 * functions over numbers so V8 inlines them into the per-sample loops; none
 * allocates.
 */

/**
 * PolyBLEP residual for a discontinuity of height 2 at phase 0, where `t` is
 * the phase in [0, 1) and `dt` the phase increment. Subtracting it from a
 * naive saw removes most of the aliasing for a few operations per sample.
 */
export function polyBlep(t: number, dt: number): number {
  if (t < dt) {
    const x = t / dt;
    return x + x - x * x - 1;
  }
  if (t > 1 - dt) {
    const x = (t - 1) / dt;
    return x * x + x + x + 1;
  }
  return 0;
}

/** Band-limited-ish saw in [-1, 1] at phase `p` in [0, 1). */
export function sawBlep(p: number, dt: number): number {
  return 2 * p - 1 - polyBlep(p, dt);
}

/** Band-limited-ish 50 % square in [-1, 1]. */
export function squareBlep(p: number, dt: number): number {
  const q = p < 0.5 ? p + 0.5 : p - 0.5;
  return (p < 0.5 ? 1 : -1) + polyBlep(p, dt) - polyBlep(q, dt);
}

/**
 * sin(2πp) for p in [0, 1), from a parabola with one correction term
 * (error < 0.1 %). Cheaper than Math.sin, and identical on every platform.
 */
export function fastSine(p: number): number {
  const t = 2 * p - 1;
  const s = -4 * t * (1 - (t < 0 ? -t : t));
  return 0.775 * s + 0.225 * s * (s < 0 ? -s : s);
}

/** Soft saturation, tanh-like for |x| ≲ 3 and bounded, used to give kicks and basses some weight. */
export function softClip(x: number): number {
  if (x > 3) return 1;
  if (x < -3) return -1;
  return (x * (27 + x * x)) / (27 + 9 * x * x);
}

/** Frequency of a MIDI note, A4 = 440 Hz. */
export function midiToHz(pitch: number): number {
  return 440 * Math.pow(2, (pitch - 69) / 12);
}

/**
 * Velocity 1-127 to amplitude. A 1.5 power gives about 9 dB between
 * forte (127) and mezzo (64) and ~23 dB down to pianissimo (25), which
 * keeps ghost notes audible without flattening accents.
 */
export function velocityToGain(velocity: number): number {
  const v = Math.max(0, Math.min(127, velocity)) / 127;
  return v * Math.sqrt(v);
}

/** Per-sample decay factor for an exponential that falls by 60 dB in `t60` seconds. */
export function decayFactor(t60: number, sampleRate: number): number {
  return t60 > 0 ? Math.exp(-6.907755278982137 / (t60 * sampleRate)) : 0;
}
