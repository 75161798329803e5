import { AppError } from '@dawg/platform';

/** Mono little-endian PCM bytes as Float32 samples; `s16` is scaled to [-1, 1). */
export function decodePcm(bytes: Uint8Array, format: 'f32' | 's16'): Float32Array {
  const width = format === 'f32' ? 4 : 2;
  if (bytes.byteLength % width !== 0) throw new AppError('VALIDATION_FAILED', `A ${format} chunk must be a whole number of ${width}-byte samples.`, { bytes: bytes.byteLength });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const samples = new Float32Array(bytes.byteLength / width);
  if (format === 'f32') {
    for (let i = 0; i < samples.length; i++) {
      const value = view.getFloat32(i * 4, true);
      // NaN or infinity would poison every later frame; a client sending them gets silence for those samples.
      samples[i] = Number.isFinite(value) ? Math.max(-1, Math.min(1, value)) : 0;
    }
  } else {
    for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(i * 2, true) / 32768;
  }
  return samples;
}
