import { type NoteEvent } from '../types';
import { decayFactor, fastSine, midiToHz, sawBlep, softClip, squareBlep, velocityToGain } from './kernels';
import { type BassPatch } from './patches';
import { CONTROL_BLOCK, SILENCE_DB, type TrackRenderContext } from './render-context';

const MIN_GATE_SECONDS = 0.01;

/**
 * Monophonic bass: one oscillator (+ a sine an octave down) through a
 * resonant low-pass with its own envelope. A note that starts while the
 * previous one is still held is played legato: the pitch glides to it and
 * neither envelope restarts. Otherwise the envelopes retrigger from their
 * current level, so fast repeated notes do not click.
 */
export function renderBassTrack(notes: NoteEvent[], patch: BassPatch, ctx: TrackRenderContext): void {
  const { sampleRate, left, right } = ctx;
  const length = left.length;
  const played = notes
    .map((note, index) => ({ note, index, start: ctx.beatToSample(note.startBeat) }))
    .filter((n) => n.start >= 0 && n.start < length && n.note.velocity > 0)
    .sort((a, b) => a.start - b.start || a.index - b.index);
  if (played.length === 0) return;

  const attackStep = 1 / Math.max(1, patch.amp.attack * sampleRate);
  const sustain = patch.amp.sustain;
  const decay = decayFactor(patch.amp.decay, sampleRate);
  const release = decayFactor(patch.amp.release, sampleRate);
  const releaseSamples = Math.ceil(patch.amp.release * (-SILENCE_DB / 60) * sampleRate);
  const glide = Math.exp(-1 / (patch.glideSeconds * sampleRate));
  const f = patch.filter;
  const k = 1 / f.q;
  const filterEnvStep = Math.exp(-CONTROL_BLOCK / (f.envSeconds * sampleRate));
  const maxHz = sampleRate * 0.45;
  const square = patch.shape === 'square';
  const sub = patch.subLevel;
  const drive = patch.drive;
  const outGain = patch.level / softClip(drive);

  // Voice state carried across notes.
  let hz = midiToHz(played[0].note.pitch);
  let phase = 0;
  let subPhase = 0;
  let env = 0;
  let attacking = true;
  let filterEnv = 0;
  let ic1 = 0;
  let ic2 = 0;
  let gateEnd = -1;
  let velocity = 0;

  for (let n = 0; n < played.length; n++) {
    const { note, start } = played[n];
    const targetHz = midiToHz(note.pitch);
    const legato = start < gateEnd;
    if (!legato) {
      hz = targetHz;
      attacking = true;
      velocity = velocityToGain(note.velocity);
      filterEnv = f.envOctaves * velocity;
    }
    gateEnd = Math.max(ctx.beatToSample(note.startBeat + note.durationBeats), start + Math.round(MIN_GATE_SECONDS * sampleRate));
    const nextStart = n + 1 < played.length ? played[n + 1].start : Infinity;
    const segmentEnd = Math.min(length, nextStart, gateEnd + releaseSamples);
    if (segmentEnd < nextStart) {
      // The voice falls silent before the next note: that note starts from rest.
      ic1 = 0;
      ic2 = 0;
    }

    for (let blockStart = start; blockStart < segmentEnd; blockStart += CONTROL_BLOCK) {
      const blockEnd = Math.min(segmentEnd, blockStart + CONTROL_BLOCK);
      const cutoff = Math.min(maxHz, Math.max(f.minHz, hz * f.keyRatio) * Math.exp(filterEnv * Math.LN2));
      filterEnv *= filterEnvStep;
      const g = Math.tan((Math.PI * cutoff) / sampleRate);
      const a1 = 1 / (1 + g * (g + k));
      const a2 = g * a1;
      const a3 = g * a2;
      for (let i = blockStart; i < blockEnd; i++) {
        hz = targetHz + (hz - targetHz) * glide;
        const inc = hz / sampleRate;
        phase += inc;
        if (phase >= 1) phase -= 1;
        subPhase += inc * 0.5;
        if (subPhase >= 1) subPhase -= 1;
        const osc = square ? squareBlep(phase, inc) : sawBlep(phase, inc);

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

        const v3 = osc - ic2;
        const v1 = a1 * ic1 + a2 * v3;
        const v2 = ic2 + a2 * ic1 + a3 * v3;
        ic1 = 2 * v1 - ic1;
        ic2 = 2 * v2 - ic2;
        // The sub bypasses the filter so the low end stays solid whatever the cutoff.
        const y = softClip(drive * (v2 + sub * fastSine(subPhase)) * env * velocity) * outGain;
        left[i] += y;
        right[i] += y;
      }
    }
    if (segmentEnd < nextStart) {
      env = 0;
      phase = 0;
      subPhase = 0;
    }
  }
}
