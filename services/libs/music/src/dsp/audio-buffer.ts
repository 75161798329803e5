import { type AudioBuffer } from '../types';
import { AudioProcessingError } from './errors';

/** A silent buffer of `channels` × `length` samples. */
export function createAudioBuffer(sampleRate: number, channels: number, length: number): AudioBuffer {
  const out: Float32Array[] = [];
  for (let c = 0; c < channels; c++) out.push(new Float32Array(length));
  return { sampleRate, channels: out };
}

export function bufferLength(buffer: AudioBuffer): number {
  return buffer.channels.length > 0 ? buffer.channels[0].length : 0;
}

export function cloneAudioBuffer(buffer: AudioBuffer): AudioBuffer {
  return { sampleRate: buffer.sampleRate, channels: buffer.channels.map((c) => new Float32Array(c)) };
}

/** Rejects buffers the DSP cannot reason about: no channels, ragged channels, a nonsense rate. */
export function assertAudioBuffer(buffer: AudioBuffer, what = 'buffer'): void {
  if (!(buffer.sampleRate > 0) || !Number.isFinite(buffer.sampleRate)) {
    throw new AudioProcessingError('INVALID_AUDIO', `${what}: sample rate must be a positive number`);
  }
  if (buffer.channels.length === 0) throw new AudioProcessingError('INVALID_AUDIO', `${what}: has no channels`);
  const length = buffer.channels[0].length;
  if (buffer.channels.some((c) => c.length !== length)) {
    throw new AudioProcessingError('INVALID_AUDIO', `${what}: channels differ in length`);
  }
}

/** Highest absolute sample value over all channels. */
export function samplePeak(buffer: AudioBuffer): number {
  let peak = 0;
  for (const ch of buffer.channels) {
    for (let i = 0; i < ch.length; i++) {
      const a = Math.abs(ch[i]);
      if (a > peak) peak = a;
    }
  }
  return peak;
}
