import { type AudioBuffer } from '../types';

/**
 * Signal generators shared by the DSP specs (not exported from the package
 * index). Segments are [seconds, peak dBFS] played back to back; a level
 * of -Infinity is digital silence.
 */
export function steppedSine(sampleRate: number, frequency: number, segments: Array<[number, number]>, channels = 2): AudioBuffer {
  const total = segments.reduce((n, [seconds]) => n + Math.round(seconds * sampleRate), 0);
  const data = new Float32Array(total);
  let i = 0;
  for (const [seconds, db] of segments) {
    const amplitude = Number.isFinite(db) ? Math.pow(10, db / 20) : 0;
    const end = i + Math.round(seconds * sampleRate);
    for (; i < end; i++) data[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate);
  }
  return { sampleRate, channels: Array.from({ length: channels }, () => new Float32Array(data)) };
}

/** Energy at one frequency (Goertzel), normalised by length. */
export function goertzelPower(x: Float32Array, sampleRate: number, frequency: number, start = 0, end = x.length): number {
  const w = (2 * Math.PI * frequency) / sampleRate;
  const coef = 2 * Math.cos(w);
  let s1 = 0;
  let s2 = 0;
  for (let i = start; i < end; i++) {
    const s = x[i] + coef * s1 - s2;
    s2 = s1;
    s1 = s;
  }
  return (s1 * s1 + s2 * s2 - coef * s1 * s2) / (end - start);
}

export function rms(x: Float32Array, start = 0, end = x.length): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += x[i] * x[i];
  return end > start ? Math.sqrt(sum / (end - start)) : 0;
}
