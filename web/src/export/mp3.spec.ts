import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { encodeMp3, mp3SampleRate } from './mp3';

// The package's CommonJS entry is its browser IIFE build, which only sets a
// global `lamejs`: load that real build and hand its exports to the module.
jest.mock('@breezystack/lamejs', () => {
  const file = createRequire(__filename).resolve('@breezystack/lamejs');
  return new Function(`${readFileSync(file, 'utf8')}; return lamejs;`)() as unknown;
});

const BITRATES_V1_L3 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const RATES_V1 = [44_100, 48_000, 32_000];

/** Walks the MPEG-1 Layer III frames of a file (no ID3, no Xing tag: what LAME in lamejs writes). */
function mp3Frames(bytes: Uint8Array) {
  const frames: Array<{ kbps: number; sampleRate: number; channels: number }> = [];
  let at = 0;
  while (at + 4 <= bytes.length) {
    const [b0, b1, b2, b3] = [bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!];
    if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) throw new Error(`no frame sync at byte ${at}`);
    expect((b1 >> 3) & 3).toBe(3); // MPEG-1
    expect((b1 >> 1) & 3).toBe(1); // Layer III
    const kbps = BITRATES_V1_L3[b2 >> 4]!;
    const sampleRate = RATES_V1[(b2 >> 2) & 3]!;
    const padding = (b2 >> 1) & 1;
    frames.push({ kbps, sampleRate, channels: b3 >> 6 === 3 ? 1 : 2 });
    at += Math.floor((144_000 * kbps) / sampleRate) + padding;
  }
  expect(at).toBe(bytes.length);
  return frames;
}

const sine = (seconds: number, sampleRate: number, frequency: number) => Float32Array.from({ length: Math.round(seconds * sampleRate) }, (_, i) => 0.5 * Math.sin((2 * Math.PI * frequency * i) / sampleRate));

describe('MP3 export', () => {
  it('encodes stereo PCM to constant-bitrate MPEG-1 Layer III frames as long as the audio', () => {
    const seconds = 2.5;
    const left = sine(seconds, 44_100, 440);
    const progress: number[] = [];
    const bytes = encodeMp3([left, sine(seconds, 44_100, 660)], 44_100, 192, (f) => progress.push(f));
    const frames = mp3Frames(bytes);
    expect(new Set(frames.map((f) => `${f.kbps}/${f.sampleRate}/${f.channels}`))).toEqual(new Set(['192/44100/2']));
    // 1152 samples a frame; LAME adds its encoder delay and pads the last frame: at most a few frames more.
    const duration = (frames.length * 1152) / 44_100;
    expect(duration).toBeGreaterThanOrEqual(seconds);
    expect(duration - seconds).toBeLessThan(0.1);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('encodes mono at 320 kbps and 48 kHz', () => {
    const frames = mp3Frames(encodeMp3([sine(1, 48_000, 220)], 48_000, 320));
    expect(frames.every((f) => f.kbps === 320 && f.sampleRate === 48_000 && f.channels === 1)).toBe(true);
    expect((frames.length * 1152) / 48_000).toBeGreaterThanOrEqual(1);
  });

  it('renders high-rate projects at a rate MP3 has', () => {
    expect([44_100, 48_000, 88_200, 96_000].map(mp3SampleRate)).toEqual([44_100, 48_000, 44_100, 48_000]);
  });
});
