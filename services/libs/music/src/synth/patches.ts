import { type InstrumentKind } from '../types';

export type OscillatorShape = 'saw' | 'square';

/** Envelope times in seconds; decay and release are the time to fall 60 dB. */
export interface AdsrParams {
  attack: number;
  decay: number;
  sustain: number;
  release: number;
}

export interface FilterParams {
  /** Resting cutoff as a multiple of the note's frequency (key tracking)… */
  keyRatio: number;
  /** …but never below this, Hz. */
  minHz: number;
  /** How far the envelope opens the filter at full velocity, octaves. */
  envOctaves: number;
  /** Time constant of the filter envelope's fall, s. */
  envSeconds: number;
  q: number;
}

/** A two-oscillator subtractive voice, the shape shared by chords, pads and leads. */
export interface PolyPatch {
  osc1: OscillatorShape;
  osc2: OscillatorShape;
  osc2Level: number;
  /** osc1 is tuned down and osc2 up by this much, cents. */
  detuneCents: number;
  /** 0: both oscillators through one filter to both sides; 1: osc1 left, osc2 right. */
  stereoSpread: number;
  amp: AdsrParams;
  filter: FilterParams;
  vibrato?: { rateHz: number; depthCents: number; delaySeconds: number };
  level: number;
}

export interface BassPatch {
  shape: OscillatorShape;
  /** Sine one octave below. */
  subLevel: number;
  amp: AdsrParams;
  filter: FilterParams;
  /** Time constant of the portamento between overlapping notes, s. */
  glideSeconds: number;
  drive: number;
  level: number;
}

export const CHORDS_PATCH: PolyPatch = {
  osc1: 'saw',
  osc2: 'saw',
  osc2Level: 0.9,
  detuneCents: 9,
  stereoSpread: 0.7,
  amp: { attack: 0.006, decay: 1.6, sustain: 0.55, release: 0.35 },
  filter: { keyRatio: 4, minHz: 700, envOctaves: 2, envSeconds: 0.18, q: 0.8 },
  level: 0.28,
};

export const PAD_PATCH: PolyPatch = {
  osc1: 'saw',
  osc2: 'saw',
  osc2Level: 1,
  detuneCents: 14,
  stereoSpread: 1,
  amp: { attack: 0.35, decay: 2.5, sustain: 0.8, release: 1.2 },
  filter: { keyRatio: 3, minHz: 500, envOctaves: 1, envSeconds: 0.8, q: 0.7 },
  level: 0.22,
};

export const LEAD_PATCH: PolyPatch = {
  osc1: 'square',
  osc2: 'saw',
  osc2Level: 0.6,
  detuneCents: 5,
  stereoSpread: 0,
  amp: { attack: 0.004, decay: 0.9, sustain: 0.7, release: 0.18 },
  filter: { keyRatio: 5, minHz: 900, envOctaves: 2.2, envSeconds: 0.12, q: 1.4 },
  vibrato: { rateHz: 5.5, depthCents: 12, delaySeconds: 0.25 },
  level: 0.35,
};

export const BASS_PATCH: BassPatch = {
  shape: 'saw',
  subLevel: 0.6,
  amp: { attack: 0.003, decay: 1.2, sustain: 0.75, release: 0.08 },
  filter: { keyRatio: 3, minHz: 110, envOctaves: 3, envSeconds: 0.09, q: 1.1 },
  glideSeconds: 0.035,
  drive: 1.3,
  level: 0.55,
};

export function polyPatchFor(instrument: Exclude<InstrumentKind, 'drums' | 'bass'>): PolyPatch {
  switch (instrument) {
    case 'chords':
      return CHORDS_PATCH;
    case 'pad':
      return PAD_PATCH;
    case 'lead':
      return LEAD_PATCH;
  }
}
