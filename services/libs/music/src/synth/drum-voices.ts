import { decayFactor, fastSine, softClip } from './kernels';
import { svfCoefficients } from './svf';

/**
 * Synthesised drum voices. Each writes one hit, mono, into `out[0..length)`
 * from a pre-filled white-noise buffer, at unit velocity; the kit scales,
 * pans and mixes it. Recipes follow the analogue machines (808/909): a
 * swept sine for kicks and toms, tone plus filtered noise for snares, a
 * cluster of detuned squares through a high-pass for hats and cymbals.
 */

export interface KickParams {
  startHz: number;
  endHz: number;
  /** Time constant of the pitch sweep, s. */
  sweepSeconds: number;
  t60: number;
  drive: number;
}

export function renderKick(out: Float32Array, length: number, sampleRate: number, p: KickParams): void {
  const sweep = Math.exp(-1 / (p.sweepSeconds * sampleRate));
  const decay = decayFactor(p.t60, sampleRate);
  const attack = Math.max(1, Math.round(0.0005 * sampleRate));
  // Parameters are read into locals once: the hot loops must not touch the parameter objects, whose shapes vary.
  const endHz = p.endHz;
  const drive = p.drive;
  let hz = p.startHz;
  let phase = 0;
  let env = 1;
  const norm = 1 / softClip(drive);
  for (let i = 0; i < length; i++) {
    phase += hz / sampleRate;
    if (phase >= 1) phase -= 1;
    hz = endHz + (hz - endHz) * sweep;
    const ramp = i < attack ? i / attack : 1;
    out[i] = softClip(drive * fastSine(phase) * env * ramp) * norm;
    env *= decay;
  }
}

export interface SnareParams {
  toneHz: [number, number];
  toneT60: number;
  noiseHighPassHz: number;
  noiseT60: number;
  toneMix: number;
}

export function renderSnare(out: Float32Array, length: number, sampleRate: number, noise: Float32Array, p: SnareParams): void {
  const toneDecay = decayFactor(p.toneT60, sampleRate);
  const noiseDecay = decayFactor(p.noiseT60, sampleRate);
  const { a1, a2, a3, k } = svfCoefficients(p.noiseHighPassHz, 0.8, sampleRate);
  const inc1 = p.toneHz[0] / sampleRate;
  const inc2 = p.toneHz[1] / sampleRate;
  let ph1 = 0;
  let ph2 = 0;
  let ic1 = 0;
  let ic2 = 0;
  let toneEnv = p.toneMix;
  let noiseEnv = 1 - p.toneMix;
  for (let i = 0; i < length; i++) {
    ph1 += inc1;
    if (ph1 >= 1) ph1 -= 1;
    ph2 += inc2;
    if (ph2 >= 1) ph2 -= 1;
    const v0 = noise[i];
    const v3 = v0 - ic2;
    const v1 = a1 * ic1 + a2 * v3;
    const v2 = ic2 + a2 * ic1 + a3 * v3;
    ic1 = 2 * v1 - ic1;
    ic2 = 2 * v2 - ic2;
    const high = v0 - k * v1 - v2;
    out[i] = (fastSine(ph1) + 0.6 * fastSine(ph2)) * 0.6 * toneEnv + high * noiseEnv;
    toneEnv *= toneDecay;
    noiseEnv *= noiseDecay;
  }
}

/** Hand clap: three quick noise bursts ~10 ms apart, then a short room tail, all band-passed. */
export function renderClap(out: Float32Array, length: number, sampleRate: number, noise: Float32Array, centreHz: number): void {
  const { a1, a2, a3 } = svfCoefficients(centreHz, 1.4, sampleRate);
  const burst = Math.round(0.0105 * sampleRate);
  const burstDecay = decayFactor(0.025, sampleRate);
  const tailDecay = decayFactor(0.35, sampleRate);
  let ic1 = 0;
  let ic2 = 0;
  let env = 1;
  for (let i = 0; i < length; i++) {
    if (i < 3 * burst) {
      if (i % burst === 0) env = 1;
      env *= burstDecay;
    } else {
      if (i === 3 * burst) env = 0.8;
      env *= tailDecay;
    }
    const v0 = noise[i];
    const v3 = v0 - ic2;
    const v1 = a1 * ic1 + a2 * v3;
    const v2 = ic2 + a2 * ic1 + a3 * v3;
    ic1 = 2 * v1 - ic1;
    ic2 = 2 * v2 - ic2;
    out[i] = 2.2 * v1 * env;
  }
}

