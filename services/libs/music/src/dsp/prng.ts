/**
 * Deterministic noise. Renders must be bit-identical for the same input, so
 * nothing here touches Math.random; every noisy voice seeds its own stream.
 */

/** Mixes an arbitrary list of integers into a non-zero 32-bit seed (FNV-1a over the words, then a finaliser). */
export function hashSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h = Math.imul(h ^ (part | 0), 0x01000193);
    h = Math.imul(h ^ Math.floor(part / 4294967296), 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h === 0 ? 0x9e3779b9 : h;
}

/**
 * Fills `out[0..length)` with white noise in [-1, 1) from an xorshift32
 * stream. Returns the next state so a caller can continue the same stream.
 */
export function fillNoise(out: Float32Array, length: number, seed: number): number {
  let x = seed | 0 || 0x9e3779b9;
  const n = Math.min(length, out.length);
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x * 4.656612873077393e-10; // 1 / 2^31: signed int32 → [-1, 1)
  }
  return x;
}

/** A small seeded generator for the places that need a few values rather than a buffer (dither, tests). */
export class Xorshift32 {
  private state: number;
  constructor(seed: number) {
    this.state = seed | 0 || 0x9e3779b9;
  }
  /** Uniform in [-1, 1). */
  nextSigned(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x;
    return x * 4.656612873077393e-10;
  }
}
