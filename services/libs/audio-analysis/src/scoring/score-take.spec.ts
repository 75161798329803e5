import { synthPhrase, type SungNote } from '../__fixtures__/voice-signals';
import { detectOnsets } from '../onsets/onset-detector';
import { type TargetNote } from '../pitch/targets';
import { PitchTracker } from '../pitch/tracker';
import { scoreTake, type Take } from './score-take';

const RATE = 44100;
// 100 BPM, one note per beat from 0.5 s: C4 D4 E4 F4 G4 A4 G4 E4, 0.5 s each.
const BPM = 100;
const BEAT = 60 / BPM;
const GRID = { bpm: BPM, subdivision: 1, offsetSeconds: 0.5 };
const PITCHES = [60, 62, 64, 65, 67, 69, 67, 64];
const MELODY: TargetNote[] = PITCHES.map((midi, i) => ({ midi, startSeconds: 0.5 + i * BEAT, endSeconds: 0.5 + i * BEAT + 0.5 }));

/** Sings the melody, with per-note changes. */
function sing(change: (note: SungNote, index: number) => Partial<SungNote> = () => ({})): SungNote[] {
  return MELODY.map((n, i) => {
    const note: SungNote = { startSeconds: n.startSeconds, durationSeconds: n.endSeconds - n.startSeconds, midi: n.midi, attackSeconds: 0.02 };
    return { ...note, ...change(note, i) };
  });
}

/** Records a take: tracker frames against the melody, and onsets. */
function record(notes: SungNote[], withTarget = true): Take {
  const signal = synthPhrase({ sampleRate: RATE, notes });
  const tracker = new PitchTracker({ sampleRate: RATE, target: withTarget ? { kind: 'melody', notes: MELODY } : null });
  return { frames: tracker.push(signal), onsets: detectOnsets(signal, { sampleRate: RATE }), grid: GRID };
}

const messages = (take: Take) => scoreTake(take).feedback.map((f) => f.message);

