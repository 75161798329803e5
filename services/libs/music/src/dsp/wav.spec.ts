import fc from 'fast-check';
import { type AudioBuffer } from '../types';
import { decodeWav, encodeWav } from './wav';

function ramp(sampleRate: number, frames: number, channels: number): AudioBuffer {
  return {
    sampleRate,
    channels: Array.from({ length: channels }, (_, c) => {
      const x = new Float32Array(frames);
      for (let i = 0; i < frames; i++) x[i] = 0.9 * Math.sin((2 * Math.PI * 440 * i) / sampleRate + c);
      return x;
    }),
  };
}

const ascii = (bytes: Uint8Array, offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));

describe.each([
  [16, 44100],
  [16, 48000],
  [24, 44100],
  [24, 48000],
] as const)('WAV %i-bit at %i Hz', (bitDepth, sampleRate) => {
  const frames = 12345;
  const buffer = ramp(sampleRate, frames, 2);
  const bytes = encodeWav(buffer, { bitDepth });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bytesPerSample = bitDepth / 8;

  it('writes an exact RIFF/WAVE PCM header', () => {
    const dataBytes = frames * 2 * bytesPerSample;
    expect(ascii(bytes, 0)).toBe('RIFF');
    expect(view.getUint32(4, true)).toBe(36 + dataBytes);
    expect(ascii(bytes, 8)).toBe('WAVE');
    expect(ascii(bytes, 12)).toBe('fmt ');
    expect(view.getUint32(16, true)).toBe(16);
    expect(view.getUint16(20, true)).toBe(1);
    expect(view.getUint16(22, true)).toBe(2);
    expect(view.getUint32(24, true)).toBe(sampleRate);
    expect(view.getUint32(28, true)).toBe(sampleRate * 2 * bytesPerSample);
    expect(view.getUint16(32, true)).toBe(2 * bytesPerSample);
    expect(view.getUint16(34, true)).toBe(bitDepth);
    expect(ascii(bytes, 36)).toBe('data');
    expect(view.getUint32(40, true)).toBe(dataBytes);
    expect(bytes.length).toBe(44 + dataBytes);
  });

  it('round-trips to the sample within quantisation error (dither included)', () => {
    const decoded = decodeWav(bytes);
    expect(decoded.sampleRate).toBe(sampleRate);
    expect(decoded.bitDepth).toBe(bitDepth);
    expect(decoded.channels).toHaveLength(2);
    expect(decoded.channels[0]).toHaveLength(frames);
    const lsb = 1 / (2 ** (bitDepth - 1) - 1);
    // Rounding is half an LSB; TPDF dither adds up to one more.
    const tolerance = (bitDepth === 16 ? 1.5 : 0.5) * lsb + 1e-7;
    let worst = 0;
    for (let c = 0; c < 2; c++) {
      for (let i = 0; i < frames; i++) worst = Math.max(worst, Math.abs(decoded.channels[c][i] - buffer.channels[c][i]));
    }
    expect(worst).toBeLessThanOrEqual(tolerance);
    expect(worst).toBeGreaterThan(0);
  });
});

describe('WAV edge cases', () => {
  it('clips out-of-range samples to full scale instead of wrapping', () => {
    const buffer = { sampleRate: 44100, channels: [Float32Array.from([1.5, -1.5, 1, -1, 0])] };
    const decoded16 = decodeWav(encodeWav(buffer, { bitDepth: 16, dither: false }));
    expect(Array.from(decoded16.channels[0])).toEqual([1, -32768 / 32767, 1, -1, 0].map((v) => Math.fround(v)));
    const view = new DataView(encodeWav(buffer, { bitDepth: 24 }).buffer);
    expect((view.getUint8(44) | (view.getUint8(45) << 8) | (view.getInt8(46) << 16))).toBe(8388607);
    expect((view.getUint8(47) | (view.getUint8(48) << 8) | (view.getInt8(49) << 16))).toBe(-8388608);
  });

  it('pads an odd-sized data chunk and counts the pad only in the RIFF size', () => {
    const bytes = encodeWav({ sampleRate: 48000, channels: [new Float32Array(3)] }, { bitDepth: 24 });
    const view = new DataView(bytes.buffer);
    expect(view.getUint32(40, true)).toBe(9);
    expect(view.getUint32(4, true)).toBe(36 + 10);
    expect(bytes.length).toBe(44 + 10);
    expect(decodeWav(bytes).channels[0]).toHaveLength(3);
  });

  it('is reproducible: the dither is seeded', () => {
    const buffer = ramp(44100, 1000, 1);
    expect(encodeWav(buffer, { bitDepth: 16 })).toEqual(encodeWav(buffer, { bitDepth: 16 }));
  });

  it('rejects what is not a WAV file', () => {
    expect(() => decodeWav(new Uint8Array(20))).toThrow(expect.objectContaining({ code: 'INVALID_WAV' }));
  });
});

describe('WAV round trip (property)', () => {
  it('decodes whatever it encodes: rate, channel count, length, samples within quantisation', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(16 as const, 24 as const),
        fc.constantFrom(44100, 48000),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: 0, maxLength: 64 }),
        (bitDepth, sampleRate, channelCount, samples) => {
          const buffer = { sampleRate, channels: Array.from({ length: channelCount }, () => Float32Array.from(samples)) };
          const decoded = decodeWav(encodeWav(buffer, { bitDepth, dither: false }));
          const lsb = 1 / (2 ** (bitDepth - 1) - 1);
          expect(decoded.sampleRate).toBe(sampleRate);
          expect(decoded.channels).toHaveLength(channelCount);
          for (const channel of decoded.channels) {
            expect(channel).toHaveLength(samples.length);
            channel.forEach((v, i) => expect(Math.abs(v - samples[i])).toBeLessThanOrEqual(0.5 * lsb + 1e-7));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
