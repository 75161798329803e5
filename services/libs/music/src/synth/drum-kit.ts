import { type NoteEvent } from '../types';
import { fillNoise, hashSeed } from '../dsp/prng';
import { panGains } from '../dsp/pan';
import {
  fadeOutTail,
  renderClap,
  renderCowbell,
  renderKick,
  renderMetal,
  renderSnare,
  renderTone,
  type MetalParams,
  type ToneParams,
} from './drum-voices';
import { velocityToGain } from './kernels';
import { type TrackRenderContext } from './render-context';

/** How one General MIDI percussion key is played by the kit. */
type DrumVoice =
  | { kind: 'kick'; startHz: number; endHz: number; sweepSeconds: number; t60: number; drive: number }
  | { kind: 'snare'; toneHz: [number, number]; toneT60: number; noiseHighPassHz: number; noiseT60: number; toneMix: number }
  | { kind: 'clap'; centreHz: number }
  | ({ kind: 'metal' } & MetalParams)
  | ({ kind: 'tone' } & ToneParams)
  | { kind: 'cowbell'; hz: [number, number]; t60: number };

interface KitPiece {
  voice: DrumVoice;
  /** Longest the hit can ring, s. */
  seconds: number;
  /** Position in the kit's stereo image (drummer's perspective from the audience: hats right). */
  pan: number;
  level: number;
}

const tom = (hz: number, pan: number): KitPiece => ({
  voice: { kind: 'tone', hz, drop: 0.6, dropSeconds: 0.05, t60: 0.55 * Math.sqrt(100 / hz), noiseMix: 0.2, noiseT60: 0.04, overtone: 1.5 },
  seconds: 0.7,
  pan,
  level: 0.8,
});
const hand = (hz: number, t60: number, pan: number, overtone = 0): KitPiece => ({
  voice: { kind: 'tone', hz, drop: 0.15, dropSeconds: 0.02, t60, noiseMix: 0.15, noiseT60: 0.015, overtone },
  seconds: Math.min(0.8, t60 * 1.2),
  pan,
  level: 0.6,
});
const metal = (scale: number, highPassHz: number, noiseMix: number, t60: number, seconds: number, pan: number, level: number, attackSeconds = 0): KitPiece => ({
  voice: { kind: 'metal', scale, highPassHz, noiseMix, t60, attackSeconds },
  seconds,
  pan,
  level,
});

const KICK: KitPiece = { voice: { kind: 'kick', startHz: 190, endHz: 48, sweepSeconds: 0.035, t60: 0.55, drive: 1.8 }, seconds: 0.6, pan: 0, level: 1 };
const SNARE: KitPiece = {
  voice: { kind: 'snare', toneHz: [185, 330], toneT60: 0.18, noiseHighPassHz: 1400, noiseT60: 0.3, toneMix: 0.45 },
  seconds: 0.4,
  pan: 0,
  level: 0.85,
};

/** The kit, by GM percussion key. Keys not listed fall back to a tuned hand-percussion hit. */
const KIT: Record<number, KitPiece> = {
  35: { ...KICK, voice: { kind: 'kick', startHz: 160, endHz: 42, sweepSeconds: 0.045, t60: 0.7, drive: 1.5 } },
  36: KICK,
  37: { voice: { kind: 'tone', hz: 1700, drop: 0, dropSeconds: 0.01, t60: 0.05, noiseMix: 0.45, noiseT60: 0.02, overtone: 0.31 }, seconds: 0.08, pan: 0, level: 0.5 },
  38: SNARE,
  39: { voice: { kind: 'clap', centreHz: 1200 }, seconds: 0.4, pan: 0, level: 0.9 },
  40: { ...SNARE, voice: { kind: 'snare', toneHz: [205, 360], toneT60: 0.12, noiseHighPassHz: 2000, noiseT60: 0.22, toneMix: 0.35 } },
  41: tom(82, -0.35),
  42: metal(1.7, 7000, 0.35, 0.07, 0.12, 0.3, 0.45),
  43: tom(98, -0.25),
  44: metal(1.7, 7000, 0.35, 0.05, 0.08, 0.3, 0.3, 0.002),
  45: tom(110, -0.1),
  46: metal(1.7, 6500, 0.4, 0.6, 0.9, 0.3, 0.45),
  47: tom(131, 0.05),
  48: tom(147, 0.15),
  49: metal(2.2, 4500, 0.6, 1.8, 2.2, -0.4, 0.5),
  50: tom(175, 0.25),
  51: metal(2.6, 5000, 0.3, 1.1, 1.5, 0.45, 0.35),
  52: metal(1.9, 3500, 0.65, 1.5, 1.8, -0.5, 0.45),
  53: metal(3.2, 3000, 0.15, 1.0, 1.3, 0.45, 0.35),
  54: metal(4.5, 6500, 0.55, 0.18, 0.25, -0.35, 0.4, 0.004),
  55: metal(2.8, 5000, 0.55, 0.6, 0.8, 0.5, 0.4),
  56: { voice: { kind: 'cowbell', hz: [540, 800], t60: 0.35 }, seconds: 0.45, pan: -0.3, level: 0.45 },
  57: metal(2.3, 4500, 0.6, 1.8, 2.2, 0.4, 0.5),
  59: metal(2.5, 5000, 0.3, 1.1, 1.5, 0.45, 0.35),
  60: hand(410, 0.12, 0.35),
  61: hand(300, 0.16, 0.4),
  62: hand(330, 0.05, -0.35),
  63: hand(270, 0.25, -0.3),
  64: hand(190, 0.35, -0.4),
  65: hand(360, 0.35, 0.3, 2.7),
  66: hand(250, 0.45, 0.35, 2.7),
  67: { voice: { kind: 'cowbell', hz: [920, 1390], t60: 0.3 }, seconds: 0.4, pan: 0.3, level: 0.35 },
  68: { voice: { kind: 'cowbell', hz: [660, 990], t60: 0.3 }, seconds: 0.4, pan: 0.3, level: 0.35 },
  69: metal(5, 5500, 0.9, 0.1, 0.15, -0.3, 0.35, 0.01),
  70: metal(5, 6000, 0.95, 0.07, 0.12, 0.3, 0.35, 0.008),
  75: hand(2500, 0.06, 0.25),
  76: hand(1600, 0.05, -0.25),
  77: hand(1150, 0.06, -0.2),
  82: metal(5, 5500, 0.95, 0.09, 0.14, 0.25, 0.35, 0.012),
};

