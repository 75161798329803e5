import type { NoteEvent } from '../types';
import type { Complexity, ProgressionChord } from '../theory/progressions';
import { type Register, voiceLead } from '../theory/voice-leading';
import { BEATS_PER_BAR, feelFor, humanVelocity, stepToBeat, timingJitter } from './feel';
import type { CompStyle, GenreProfile } from './genres';
import type { SeededRandom } from './random';

/** One comping stroke inside a bar: start step and length in sixteenth steps. */
type Stroke = readonly [step: number, lengthSteps: number];

/** Rhythms each comping style chooses from, one bar at a time. */
const COMP_RHYTHMS: Record<CompStyle, Stroke[][]> = {
  sustained: [[[0, 16]]],
  rolled: [[[0, 16]], [[0, 10], [10, 6]]],
  stabs: [[[0, 6], [10, 4]], [[0, 3], [6, 3], [12, 4]], [[0, 6], [14, 2]]],
  'offbeat-stabs': [[[2, 1], [6, 1], [10, 1], [14, 1]], [[2, 1], [5, 1], [10, 1], [13, 1]], [[3, 1], [6, 1], [10, 1], [14, 1]]],
  pulse: [[[0, 2], [2, 2], [4, 2], [6, 2], [8, 2], [10, 2], [12, 2], [14, 2]]],
  strum: [[[0, 2], [2, 2], [4, 2], [6, 2], [8, 2], [10, 2], [12, 2], [14, 2]], [[0, 4], [4, 2], [6, 4], [10, 2], [12, 4]]],
  // Charleston and its anticipations: how a jazz pianist comps.
  charleston: [[[0, 3], [6, 2]], [[6, 2], [14, 2]], [[4, 2], [10, 2]], [[0, 3], [10, 2]]],
  // The reggae skank: short chops on 2 and 4 (doubled when busy).
  skank: [[[4, 1], [12, 1]], [[4, 1], [6, 1], [12, 1], [14, 1]]],
  // 3-3-2 across the bar.
  tresillo: [[[0, 5], [6, 5], [12, 3]], [[0, 2], [3, 2], [6, 2], [10, 2], [12, 3]]],
};

const CHORD_REGISTER: Register = { low: 52, high: 76 };

export interface ChordPartOptions {
  genre: GenreProfile;
  bpm: number;
  progression: readonly ProgressionChord[];
  complexity: Complexity;
  rng: SeededRandom;
  /** Overrides the genre's comping, e.g. a sustained pad in a breakdown. */
  style?: CompStyle;
  velocityScale?: number;
}

/** A voiced, rhythmic chord part over the progression, beats counted from the part's start. */
export function renderChordPart(options: ChordPartOptions): NoteEvent[] {
  const { genre, progression, rng } = options;
  const style = options.style ?? genre.comp;
  const feel = feelFor(genre, options.bpm);
  const voicings = voiceLead(progression, CHORD_REGISTER);
  const rhythms = COMP_RHYTHMS[style];
  const firstBeat = progression[0]?.startBeat ?? 0;
  const notes: NoteEvent[] = [];

  progression.forEach((chord, index) => {
    const voicing = voicings[index]!;
    const bars = Math.max(1, Math.round(chord.durationBeats / BEATS_PER_BAR));
    for (let bar = 0; bar < bars; bar++) {
      // Simple settings keep the first (plainest) rhythm; busier ones vary bar to bar.
      const strokes = options.complexity === 'simple' ? rhythms[0]! : rng.pick(rhythms);
      const barStart = chord.startBeat - firstBeat + bar * BEATS_PER_BAR;
      const isLong = style === 'sustained' || style === 'rolled';
      for (const [step, length] of strokes) {
        // A held chord rings once for its whole length rather than restriking each bar.
        const ringsWholeChord = isLong && length === 16;
        if (ringsWholeChord && bar > 0) continue;
        const start = barStart + stepToBeat(step, feel);
        const lengthBeats = ringsWholeChord ? chord.durationBeats : stepToBeat(step + length, feel) - stepToBeat(step, feel);
        const accent = step % 4 === 0 ? 8 : 0;
        voicing.forEach((pitch, voice) => {
          const strum = style === 'rolled' ? voice * 0.04 : 0;
          notes.push({
            pitch,
            startBeat: start + strum + timingJitter(genre, rng),
            durationBeats: Math.max(0.05, lengthBeats * 0.95 - strum),
            velocity: humanVelocity((68 + accent) * (options.velocityScale ?? 1), genre, rng),
          });
        });
      }
    }
  });
  return notes;
}