/** The six square-wave frequencies of the 808 cymbal/hat oscillator bank, Hz. */
const METAL_HZ = [205.3, 304.4, 369.6, 522.7, 540, 800];

export interface MetalParams {
  /** Multiplies the oscillator bank; higher is brighter and less pitched. */
  scale: number;
  highPassHz: number;
  /** 0 = all squares, 1 = all noise. */
  noiseMix: number;
  t60: number;
  attackSeconds: number;
}

/** Hats, cymbals and jingles: square cluster plus noise through two cascaded high-passes (24 dB/oct). */
export function renderMetal(out: Float32Array, length: number, sampleRate: number, noise: Float32Array, p: MetalParams): void {
  const { a1, a2, a3, k } = svfCoefficients(p.highPassHz, 0.9, sampleRate);
  const decay = decayFactor(p.t60, sampleRate);
  const attack = Math.max(1, Math.round(p.attackSeconds * sampleRate));
  const i0 = (METAL_HZ[0] * p.scale) / sampleRate;
  const i1 = (METAL_HZ[1] * p.scale) / sampleRate;
  const i2 = (METAL_HZ[2] * p.scale) / sampleRate;
  const i3 = (METAL_HZ[3] * p.scale) / sampleRate;
  const i4 = (METAL_HZ[4] * p.scale) / sampleRate;
  const i5 = (METAL_HZ[5] * p.scale) / sampleRate;
  const noiseMix = p.noiseMix;
  const squareGain = (1 - noiseMix) / 6;
  // Start the oscillators at different phases so the cluster does not click in unison.
  let q0 = 0.1, q1 = 0.35, q2 = 0.6, q3 = 0.85, q4 = 0.2, q5 = 0.45;
  let s1 = 0, s2 = 0, t1 = 0, t2 = 0;
  let env = 1;
  for (let i = 0; i < length; i++) {
    q0 += i0; if (q0 >= 1) q0 -= 1;
    q1 += i1; if (q1 >= 1) q1 -= 1;
    q2 += i2; if (q2 >= 1) q2 -= 1;
    q3 += i3; if (q3 >= 1) q3 -= 1;
    q4 += i4; if (q4 >= 1) q4 -= 1;
    q5 += i5; if (q5 >= 1) q5 -= 1;
    const squares =
      (q0 < 0.5 ? 1 : -1) + (q1 < 0.5 ? 1 : -1) + (q2 < 0.5 ? 1 : -1) +
      (q3 < 0.5 ? 1 : -1) + (q4 < 0.5 ? 1 : -1) + (q5 < 0.5 ? 1 : -1);
    const x = squares * squareGain + noise[i] * noiseMix;
    // First high-pass.
    let v3 = x - s2;
    let v1 = a1 * s1 + a2 * v3;
    let v2 = s2 + a2 * s1 + a3 * v3;
    s1 = 2 * v1 - s1;
    s2 = 2 * v2 - s2;
    const h = x - k * v1 - v2;
    // Second high-pass.
    v3 = h - t2;
    v1 = a1 * t1 + a2 * v3;
    v2 = t2 + a2 * t1 + a3 * v3;
    t1 = 2 * v1 - t1;
    t2 = 2 * v2 - t2;
    const ramp = i < attack ? i / attack : 1;
    out[i] = 1.6 * (h - k * v1 - v2) * env * ramp;
    env *= decay;
  }
}

