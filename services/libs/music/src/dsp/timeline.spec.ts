import { integratedLoudness } from './loudness';
import { renderAudioTimeline, resample } from './timeline';

const tone = (sampleRate: number, seconds: number, amplitude = 0.5, frequency = 440) => {
  const plane = new Float32Array(Math.round(sampleRate * seconds));
  for (let i = 0; i < plane.length; i++) plane[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate);
  return { sampleRate, channels: [plane] };
};

describe('resample', () => {
  it('keeps the length in seconds and the tone: 48 kHz → 44.1 kHz', () => {
    const out = resample(tone(48000, 1), 44100);
    expect(out.sampleRate).toBe(44100);
    expect(out.channels[0]).toHaveLength(44100);
    // Same pitch: zero crossings per second of a 440 Hz sine are 880.
    let crossings = 0;
    const x = out.channels[0]!;
    for (let i = 1; i < x.length; i++) if (x[i - 1]! < 0 !== x[i]! < 0) crossings++;
    expect(Math.abs(crossings - 880)).toBeLessThanOrEqual(2);
  });

  it('returns the same buffer when the rate already matches', () => {
    const input = tone(44100, 0.1);
    expect(resample(input, 44100)).toBe(input);
  });
});

describe('renderAudioTimeline', () => {
  const rate = 1000;
  const ones = { sampleRate: rate, channels: [new Float32Array(rate).fill(0.5)] };

  it('places clips at their start, from their source offset, with gain and fades, as equal-length stereo stems', () => {
    const stems = renderAudioTimeline(
      {
        a: [{ audio: ones, startSeconds: 1, durationSeconds: 0.5, sourceOffsetSeconds: 0.25, gainDb: 6.0206, fadeInSeconds: 0.1 }],
        b: [{ audio: ones, startSeconds: 0, durationSeconds: 0.2, fadeOutSeconds: 0.1 }],
      },
      rate,
    );
    expect(stems.a!.channels[0]).toHaveLength(1500);
    expect(stems.b!.channels[1]).toHaveLength(1500);
    const a = stems.a!.channels[1]!;
    expect(a[999]).toBe(0);
    expect(a[1000]).toBe(0);
    expect(a[1050]).toBeCloseTo(0.5, 3);
    expect(a[1200]).toBeCloseTo(1, 3);
    const b = stems.b!.channels[0]!;
    expect(b[50]).toBeCloseTo(0.5, 5);
    expect(b[150]).toBeCloseTo(0.25, 5);
    expect(b[300]).toBe(0);
  });

  it('stops a clip at the end of its audio, and sums overlapping clips', () => {
    const stems = renderAudioTimeline(
      { t: [{ audio: ones, startSeconds: 0, durationSeconds: 3 }, { audio: ones, startSeconds: 0.5, durationSeconds: 0.5 }] },
      rate,
    );
    const t = stems.t!.channels[0]!;
    expect(t[250]).toBe(0.5);
    expect(t[750]).toBe(1);
    expect(t[1500]).toBe(0);
  });

  it('keeps a resampled tone’s loudness: a 0.5 sine at 1 kHz, mono copied to both sides, measures -6 LUFS', () => {
    const stems = renderAudioTimeline({ v: [{ audio: tone(48000, 3, 0.5, 1000), startSeconds: 0, durationSeconds: 3 }] }, 44100);
    // BS.1770: a full-scale 1 kHz sine in one channel is -3.01 LUFS; -6.02 dB for the amplitude, +3.01 dB for the second channel.
    expect(integratedLoudness(stems.v!)).toBeCloseTo(-3.01 - 6.02 + 3.01, 0);
  });
});
