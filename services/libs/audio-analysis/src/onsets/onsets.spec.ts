import { addNoise, seededRandom, synthPhrase, whiteNoise, type SungNote } from '../__fixtures__/voice-signals';
import { timingAgainstGrid } from './grid';
import { detectOnsets, OnsetDetector } from './onset-detector';

/**
 * A seeded train of 14 sung notes: pitches A2-F#5, 0.15-0.6 s long, attacks of
 * 5-40 ms, levels over 15 dB, gaps of 50-400 ms, a third with vibrato. With
 * `legato`, about 30% of notes instead follow the previous one without a gap
 * or a new attack, a tone or more away: those pitch changes count as onsets
 * (a sung note starts there, and rhythm is judged on it).
 */
function noteTrain(seed: number, legato: boolean): SungNote[] {
  const random = seededRandom(seed);
  const notes: SungNote[] = [];
  let t = 0.2 + random() * 0.1;
  let midi = 60;
  for (let i = 0; i < 14; i++) {
    const isLegato = legato && i > 0 && random() < 0.3;
    if (isLegato) {
      const previous = notes[notes.length - 1]!;
      t = previous.startSeconds + previous.durationSeconds;
    }
    let next = 45 + Math.floor(random() * 34);
    if (Math.abs(next - midi) < 2) next = midi + (random() < 0.5 ? -3 : 3);
    midi = next;
    const durationSeconds = 0.15 + random() * 0.45;
    notes.push({
      startSeconds: t,
      durationSeconds,
      midi,
      attackSeconds: 0.005 + random() * 0.035,
      amplitude: 0.1 + random() * 0.5,
      legato: isLegato,
      vibrato: random() < 0.3 ? { rateHz: 5 + random() * 2, extentCents: 30 + random() * 40 } : undefined,
    });
    t += durationSeconds + 0.05 + random() * 0.35;
  }
  return notes;
}

/** One-to-one matching within the tolerance, nearest first. */
function evaluate(estimated: readonly number[], reference: readonly number[], tolerance = 0.05) {
  const used = new Set<number>();
  const deviations: number[] = [];
  for (const r of reference) {
    let best = -1;
    for (let i = 0; i < estimated.length; i++) {
      if (used.has(i) || Math.abs(estimated[i]! - r) > tolerance) continue;
      if (best < 0 || Math.abs(estimated[i]! - r) < Math.abs(estimated[best]! - r)) best = i;
    }
    if (best >= 0) {
      used.add(best);
      deviations.push(estimated[best]! - r);
    }
  }
  return { hits: deviations.length, falseAlarms: estimated.length - deviations.length, misses: reference.length - deviations.length, deviations };
}

const report: string[] = [];
afterAll(() => process.stdout.write(`\n${report.join('\n')}\n`));

