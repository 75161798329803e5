import {
  classifyPitch,
  conditionSignal,
  frequencyGrid,
  PITCH_CONDITIONS,
  toneFrequencyAt,
  whiteNoise,
} from '../__fixtures__/voice-signals';
import { PitchDetector } from './detector';
import { PitchTracker } from './tracker';

/**
 * The accuracy requirements, on deterministic signals: every quarter
 * semitone from 80 Hz to 1 kHz (four seeded phase sets each for single
 * frames), under each condition in PITCH_CONDITIONS
 * (pure; weak fundamental; vibrato; white noise at 20 and 10 dB SNR; weak
 * fundamental in 10 dB noise). Raw pitch accuracy = share of truly voiced
 * frames whose estimate is within 50 cents of the truth (an estimate the
 * tracker marks unvoiced counts as a miss there); octave errors = share within
 * 50 cents of double or half the truth. Targets: >= 99% and < 0.5% over all.
 */

const GRID = frequencyGrid(80, 1000, 0.25);
const report: string[] = [];

interface Tally {
  frames: number;
  correct: number;
  octave: number;
  voiced: number;
}
const tally = (): Tally => ({ frames: 0, correct: 0, octave: 0, voiced: 0 });
const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(2)}%`;

afterAll(() => {
  process.stdout.write(`\n${report.join('\n')}\n`);
});

describe('PitchDetector accuracy on single 2,048-sample frames', () => {
  it.each([44100, 48000])('finds the pitch at %d Hz within 50 cents on >= 99% of frames, with < 0.5% octave errors', (sampleRate) => {
    const detector = new PitchDetector({ sampleRate });
    const total = tally();
    let seed = sampleRate;
    for (const condition of PITCH_CONDITIONS) {
      const t = tally();
      for (const frequency of GRID) {
        for (let k = 0; k < 4; k++) {
          const { signal, spec } = conditionSignal(condition, frequency, sampleRate, 2048, ++seed);
          const estimate = detector.detect(signal);
          const verdict = classifyPitch(estimate.frequency, toneFrequencyAt(spec, 1024 / sampleRate));
          t.frames++;
          if (verdict === 'correct') t.correct++;
          if (verdict === 'octave') t.octave++;
          if (estimate.voiced) t.voiced++;
        }
      }
      report.push(
        `detector ${sampleRate} Hz  ${condition.name.padEnd(36)} accuracy ${pct(t.correct, t.frames)}  octave ${pct(t.octave, t.frames)}  voiced ${pct(t.voiced, t.frames)}  (${t.frames} frames)`,
      );
      for (const key of ['frames', 'correct', 'octave', 'voiced'] as const) total[key] += t[key];
      expect(t.correct / t.frames).toBeGreaterThanOrEqual(0.99);
    }
    report.push(`detector ${sampleRate} Hz  ALL: accuracy ${pct(total.correct, total.frames)}  octave ${pct(total.octave, total.frames)}  voicing recall ${pct(total.voiced, total.frames)}`);
    expect(total.correct / total.frames).toBeGreaterThanOrEqual(0.99);
    expect(total.octave / total.frames).toBeLessThan(0.005);
  });
});

describe('PitchTracker accuracy on streams', () => {
  it('tracks every condition at 44.1 kHz within 50 cents on >= 99% of voiced frames, < 0.5% octave errors', () => {
    const sampleRate = 44100;
    const total = tally();
    let seed = 7;
    for (const condition of PITCH_CONDITIONS) {
      const t = tally();
      for (const frequency of GRID) {
        const { signal, spec } = conditionSignal(condition, frequency, sampleRate, Math.round(0.2 * sampleRate), ++seed);
        const tracker = new PitchTracker({ sampleRate });
        // Odd chunk sizes, as a socket delivers them.
        for (let offset = 0; offset < signal.length; offset += 1000) {
          for (const frame of tracker.push(signal.subarray(offset, offset + 1000))) {
            const verdict = classifyPitch(frame.frequency, toneFrequencyAt(spec, frame.timeSeconds));
            t.frames++;
            if (verdict === 'correct') t.correct++;
            if (verdict === 'octave') t.octave++;
            if (frame.voiced) t.voiced++;
          }
        }
      }
      report.push(
        `tracker 44100 Hz  ${condition.name.padEnd(36)} accuracy ${pct(t.correct, t.frames)}  octave ${pct(t.octave, t.frames)}  voicing recall ${pct(t.voiced, t.frames)}  (${t.frames} frames)`,
      );
      for (const key of ['frames', 'correct', 'octave', 'voiced'] as const) total[key] += t[key];
      expect(t.correct / t.frames).toBeGreaterThanOrEqual(0.99);
    }
    report.push(`tracker 44100 Hz  ALL: accuracy ${pct(total.correct, total.frames)}  octave ${pct(total.octave, total.frames)}  voicing recall ${pct(total.voiced, total.frames)}`);
    expect(total.correct / total.frames).toBeGreaterThanOrEqual(0.99);
    expect(total.octave / total.frames).toBeLessThan(0.005);
    expect(total.voiced / total.frames).toBeGreaterThanOrEqual(0.99);
  });

  it('marks silence and noise-only frames unvoiced (false alarms printed)', () => {
    const sampleRate = 44100;
    const samples = sampleRate; // one second each
    const cases: Array<[string, Float32Array]> = [
      ['digital silence', new Float32Array(samples)],
      ['-90 dBFS noise (dither)', whiteNoise(samples, -90, 1)],
      ['-50 dBFS white noise', whiteNoise(samples, -50, 2)],
      ['-30 dBFS white noise', whiteNoise(samples, -30, 3)],
      ['-12 dBFS white noise', whiteNoise(samples, -12, 4)],
    ];
    let frames = 0;
    let alarms = 0;
    for (const [name, signal] of cases) {
      const tracker = new PitchTracker({ sampleRate });
      const detector = new PitchDetector({ sampleRate });
      const out = tracker.push(signal);
      const voiced = out.filter((f) => f.voiced).length;
      let detectorVoiced = 0;
      let detectorFrames = 0;
      for (let offset = 0; offset + 2048 <= signal.length; offset += 512) {
        detectorFrames++;
        if (detector.detect(signal.subarray(offset, offset + 2048)).voiced) detectorVoiced++;
      }
      report.push(
        `false alarms  ${name.padEnd(26)} tracker ${pct(voiced, out.length)} of ${out.length} frames, detector ${pct(detectorVoiced, detectorFrames)}`,
      );
      frames += out.length;
      alarms += voiced;
      expect(voiced).toBe(0);
    }
    report.push(`false alarms  ALL: ${pct(alarms, frames)} of ${frames} frames`);
  });
});
