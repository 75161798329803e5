/**
 * Topology-preserving state-variable filter (A. Simper, "Linear trapezoidal
 * integrated SVF", Cytomic 2013). Unlike a biquad it stays stable and
 * click-free when its cutoff moves every few samples, which is what the
 * voices' filter envelopes do. The voices inline the same three lines in
 * their loops; this class is the readable, reusable form.
 */
export interface SvfCoefficients {
  a1: number;
  a2: number;
  a3: number;
  /** 1/Q, needed for the high-pass output. */
  k: number;
}

/** Cutoff is clamped below Nyquist so tan() stays finite. */
export function svfCoefficients(cutoffHz: number, q: number, sampleRate: number): SvfCoefficients {
  const fc = Math.max(5, Math.min(cutoffHz, sampleRate * 0.49));
  const g = Math.tan((Math.PI * fc) / sampleRate);
  const k = 1 / Math.max(0.05, q);
  const a1 = 1 / (1 + g * (g + k));
  const a2 = g * a1;
  return { a1, a2, a3: g * a2, k };
}

export class StateVariableFilter {
  private ic1 = 0;
  private ic2 = 0;
  low = 0;
  band = 0;
  high = 0;

  constructor(private c: SvfCoefficients) {}

  setCoefficients(c: SvfCoefficients): void {
    this.c = c;
  }

  /** Advances one sample; all three outputs are updated, the low-pass is returned. */
  process(x: number): number {
    const { a1, a2, a3, k } = this.c;
    const v3 = x - this.ic2;
    const v1 = a1 * this.ic1 + a2 * v3;
    const v2 = this.ic2 + a2 * this.ic1 + a3 * v3;
    this.ic1 = 2 * v1 - this.ic1;
    this.ic2 = 2 * v2 - this.ic2;
    this.low = v2;
    this.band = v1;
    this.high = x - k * v1 - v2;
    return v2;
  }
}