function pieceFor(key: number): KitPiece {
  return KIT[key] ?? hand(150 * Math.pow(2, (key - 35) / 24), 0.1, 0, 1.6);
}

/** Open hats are cut off by the next hat of any kind, as the pedal closes them. */
const OPEN_HAT = 46;
const HAT_KEYS = new Set([42, 44, 46]);
const CHOKE_FADE_SECONDS = 0.004;
/** Whole-kit trim so a kick, snare and crash landing together still peak under full scale in the stem. */
const KIT_GAIN = 0.5;

/** Renders a drum track into a stereo stem. Each hit gets its own noise stream, seeded from the track and the hit. */
export function renderDrumTrack(notes: NoteEvent[], ctx: TrackRenderContext): void {
  const { sampleRate, scratch, noise, left, right } = ctx;
  const stemLength = left.length;
  const hits = notes
    .map((note, index) => ({ note, index, start: ctx.beatToSample(note.startBeat) }))
    .filter((h) => h.start >= 0 && h.start < stemLength && h.note.velocity > 0)
    .sort((a, b) => a.start - b.start || a.index - b.index);
  const nextHatAt = new Array<number>(hits.length).fill(Infinity);
  let upcoming = Infinity;
  for (let h = hits.length - 1; h >= 0; h--) {
    nextHatAt[h] = upcoming;
    if (HAT_KEYS.has(hits[h].note.pitch)) upcoming = hits[h].start;
  }

  for (let h = 0; h < hits.length; h++) {
    const { note, index, start } = hits[h];
    const piece = pieceFor(note.pitch);
    let length = Math.min(Math.ceil(piece.seconds * sampleRate), scratch.length, stemLength - start);
    const choked = note.pitch === OPEN_HAT && nextHatAt[h] - start < length;
    if (choked) length = Math.max(1, nextHatAt[h] - start);
    if (piece.voice.kind !== 'kick' && piece.voice.kind !== 'cowbell') fillNoise(noise, length, hashSeed(ctx.seed, index, note.pitch));
    renderVoice(piece.voice, scratch, length, sampleRate, noise);
    if (choked) fadeOutTail(scratch, length, Math.round(CHOKE_FADE_SECONDS * sampleRate));

    const gain = KIT_GAIN * piece.level * velocityToGain(note.velocity);
    const { left: gl, right: gr } = panGains(piece.pan);
    const l = gain * gl;
    const r = gain * gr;
    for (let i = 0; i < length; i++) {
      const v = scratch[i];
      left[start + i] += l * v;
      right[start + i] += r * v;
    }
  }
}

function renderVoice(voice: DrumVoice, out: Float32Array, length: number, sampleRate: number, noise: Float32Array): void {
  switch (voice.kind) {
    case 'kick':
      return renderKick(out, length, sampleRate, voice);
    case 'snare':
      return renderSnare(out, length, sampleRate, noise, voice);
    case 'clap':
      return renderClap(out, length, sampleRate, noise, voice.centreHz);
    case 'metal':
      return renderMetal(out, length, sampleRate, noise, voice);
    case 'tone':
      return renderTone(out, length, sampleRate, noise, voice);
    case 'cowbell':
      return renderCowbell(out, length, sampleRate, voice);
  }
}
