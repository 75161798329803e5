import { type NoteEvent } from '../types';
import { decayFactor, midiToHz, sawBlep, squareBlep, velocityToGain } from './kernels';
import { type PolyPatch } from './patches';
import { CONTROL_BLOCK, SILENCE_DB, type TrackRenderContext } from './render-context';

/** Shortest gate a note gets, so zero-length notes still sound. */
const MIN_GATE_SECONDS = 0.01;

/**
 * Renders every note as its own voice (chords, pads and leads are
 * polyphonic): two detuned band-limited oscillators, a state-variable
 * low-pass whose cutoff tracks the key and opens with a decaying envelope,
 * and an ADSR on the amplitude. Cutoff and vibrato move at control rate.
 */
export function renderPolyTrack(notes: NoteEvent[], patch: PolyPatch, ctx: TrackRenderContext): void {
  for (const note of notes) {
    if (note.velocity <= 0) continue;
    renderPolyVoice(note, patch, ctx);
  }
}

function renderPolyVoice(note: NoteEvent, patch: PolyPatch, ctx: TrackRenderContext): void {
  const { sampleRate, left, right } = ctx;
  const start = ctx.beatToSample(note.startBeat);
  if (start < 0 || start >= left.length) return;
  const gateEnd = Math.max(ctx.beatToSample(note.startBeat + note.durationBeats), start + Math.round(MIN_GATE_SECONDS * sampleRate));
  const releaseSamples = Math.ceil((patch.amp.release * (-SILENCE_DB / 60)) * sampleRate);
  const end = Math.min(left.length, gateEnd + releaseSamples);

  const hz = midiToHz(note.pitch);
  const detune = Math.pow(2, patch.detuneCents / 1200);
  const baseInc1 = hz / detune / sampleRate;
  const baseInc2 = (hz * detune) / sampleRate;
  const sq1 = patch.osc1 === 'square';
  const sq2 = patch.osc2 === 'square';
  const level2 = patch.osc2Level;
  const stereo = patch.stereoSpread > 0;
  const cross = 1 - patch.stereoSpread;

  const velocity = velocityToGain(note.velocity);
  const gain = patch.level * velocity;
  const attackStep = 1 / Math.max(1, patch.amp.attack * sampleRate);
  const sustain = patch.amp.sustain;
  const decay = decayFactor(patch.amp.decay, sampleRate);
  const release = decayFactor(patch.amp.release, sampleRate);

  const f = patch.filter;
  const restingHz = Math.max(f.minHz, hz * f.keyRatio);
  const maxHz = sampleRate * 0.45;
  const k = 1 / f.q;
  const filterEnvStep = Math.exp(-CONTROL_BLOCK / (f.envSeconds * sampleRate));
  let filterEnv = f.envOctaves * velocity;

  const vib = patch.vibrato;
  const vibDelay = vib ? Math.round(vib.delaySeconds * sampleRate) : Infinity;
  const vibInc = vib ? (vib.rateHz * CONTROL_BLOCK) / sampleRate : 0;
  const vibDepth = vib ? vib.depthCents / 1200 : 0;
  let vibPhase = 0;

  // Oscillators start at fixed, different phases: deterministic, and no unison click.
  let p1 = 0;
  let p2 = 0.37;
  let env = 0;
  let attacking = true;
  let l1 = 0, l2 = 0, r1 = 0, r2 = 0;

  for (let blockStart = start; blockStart < end; blockStart += CONTROL_BLOCK) {
    const blockEnd = Math.min(end, blockStart + CONTROL_BLOCK);
    const cutoff = Math.min(maxHz, restingHz * Math.exp(filterEnv * Math.LN2));
    filterEnv *= filterEnvStep;
    const g = Math.tan((Math.PI * cutoff) / sampleRate);
    const a1 = 1 / (1 + g * (g + k));
    const a2 = g * a1;
    const a3 = g * a2;
    let pitch = 1;
    if (blockStart - start >= vibDelay) {
      pitch = Math.pow(2, vibDepth * Math.sin(2 * Math.PI * vibPhase));
      vibPhase += vibInc;
      if (vibPhase >= 1) vibPhase -= 1;
    }
    const inc1 = baseInc1 * pitch;
    const inc2 = baseInc2 * pitch;

    for (let i = blockStart; i < blockEnd; i++) {
      p1 += inc1;
      if (p1 >= 1) p1 -= 1;
      p2 += inc2;
      if (p2 >= 1) p2 -= 1;
      const s1 = sq1 ? squareBlep(p1, inc1) : sawBlep(p1, inc1);
      const s2 = level2 * (sq2 ? squareBlep(p2, inc2) : sawBlep(p2, inc2));

      if (i < gateEnd) {
        if (attacking) {
          env += attackStep;
          if (env >= 1) {
            env = 1;
            attacking = false;
          }
        } else {
          env = sustain + (env - sustain) * decay;
        }
      } else {
        env *= release;
      }
      const amp = env * gain;

      // Simper SVF, low-pass output, one per side in stereo.
      const xl = stereo ? s1 + cross * s2 : s1 + s2;
      let v3 = xl - l2;
      let v1 = a1 * l1 + a2 * v3;
      let v2 = l2 + a2 * l1 + a3 * v3;
      l1 = 2 * v1 - l1;
      l2 = 2 * v2 - l2;
      const yl = v2 * amp;
      if (stereo) {
        const xr = s2 + cross * s1;
        v3 = xr - r2;
        v1 = a1 * r1 + a2 * v3;
        v2 = r2 + a2 * r1 + a3 * v3;
        r1 = 2 * v1 - r1;
        r2 = 2 * v2 - r2;
        left[i] += yl;
        right[i] += v2 * amp;
      } else {
        left[i] += yl;
        right[i] += yl;
      }
    }
  }
}
