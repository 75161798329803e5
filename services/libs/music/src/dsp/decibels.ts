/** Amplitude ratio for a level in dB (20·log10 convention). */
export function dbToGain(db: number): number {
  return Math.pow(10, db / 20);
}

/** Level in dB for an amplitude ratio; silence is -Infinity. */
export function gainToDb(gain: number): number {
  return gain > 0 ? 20 * Math.log10(gain) : -Infinity;
}