export interface ToneParams {
  hz: number;
  /** Start pitch above `hz`, as a ratio (0.5 = starts 50 % higher). */
  drop: number;
  dropSeconds: number;
  t60: number;
  /** Amount of high-passed noise for the stick/skin attack. */
  noiseMix: number;
  noiseT60: number;
  /** Second partial, as a ratio of the first (0 = none). */
  overtone: number;
}

/** Toms, congas, bongos, timbales, claves, wood blocks, rim: a pitched sine with a short noise attack. */
export function renderTone(out: Float32Array, length: number, sampleRate: number, noise: Float32Array, p: ToneParams): void {
  const sweep = Math.exp(-1 / (p.dropSeconds * sampleRate));
  const decay = decayFactor(p.t60, sampleRate);
  const noiseDecay = decayFactor(p.noiseT60, sampleRate);
  const { a1, a2, a3, k } = svfCoefficients(Math.min(p.hz * 6, 9000), 0.7, sampleRate);
  const baseHz = p.hz;
  const overtone = p.overtone;
  let offset = baseHz * p.drop;
  let ph = 0;
  let ph2 = 0;
  let env = 1 - p.noiseMix;
  let noiseEnv = p.noiseMix;
  let ic1 = 0;
  let ic2 = 0;
  for (let i = 0; i < length; i++) {
    const hz = baseHz + offset;
    offset *= sweep;
    ph += hz / sampleRate;
    if (ph >= 1) ph -= 1;
    ph2 += (hz * overtone) / sampleRate;
    if (ph2 >= 1) ph2 -= 1;
    const v0 = noise[i];
    const v3 = v0 - ic2;
    const v1 = a1 * ic1 + a2 * v3;
    const v2 = ic2 + a2 * ic1 + a3 * v3;
    ic1 = 2 * v1 - ic1;
    ic2 = 2 * v2 - ic2;
    const tone = overtone > 0 ? fastSine(ph) + 0.4 * fastSine(ph2) : fastSine(ph);
    out[i] = tone * env + (v0 - k * v1 - v2) * noiseEnv;
    env *= decay;
    noiseEnv *= noiseDecay;
  }
}

export interface CowbellParams {
  hz: [number, number];
  t60: number;
}

/** Two detuned squares through a band-pass (the 808 cowbell and agogo recipe). */
export function renderCowbell(out: Float32Array, length: number, sampleRate: number, p: CowbellParams): void {
  const { a1, a2, a3 } = svfCoefficients((p.hz[0] + p.hz[1]) * 0.9, 2.5, sampleRate);
  const inc1 = p.hz[0] / sampleRate;
  const inc2 = p.hz[1] / sampleRate;
  const decay = decayFactor(p.t60, sampleRate);
  const fast = decayFactor(p.t60 * 0.15, sampleRate);
  let q1 = 0, q2 = 0.3, ic1 = 0, ic2 = 0, env = 0.4, click = 0.6;
  for (let i = 0; i < length; i++) {
    q1 += inc1; if (q1 >= 1) q1 -= 1;
    q2 += inc2; if (q2 >= 1) q2 -= 1;
    const x = (q1 < 0.5 ? 0.5 : -0.5) + (q2 < 0.5 ? 0.5 : -0.5);
    const v3 = x - ic2;
    const v1 = a1 * ic1 + a2 * v3;
    const v2 = ic2 + a2 * ic1 + a3 * v3;
    ic1 = 2 * v1 - ic1;
    ic2 = 2 * v2 - ic2;
    out[i] = 1.5 * v1 * (env + click);
    env *= decay;
    click *= fast;
  }
}

/** Short linear fade over the last samples of a hit that is cut short (a choked open hat), so it does not click. */
export function fadeOutTail(out: Float32Array, length: number, fadeSamples: number): void {
  const n = Math.min(length, fadeSamples);
  for (let j = 0; j < n; j++) out[length - 1 - j] *= j / n;
}
