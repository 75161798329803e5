/**
 * Waveform columns from the api's stored peaks (min/max pairs per bucket of
 * `samplesPerPeak` frames, channels mixed, signed `bits`-bit integers: the
 * layout of BBC audiowaveform's JSON).
 */

export interface WaveformPeaks {
  sampleRate: number;
  samplesPerPeak: number;
  length: number;
  bits: number;
  data: number[];
}

/**
 * For `columns` pixel columns covering `fromSeconds`..`toSeconds` of the
 * recording: the lowest and highest sample (-1..1) under each column, as
 * [min0, max0, min1, max1, ...]. Columns past the end of the audio are 0.
 */
export function waveformColumns(peaks: WaveformPeaks, fromSeconds: number, toSeconds: number, columns: number): Float32Array {
  const out = new Float32Array(Math.max(0, columns) * 2);
  if (columns <= 0 || toSeconds <= fromSeconds || peaks.length === 0) return out;
  const scale = 2 ** (peaks.bits - 1);
  const bucketsPerSecond = peaks.sampleRate / peaks.samplesPerPeak;
  const perColumn = ((toSeconds - fromSeconds) * bucketsPerSecond) / columns;
  for (let c = 0; c < columns; c++) {
    const first = (fromSeconds * bucketsPerSecond) + c * perColumn;
    let lo = Math.floor(first);
    let hi = Math.max(lo + 1, Math.ceil(first + perColumn));
    lo = Math.max(0, lo);
    hi = Math.min(peaks.length, hi);
    let min = 0;
    let max = 0;
    for (let b = lo; b < hi; b++) {
      const bMin = peaks.data[b * 2]! / scale;
      const bMax = peaks.data[b * 2 + 1]! / scale;
      if (bMin < min) min = bMin;
      if (bMax > max) max = bMax;
    }
    out[c * 2] = Math.max(-1, min);
    out[c * 2 + 1] = Math.min(1, max);
  }
  return out;
}

/** Seconds of audio the peaks cover. */
export const peaksDuration = (peaks: WaveformPeaks): number => (peaks.length * peaks.samplesPerPeak) / peaks.sampleRate;
