import {
  encodeFlac,
  encodeMp3,
  encodeOggFlac,
  encodeOggOpus,
  encodeOggVorbisSilence,
  encodeWav,
  encodeWebmOpus,
  sine,
} from './__fixtures__/encoders';
import { AudioFormatError } from './errors';
import { type WaveformPeaks } from './peak-accumulator';
import { computePeaks } from './peaks';

/** Min and max over the middle of the file, away from codec start-up and fade-out. */
function envelope(peaks: WaveformPeaks): { min: number; max: number } {
  const scale = peaks.bits === 8 ? 127 : 32767;
  let min = Infinity;
  let max = -Infinity;
  for (let i = Math.floor(peaks.length * 0.25); i < Math.floor(peaks.length * 0.75); i++) {
    min = Math.min(min, peaks.data[2 * i]! / scale);
    max = Math.max(max, peaks.data[2 * i + 1]! / scale);
  }
  return { min, max };
}

describe('computePeaks', () => {
  const stereo44 = sine(440, 44100, 1, 0.5, 2);

  describe('WAV (decoded here)', () => {
    it.each([
      ['8-bit', { encoding: 'pcm', bits: 8 }, 0.01],
      ['16-bit', { encoding: 'pcm', bits: 16 }, 0.001],
      ['24-bit', { encoding: 'pcm', bits: 24 }, 0.001],
      ['32-bit', { encoding: 'pcm', bits: 32 }, 0.001],
      ['32-bit float', { encoding: 'float', bits: 32 }, 0.001],
      ['64-bit float', { encoding: 'float', bits: 64 }, 0.001],
      ['24-bit extensible', { encoding: 'pcm', bits: 24, extensible: true }, 0.001],
    ] as const)('gives a 0.5 sine peaks of ±0.5 from %s samples', async (_name, options, tolerance) => {
      const peaks = (await computePeaks(encodeWav(stereo44, { sampleRate: 44100, ...options }), { samplesPerPeak: 441 }))!;
      expect(peaks).toMatchObject({ version: 2, sampleRate: 44100, samplesPerPeak: 441, channels: 1, length: 100, bits: 16 });
      expect(peaks.data).toBeInstanceOf(Int16Array);
      expect(peaks.data).toHaveLength(200);
      // Every 10 ms bucket holds 4.4 cycles, so each one reaches both extremes.
      for (let i = 0; i < peaks.length; i++) {
        expect(Math.abs(peaks.data[2 * i]! / 32767 + 0.5)).toBeLessThan(tolerance + 0.001);
        expect(Math.abs(peaks.data[2 * i + 1]! / 32767 - 0.5)).toBeLessThan(tolerance + 0.001);
      }
    });

    it('takes the envelope across channels, so an out-of-phase channel still shows', async () => {
      const left = sine(100, 8000, 1, 0.8)[0]!;
      const silentLeft = new Float32Array(left.length);
      const peaks = (await computePeaks(encodeWav([silentLeft, left], { sampleRate: 8000, encoding: 'pcm', bits: 16 }), { samplesPerPeak: 800 }))!;
      expect(envelope(peaks).max).toBeCloseTo(0.8, 2);
      expect(envelope(peaks).min).toBeCloseTo(-0.8, 2);
    });

    it('converts peaksPerSecond at the file rate, keeps a partial last bucket, and stores 8 bits when asked', async () => {
      const wav = encodeWav(sine(440, 48000, 1.005, 0.5), { sampleRate: 48000, encoding: 'pcm', bits: 16 });
      const peaks = (await computePeaks(wav, { peaksPerSecond: 100, bits: 8 }))!;
      expect(peaks).toMatchObject({ samplesPerPeak: 480, length: 101, bits: 8 });
      expect(peaks.data).toBeInstanceOf(Int8Array);
      expect(envelope(peaks).max).toBeCloseTo(0.5, 1);
    });

    it('refuses nonsensical options with a RangeError', async () => {
      const wav = encodeWav(stereo44, { sampleRate: 44100, encoding: 'pcm', bits: 16 });
      await expect(computePeaks(wav, { samplesPerPeak: 0 })).rejects.toBeInstanceOf(RangeError);
      await expect(computePeaks(wav, { peaksPerSecond: -1 })).rejects.toBeInstanceOf(RangeError);
    });
  });

  describe('compressed formats (WASM decoders)', () => {
    it('MP3: a 0.5 sine decodes to peaks of about ±0.5 (5%)', async () => {
      const peaks = (await computePeaks(encodeMp3(stereo44, 44100, 192), { samplesPerPeak: 441 }))!;
      expect(peaks.sampleRate).toBe(44100);
      expect(peaks.length).toBeGreaterThanOrEqual(100);
      expect(peaks.length).toBeLessThanOrEqual(106);
      const { min, max } = envelope(peaks);
      expect(max).toBeGreaterThan(0.475);
      expect(max).toBeLessThan(0.525);
      expect(min).toBeLessThan(-0.475);
      expect(min).toBeGreaterThan(-0.525);
    });

    it.each([
      ['FLAC', () => encodeFlac(stereo44, 44100)],
      ['Ogg FLAC', () => encodeOggFlac(stereo44, 44100)],
    ])('%s: decodes losslessly to exact peaks and length', async (_name, make) => {
      const peaks = (await computePeaks(make(), { samplesPerPeak: 441 }))!;
      expect(peaks.length).toBe(100);
      const { min, max } = envelope(peaks);
      expect(max).toBeCloseTo(0.5, 3);
      expect(min).toBeCloseTo(-0.5, 3);
    });

    it.each([
      ['Ogg Opus', () => encodeOggOpus(sine(440, 48000, 1, 0.5, 2))],
      ['WebM Opus', () => encodeWebmOpus(sine(440, 48000, 1, 0.5, 2))],
    ])('%s: decodes at 48 kHz to peaks of about ±0.5 (10%%)', async (_name, make) => {
      const peaks = (await computePeaks(make(), { samplesPerPeak: 480 }))!;
      expect(peaks.sampleRate).toBe(48000);
      // Ogg trims to the last granule exactly; WebM keeps the encoder's tail packet.
      expect(peaks.length).toBeGreaterThanOrEqual(100);
      expect(peaks.length).toBeLessThanOrEqual(102);
      const { min, max } = envelope(peaks);
      expect(max).toBeGreaterThan(0.45);
      expect(max).toBeLessThan(0.55);
      expect(min).toBeLessThan(-0.45);
      expect(min).toBeGreaterThan(-0.55);
    });

    it('Ogg Vorbis: decodes a silent stream to silence of the declared length', async () => {
      const peaks = (await computePeaks(encodeOggVorbisSilence(44100, 2, 101), { samplesPerPeak: 128 }))!;
      expect(peaks.length).toBe(100);
      expect(peaks.data.every((value) => value === 0)).toBe(true);
    });

    it('throws AudioFormatError when the decoder gets nothing out of the payload', async () => {
      const flac = encodeFlac(stereo44, 44100);
      flac.fill(0x00, 42); // wipe every audio frame, keep the metadata
      // libFLAC reports each lost sync on the console; that noise is expected here.
      const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      await expect(computePeaks(flac)).rejects.toBeInstanceOf(AudioFormatError);
      quiet.mockRestore();
    });
  });
});