describe('scoreTake', () => {
  const perfect = scoreTake(record(sing()));

  it('scores a perfect take at about 100 in every part, with praise only', () => {
    expect(perfect.pitchAccuracy!).toBeGreaterThan(98);
    expect(perfect.rhythmAccuracy!).toBe(100);
    expect(perfect.consistency!).toBeGreaterThan(98);
    expect(perfect.overall!).toBeGreaterThan(98);
    expect(perfect.details.notes).toBe(8);
    expect(perfect.feedback.length).toBeGreaterThan(0);
    expect(perfect.feedback.every((f) => f.kind === 'praise')).toBe(true);
    expect(perfect.feedback.map((f) => f.code)).toEqual(expect.arrayContaining(['pitch-great', 'timing-great']));
  });

  it('marks a take sung 25 cents sharp down, and says so', () => {
    const sharp = scoreTake(record(sing(() => ({ cents: 25 }))));
    expect(sharp.pitchAccuracy!).toBeLessThan(10);
    expect(sharp.overall!).toBeLessThan(perfect.overall! - 30);
    expect(sharp.details.meanCents!).toBeCloseTo(25, -0.5);
    expect(sharp.feedback[0]).toMatchObject({ code: 'pitch-sharp', kind: 'tip' });
    expect(sharp.feedback[0]!.message).toMatch(/^You're consistently 2[4-6] cents sharp$/);
  });

  it('tells a singer who goes sharp only on the high notes', () => {
    // The upper half of the melody's notes (F4 and above) sung 20 cents sharp.
    const take = record(sing((n) => ({ cents: n.midi >= 65 ? 20 : 0 })));
    expect(messages(take)[0]).toMatch(/^You're consistently (19|20|21) cents sharp on high notes$/);
    // The lower half (E4 and below) 30 cents flat.
    const flatLow = record(sing((n) => ({ cents: n.midi <= 64 ? -30 : 0 })));
    expect(messages(flatLow)[0]).toMatch(/^You're consistently (29|30|31) cents flat on low notes$/);
  });

  it('measures cents from the nearest note when there is no target', () => {
    const sharp = scoreTake(record(sing(() => ({ cents: 25 })), false));
    expect(sharp.details.meanCents!).toBeCloseTo(25, -0.5);
    expect(perfect.pitchAccuracy! - sharp.pitchAccuracy!).toBeGreaterThan(80);
  });

  it('marks a rushed take down and says by how much', () => {
    const rushed = record(sing((n) => ({ startSeconds: n.startSeconds - 0.045 })));
    const score = scoreTake(rushed);
    expect(score.rhythmAccuracy!).toBeLessThan(20);
    expect(score.pitchAccuracy!).toBeGreaterThan(90);
    expect(score.details.meanTimingMs!).toBeLessThan(-40);
    expect(score.feedback[0]).toMatchObject({ code: 'rushing', kind: 'tip' });
    expect(score.feedback[0]!.message).toMatch(/^Rushing: notes land 4\d ms early on average$/);
  });

  it('says dragging for late notes', () => {
    const late = record(sing((n) => ({ startSeconds: n.startSeconds + 0.04 })));
    expect(messages(late)[0]).toMatch(/^Dragging: notes land 3\d ms late on average$/);
  });

  it('judges rhythm against the reference melody onsets, one to one', () => {
    const take = record(sing());
    const against = scoreTake({ ...take, grid: undefined, targetOnsets: MELODY.map((n) => n.startSeconds) });
    expect(against.rhythmAccuracy).toBe(100);
    // A missing note costs: 7 sung of 8 expected.
    const missing = scoreTake({ ...take, grid: undefined, onsets: take.onsets!.slice(1), targetOnsets: MELODY.map((n) => n.startSeconds) });
    expect(missing.rhythmAccuracy).toBeCloseTo(87.5, 5);
    expect(missing.feedback.some((f) => f.message.includes('of the melody'))).toBe(false);
  });

  describe('held notes', () => {
    // Four notes of 1.2 s.
    const long = (extra: Partial<SungNote>): Take => {
      const notes = [57, 60, 64, 62].map((midi, i): SungNote => ({ startSeconds: 0.3 + 1.5 * i, durationSeconds: 1.2, midi, ...extra }));
      const signal = synthPhrase({ sampleRate: RATE, notes });
      return { frames: new PitchTracker({ sampleRate: RATE }).push(signal) };
    };

    it('praises a good vibrato and does not count it as unsteadiness', () => {
      const score = scoreTake(long({ vibrato: { rateHz: 5.5, extentCents: 40 } }));
      expect(score.details.vibrato).toMatchObject({ notes: 4 });
      expect(score.details.vibrato!.rateHz).toBeCloseTo(5.5, 1);
      expect(score.consistency!).toBeGreaterThan(95);
      expect(score.feedback.map((f) => f.message)).toContain('Great vibrato at 5.5 Hz');
      // Pitch is judged on the vibrato's centre, though a +-40 cent swing spends most of its time outside 15 cents.
      expect(score.pitchAccuracy!).toBeGreaterThan(95);
      expect(score.rhythmAccuracy).toBeNull();
      // A vibrato centred 25 cents sharp is still 25 cents sharp.
      const sharp = scoreTake(long({ cents: 25, vibrato: { rateHz: 5.5, extentCents: 40 } }));
      expect(sharp.pitchAccuracy!).toBeLessThan(10);
      expect(sharp.feedback[0]!.message).toMatch(/^You're consistently 2[4-6] cents sharp$/);
    });

    it('flags a fast vibrato', () => {
      const score = scoreTake(long({ vibrato: { rateHz: 8, extentCents: 40 } }));
      expect(score.feedback.map((f) => f.code)).toContain('vibrato-fast');
    });

    it('marks down notes that waver slowly, and says by how much', () => {
      const score = scoreTake(long({ vibrato: { rateHz: 1.5, extentCents: 30 } }));
      expect(score.details.vibrato).toBeNull();
      expect(score.consistency!).toBeLessThan(70);
      const unsteady = score.feedback.find((f) => f.code === 'unsteady');
      expect(unsteady?.message).toMatch(/^Held notes waver by ±\d+ cents: keep the breath steady to the end of each note$/);
    });
  });

  it('scores nothing it has no evidence for', () => {
    const empty = scoreTake({ frames: [] });
    expect(empty).toMatchObject({ pitchAccuracy: null, rhythmAccuracy: null, consistency: null, overall: null, feedback: [] });
  });

  it('keeps to maxFeedback messages', () => {
    const bad = record(sing((n) => ({ cents: 30, startSeconds: n.startSeconds - 0.05 })));
    expect(scoreTake(bad, { maxFeedback: 1 }).feedback).toHaveLength(1);
  });
});
