import { encodeFlac, encodeMp3, encodeOggOpus, encodeOggVorbisSilence, encodeWav, sine } from './__fixtures__/encoders';
import { decodeAudio } from './decode';
import { AudioFormatError } from './errors';

const rms = (plane: Float32Array, from = 0.25, to = 0.75) => {
  let sum = 0;
  const start = Math.floor(plane.length * from);
  const end = Math.floor(plane.length * to);
  for (let i = start; i < end; i++) sum += plane[i]! ** 2;
  return Math.sqrt(sum / (end - start));
};

describe('decodeAudio', () => {
  const stereo = sine(440, 44100, 1, 0.5, 2);

  it('gives WAV back sample for sample at its own rate and channel count', async () => {
    const decoded = await decodeAudio(encodeWav(stereo, { sampleRate: 44100, encoding: 'float', bits: 32 }));
    expect(decoded.sampleRate).toBe(44100);
    expect(decoded.channels).toHaveLength(2);
    expect(decoded.channels[0]).toEqual(stereo[0]);
    expect(decoded.channels[1]).toEqual(stereo[1]);
  });

  it.each([
    ['MP3', () => encodeMp3(stereo, 44100), 44100, 0.05],
    ['FLAC', () => encodeFlac(stereo, 44100), 44100, 0.001],
    ['Ogg Opus', () => encodeOggOpus(sine(440, 48000, 1, 0.5, 2)), 48000, 0.05],
  ] as const)('decodes %s to the same sine (RMS of a 0.5 sine is 0.354)', async (_name, encode, rate, tolerance) => {
    const decoded = await decodeAudio(encode());
    expect(decoded.sampleRate).toBe(rate);
    expect(decoded.channels).toHaveLength(2);
    expect(decoded.channels[0]!.length / rate).toBeCloseTo(1, 1);
    expect(Math.abs(rms(decoded.channels[0]!) - 0.5 / Math.SQRT2)).toBeLessThan(tolerance);
  });

  it('keeps at most maxSeconds of a long file', async () => {
    const decoded = await decodeAudio(encodeWav(stereo, { sampleRate: 44100, encoding: 'pcm', bits: 16 }), { maxSeconds: 0.25 });
    expect(decoded.channels[0]).toHaveLength(11025);
  });

  it('decodes silence as silence, and refuses what is not audio with AudioFormatError', async () => {
    const silent = await decodeAudio(encodeOggVorbisSilence(44100, 1, 20));
    expect(silent.channels[0]!.every((s) => s === 0)).toBe(true);
    await expect(decodeAudio(new TextEncoder().encode('#!/bin/sh\necho not audio\n'))).rejects.toBeInstanceOf(AudioFormatError);
  });
});
