/**
 * The built-in synth MIDI clips play through: two detuned oscillators, a
 * velocity-opened low-pass filter and an ADSR envelope. Small on purpose;
 * it makes MIDI audible in the browser and in the offline mixdown alike.
 */

export const midiToFrequency = (pitch: number): number => 440 * 2 ** ((pitch - 69) / 12);

export interface SynthVoiceOptions {
  attack: number;
  decay: number;
  sustain: number;
  release: number;
}

export const DEFAULT_VOICE: SynthVoiceOptions = { attack: 0.005, decay: 0.12, sustain: 0.55, release: 0.12 };

/** Plays one note into `destination` from `when` for `duration` seconds (plus its release). */
export function playNote(ctx: BaseAudioContext, destination: AudioNode, note: { pitch: number; velocity: number; when: number; duration: number }, voice = DEFAULT_VOICE): AudioScheduledSourceNode[] {
  const frequency = midiToFrequency(note.pitch);
  const level = (note.velocity / 127) * 0.22;
  const start = Math.max(note.when, ctx.currentTime);
  const end = start + Math.max(0.01, note.duration - (start - note.when));

  const amp = ctx.createGain();
  amp.gain.setValueAtTime(0, start);
  amp.gain.linearRampToValueAtTime(level, start + voice.attack);
  amp.gain.setTargetAtTime(level * voice.sustain, start + voice.attack, voice.decay / 3);
  amp.gain.setValueAtTime(level * voice.sustain, end);
  amp.gain.setTargetAtTime(0, end, voice.release / 3);

  const filter = ctx.createBiquadFilter();
  filter.type = 'lowpass';
  filter.frequency.value = Math.min(18_000, frequency * (2 + (note.velocity / 127) * 8));
  filter.Q.value = 0.8;

  const oscillators = [
    { type: 'sawtooth' as OscillatorType, detune: -6 },
    { type: 'square' as OscillatorType, detune: 6 },
  ].map(({ type, detune }) => {
    const osc = ctx.createOscillator();
    osc.type = type;
    osc.frequency.value = frequency;
    osc.detune.value = detune;
    osc.connect(filter);
    osc.start(start);
    osc.stop(end + voice.release * 2);
    return osc;
  });
  filter.connect(amp).connect(destination);
  return oscillators;
}

/** A metronome click: a short sine blip, higher on the bar. */
export function playClick(ctx: BaseAudioContext, destination: AudioNode, when: number, accent: boolean): AudioScheduledSourceNode {
  const osc = ctx.createOscillator();
  const amp = ctx.createGain();
  osc.frequency.value = accent ? 1760 : 1320;
  const start = Math.max(when, ctx.currentTime);
  amp.gain.setValueAtTime(accent ? 0.5 : 0.3, start);
  amp.gain.exponentialRampToValueAtTime(0.001, start + 0.05);
  osc.connect(amp).connect(destination);
  osc.start(start);
  osc.stop(start + 0.06);
  return osc;
}
