/**
 * Radix-2 FFTs on split real/imaginary Float64Arrays with precomputed tables,
 * so a transform allocates nothing. `RealFft` does a real signal of length N
 * through a complex transform of N/2 (the even/odd packing trick), which is
 * what the pitch and onset detectors run once per frame.
 */

function assertPowerOfTwo(size: number, what: string): void {
  if (!Number.isInteger(size) || size < 4 || (size & (size - 1)) !== 0) {
    throw new RangeError(`${what} must be a power of two of at least 4 (got ${size})`);
  }
}

/** In-place complex FFT of a fixed power-of-two size. */
export class ComplexFft {
  readonly size: number;
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly swaps: Uint32Array;

  constructor(size: number) {
    assertPowerOfTwo(size, 'FFT size');
    this.size = size;
    const half = size >> 1;
    this.cos = new Float64Array(half);
    this.sin = new Float64Array(half);
    for (let k = 0; k < half; k++) {
      this.cos[k] = Math.cos((2 * Math.PI * k) / size);
      this.sin[k] = Math.sin((2 * Math.PI * k) / size);
    }
    // Only the pairs that actually move, flattened: [i0, j0, i1, j1, ...].
    const bits = Math.log2(size);
    const pairs: number[] = [];
    for (let i = 0; i < size; i++) {
      let j = 0;
      for (let b = 0; b < bits; b++) j |= ((i >> b) & 1) << (bits - 1 - b);
      if (j > i) pairs.push(i, j);
    }
    this.swaps = Uint32Array.from(pairs);
  }

  /** X[k] = sum x[n] e^(-2 pi i k n / N), in place. */
  forward(re: Float64Array, im: Float64Array): void {
    this.transform(re, im, -1);
  }

  /** x[n] = (1/N) sum X[k] e^(+2 pi i k n / N), in place. */
  inverse(re: Float64Array, im: Float64Array): void {
    this.transform(re, im, 1);
    const scale = 1 / this.size;
    for (let i = 0; i < this.size; i++) {
      re[i]! *= scale;
      im[i]! *= scale;
    }
  }

  private transform(re: Float64Array, im: Float64Array, sign: 1 | -1): void {
    const n = this.size;
    const swaps = this.swaps;
    for (let s = 0; s < swaps.length; s += 2) {
      const i = swaps[s]!;
      const j = swaps[s + 1]!;
      let t = re[i]!;
      re[i] = re[j]!;
      re[j] = t;
      t = im[i]!;
      im[i] = im[j]!;
      im[j] = t;
    }
    // Stage 1 (span 2) has the trivial twiddle 1.
    for (let a = 0; a < n; a += 2) {
      const b = a + 1;
      const xr = re[b]!;
      const xi = im[b]!;
      re[b] = re[a]! - xr;
      im[b] = im[a]! - xi;
      re[a]! += xr;
      im[a]! += xi;
    }
    // Stage 2 (span 4): twiddles 1 and -/+i.
    for (let a = 0; a < n; a += 4) {
      const r0 = re[a]!, i0 = im[a]!, r1 = re[a + 1]!, i1 = im[a + 1]!;
      const r2 = re[a + 2]!, i2 = im[a + 2]!, r3 = re[a + 3]!, i3 = im[a + 3]!;
      re[a] = r0 + r2;
      im[a] = i0 + i2;
      re[a + 2] = r0 - r2;
      im[a + 2] = i0 - i2;
      // w = e^(sign * i pi / 2) = sign * i; (r3 + i i3) * sign * i = -sign * i3 + i sign * r3
      const tr = -sign * i3;
      const ti = sign * r3;
      re[a + 1] = r1 + tr;
      im[a + 1] = i1 + ti;
      re[a + 3] = r1 - tr;
      im[a + 3] = i1 - ti;
    }
    const cos = this.cos;
    const sin = this.sin;
    for (let span = 8; span <= n; span <<= 1) {
      const half = span >> 1;
      const step = n / span;
      for (let k = 0, t = 0; k < half; k++, t += step) {
        const wr = cos[t]!;
        const wi = sign * sin[t]!;
        for (let a = k; a < n; a += span) {
          const b = a + half;
          const br = re[b]!;
          const bi = im[b]!;
          const xr = br * wr - bi * wi;
          const xi = br * wi + bi * wr;
          re[b] = re[a]! - xr;
          im[b] = im[a]! - xi;
          re[a]! += xr;
          im[a]! += xi;
        }
      }
    }
  }
}

