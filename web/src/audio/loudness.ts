/**
 * Loudness as ITU-R BS.1770 defines it, from K-weighted mean squares:
 * momentary (400 ms blocks) and integrated (blocks gated at -70 LUFS
 * absolute, then 10 LU below the ungated mean), measured live from the
 * master's K-weighted signal (the filters run in the audio graph as
 * IIRFilterNodes with @dawg/music's coefficients). For a whole rendered
 * buffer, @dawg/music's measureLoudness is the reference.
 */

export const ABSOLUTE_GATE_LUFS = -70;
export const RELATIVE_GATE_LU = -10;

/** Mean square of the last `count` samples of `samples`. */
export function meanSquare(samples: Float32Array, count = samples.length): number {
  const n = Math.min(count, samples.length);
  if (n <= 0) return 0;
  let sum = 0;
  for (let i = samples.length - n; i < samples.length; i++) sum += samples[i]! * samples[i]!;
  return sum / n;
}

/** Loudness of one block from each channel's K-weighted mean square (front channels weigh 1). */
export function blockLoudness(channelMeanSquares: readonly number[]): number {
  const power = channelMeanSquares.reduce((a, b) => a + b, 0);
  return power > 0 ? -0.691 + 10 * Math.log10(power) : -Infinity;
}

/** Integrated loudness of a series of block powers (the sums of the channels' mean squares). */
export function gatedLoudness(blockPowers: readonly number[]): number {
  const loudness = (p: number) => -0.691 + 10 * Math.log10(p);
  const absolute = blockPowers.filter((p) => p > 0 && loudness(p) > ABSOLUTE_GATE_LUFS);
  if (absolute.length === 0) return -Infinity;
  const ungated = absolute.reduce((a, b) => a + b, 0) / absolute.length;
  const threshold = loudness(ungated) + RELATIVE_GATE_LU;
  const gated = absolute.filter((p) => loudness(p) > threshold);
  if (gated.length === 0) return -Infinity;
  return loudness(gated.reduce((a, b) => a + b, 0) / gated.length);
}

/** Peak level in dBFS of a block of samples. */
export function peakDb(samples: Float32Array): number {
  let peak = 0;
  for (let i = 0; i < samples.length; i++) {
    const v = Math.abs(samples[i]!);
    if (v > peak) peak = v;
  }
  return peak > 0 ? 20 * Math.log10(peak) : -Infinity;
}

/** "-14.2 LUFS", or "–∞" for silence. */
export const formatLufs = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(1)} LUFS` : '–∞ LUFS');
