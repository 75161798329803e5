/**
 * PCM conversions for audio arriving from a socket: 16-bit signed integers
 * (as a typed array, or raw little-endian bytes at any offset) to floats in
 * [-1, 1).
 */

const INT16_SCALE = 1 / 32768;

/** Int16 samples to floats in [-1, 1); writes into `out` when given (it must be long enough). */
export function int16ToFloat32(input: Int16Array, out: Float32Array = new Float32Array(input.length)): Float32Array {
  if (out.length < input.length) throw new RangeError(`output holds ${out.length} samples; ${input.length} needed`);
  for (let i = 0; i < input.length; i++) out[i] = input[i]! * INT16_SCALE;
  return out;
}

/**
 * Little-endian 16-bit PCM bytes to floats. Works on a view at any byte offset
 * (a socket's Buffer is rarely 2-byte aligned, which an Int16Array view needs);
 * a trailing odd byte is ignored.
 */
export function pcm16leToFloat32(bytes: Uint8Array, out?: Float32Array): Float32Array {
  const count = bytes.length >> 1;
  const target = out ?? new Float32Array(count);
  if (target.length < count) throw new RangeError(`output holds ${target.length} samples; ${count} needed`);
  for (let i = 0; i < count; i++) {
    const lo = bytes[2 * i]!;
    const hi = bytes[2 * i + 1]!;
    target[i] = (((hi << 24) >> 16) | lo) * INT16_SCALE;
  }
  return target;
}