describe('OnsetDetector on synthesised note trains', () => {
  const measure = (legato: boolean, sampleRate: number, snrDb: number | null) => {
    let hits = 0;
    let falseAlarms = 0;
    let misses = 0;
    const deviations: number[] = [];
    for (let seed = 1; seed <= 6; seed++) {
      const notes = noteTrain(seed * 31 + (legato ? 7 : 0), legato);
      const signal = synthPhrase({ sampleRate, notes });
      if (snrDb === null) {
        const floor = whiteNoise(signal.length, -60, seed);
        for (let i = 0; i < signal.length; i++) signal[i]! += floor[i]!;
      } else addNoise(signal, snrDb, seed);
      const result = evaluate(
        detectOnsets(signal, { sampleRate }),
        notes.map((n) => n.startSeconds),
      );
      hits += result.hits;
      falseAlarms += result.falseAlarms;
      misses += result.misses;
      deviations.push(...result.deviations);
    }
    const precision = hits / (hits + falseAlarms);
    const recall = hits / (hits + misses);
    deviations.sort((a, b) => a - b);
    const ms = (q: number) => (1000 * deviations[Math.min(deviations.length - 1, Math.floor(q * deviations.length))]!).toFixed(1);
    const f = (2 * precision * recall) / (precision + recall);
    const summary =
      `F ${f.toFixed(3)} (P ${precision.toFixed(3)}, R ${recall.toFixed(3)}; ${hits + misses} onsets), ` +
      `timing error median ${ms(0.5)} ms, p10 ${ms(0.1)}, p90 ${ms(0.9)}`;
    return { f, summary };
  };

  it.each([
    ['attacks only, -60 dBFS noise floor', 44100, false, null],
    ['with legato pitch changes, -60 dBFS noise floor', 48000, true, null],
    ['with legato pitch changes, white noise at 20 dB SNR', 44100, true, 20],
  ] as const)('finds onsets (%s, %d Hz) with an F-measure >= 0.95 within +-50 ms', (name, sampleRate, legato, snrDb) => {
    const { f, summary } = measure(legato, sampleRate, snrDb);
    report.push(`onsets ${name} @ ${sampleRate} Hz: ${summary}`);
    expect(f).toBeGreaterThanOrEqual(0.95);
  });

  it('degrades gracefully in white noise at 10 dB SNR (beyond the requirement; quiet notes drown)', () => {
    const { f, summary } = measure(true, 44100, 10);
    report.push(`onsets with legato pitch changes, white noise at 10 dB SNR @ 44100 Hz (stress): ${summary}`);
    expect(f).toBeGreaterThanOrEqual(0.85);
  });

  it('finds one onset in a long note with vibrato, not one per swing', () => {
    const signal = synthPhrase({
      sampleRate: 44100,
      notes: [{ startSeconds: 0.3, durationSeconds: 2.5, midi: 64, vibrato: { rateHz: 5.5, extentCents: 60 } }],
    });
    const onsets = detectOnsets(signal, { sampleRate: 44100 });
    expect(onsets).toHaveLength(1);
    expect(Math.abs(onsets[0]! - 0.3)).toBeLessThan(0.02);
  });

  it('gives the same onsets for any chunking, and for Int16 PCM', () => {
    const signal = synthPhrase({ sampleRate: 44100, notes: noteTrain(5, true) });
    const whole = detectOnsets(signal, { sampleRate: 44100 });
    const streamed: number[] = [];
    const detector = new OnsetDetector({ sampleRate: 44100 });
    for (let offset = 0; offset < signal.length; offset += 777) streamed.push(...detector.push(signal.subarray(offset, offset + 777)));
    streamed.push(...detector.flush());
    expect(streamed).toEqual(whole);
    const pcm = Int16Array.from(signal, (x) => Math.round(x * 32767));
    expect(detectOnsets(pcm, { sampleRate: 44100 })).toHaveLength(whole.length);
  });

  it('reports nothing in silence, and in steady noise only its start', () => {
    expect(detectOnsets(new Float32Array(44100), { sampleRate: 44100 })).toEqual([]);
    const noise = detectOnsets(whiteNoise(2 * 44100, -30, 9), { sampleRate: 44100 });
    expect(noise.length).toBeLessThanOrEqual(1);
    for (const t of noise) expect(t).toBeLessThan(0.03);
  });
});

describe('timingAgainstGrid', () => {
  // 120 BPM sixteenths: a step every 125 ms, grid starting at 0.5 s.
  const grid = { bpm: 120, subdivision: 4, offsetSeconds: 0.5 };

  it('places an onset on the nearest step and signs it: negative early, positive late', () => {
    expect(timingAgainstGrid(1.46, grid)).toEqual({ onsetSeconds: 1.46, gridSeconds: 1.5, gridIndex: 8, offsetMs: expect.closeTo(-40, 9), direction: 'early' });
    expect(timingAgainstGrid(1.53, grid)).toMatchObject({ gridSeconds: 1.5, gridIndex: 8, offsetMs: expect.closeTo(30, 9), direction: 'late' });
    expect(timingAgainstGrid(1.505, grid)).toMatchObject({ direction: 'on-time' });
    expect(timingAgainstGrid(1.505, { ...grid, onTimeMs: 2 })).toMatchObject({ direction: 'late' });
    // Before the offset the grid goes on backwards.
    expect(timingAgainstGrid(0.27, grid)).toMatchObject({ gridIndex: -2, gridSeconds: 0.25, offsetMs: expect.closeTo(20, 9) });
  });

  it('defines subdivision as grid steps per quarter-note beat', () => {
    expect(timingAgainstGrid(0.6, { bpm: 60 }).gridSeconds).toBe(1); // quarters: 1 s
    expect(timingAgainstGrid(0.6, { bpm: 60, subdivision: 2 }).gridSeconds).toBe(0.5); // eighths
    expect(timingAgainstGrid(0.6, { bpm: 60, subdivision: 3 }).gridSeconds).toBeCloseTo(2 / 3, 12); // triplets
  });

  it('takes a list of onsets', () => {
    expect(timingAgainstGrid([0.495, 0.76], grid).map((t) => t.direction)).toEqual(['on-time', 'late']);
  });

  it('refuses a grid without a tempo', () => {
    expect(() => timingAgainstGrid(1, { bpm: 0 })).toThrow(RangeError);
    expect(() => timingAgainstGrid(1, { bpm: 100, subdivision: 1.5 })).toThrow(RangeError);
  });
});