/**
 * FFT of a real signal of length N (a power of two) through a complex FFT of
 * N/2. The spectrum is bins 0..N/2 (N/2 + 1 values); the rest is its mirror.
 */
export class RealFft {
  readonly size: number;
  private readonly half: ComplexFft;
  private readonly zr: Float64Array;
  private readonly zi: Float64Array;
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;

  constructor(size: number) {
    assertPowerOfTwo(size, 'real FFT size');
    if (size < 8) throw new RangeError('real FFT size must be at least 8');
    this.size = size;
    const m = size >> 1;
    this.half = new ComplexFft(m);
    this.zr = new Float64Array(m);
    this.zi = new Float64Array(m);
    this.cos = new Float64Array(m + 1);
    this.sin = new Float64Array(m + 1);
    for (let k = 0; k <= m; k++) {
      this.cos[k] = Math.cos((2 * Math.PI * k) / size);
      this.sin[k] = Math.sin((2 * Math.PI * k) / size);
    }
  }

  /** Bins 0..N/2 of the spectrum of `input[0..N)` into outRe/outIm (length at least N/2 + 1). */
  forward(input: ArrayLike<number>, outRe: Float64Array, outIm: Float64Array): void {
    const m = this.size >> 1;
    const zr = this.zr;
    const zi = this.zi;
    for (let n = 0; n < m; n++) {
      zr[n] = input[2 * n]!;
      zi[n] = input[2 * n + 1]!;
    }
    this.half.forward(zr, zi);
    const cos = this.cos;
    const sin = this.sin;
    for (let k = 0; k <= m; k++) {
      const a = k === m ? 0 : k;
      const b = k === 0 ? 0 : m - k;
      const ar = zr[a]!, ai = zi[a]!, br = zr[b]!, bi = zi[b]!;
      // E = (Z[k] + conj Z[m-k]) / 2, O = (Z[k] - conj Z[m-k]) / 2i
      const er = 0.5 * (ar + br);
      const ei = 0.5 * (ai - bi);
      const or = 0.5 * (ai + bi);
      const oi = 0.5 * (br - ar);
      // X[k] = E + e^(-2 pi i k / N) O
      const c = cos[k]!;
      const s = sin[k]!;
      outRe[k] = er + (or * c + oi * s);
      outIm[k] = ei + (oi * c - or * s);
    }
  }

  /**
   * The real signal whose spectrum has bins 0..N/2 = re/im (the mirror half is
   * implied), into out[0..N). Scaled by 1/N, so inverse(forward(x)) = x.
   */
  inverse(re: Float64Array, im: Float64Array, out: Float64Array): void {
    const m = this.size >> 1;
    const zr = this.zr;
    const zi = this.zi;
    const cos = this.cos;
    const sin = this.sin;
    for (let k = 0; k < m; k++) {
      // X[k + m] = conj X[m - k]
      const xr = re[k]!, xi = im[k]!;
      const yr = re[m - k]!, yi = -im[m - k]!;
      const er = 0.5 * (xr + yr);
      const ei = 0.5 * (xi + yi);
      const dr = 0.5 * (xr - yr);
      const di = 0.5 * (xi - yi);
      // O = (X[k] - X[k+m]) / 2 * e^(+2 pi i k / N)
      const c = cos[k]!;
      const s = sin[k]!;
      const or = dr * c - di * s;
      const oi = dr * s + di * c;
      // Z = E + i O
      zr[k] = er - oi;
      zi[k] = ei + or;
    }
    this.half.inverse(zr, zi);
    for (let n = 0; n < m; n++) {
      out[2 * n] = zr[n]!;
      out[2 * n + 1] = zi[n]!;
    }
  }
}
