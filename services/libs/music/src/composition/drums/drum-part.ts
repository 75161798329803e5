import type { NoteEvent } from '../../types';
import type { Complexity } from '../../theory/progressions';
import { BEATS_PER_BAR, feelFor, humanVelocity, STEPS_PER_BEAT, stepToBeat, timingJitter } from '../feel';
import type { GenreProfile } from '../genres';
import type { SeededRandom } from '../random';
import { buildHits, fillHits } from './fills';
import { GM_DRUMS as D } from './gm-drums';
import { barPattern, type DrumHit, keptThroughFill } from './patterns';

/** How a part (or an arrangement section) hands over to what follows. */
export type SectionEnding = 'fill' | 'build' | 'drop' | 'none';

export interface DrumPartOptions {
  genre: GenreProfile;
  bpm: number;
  bars: number;
  complexity: Complexity;
  rng: SeededRandom;
  /** Crash on the first downbeat, as when a section enters. */
  crashAtStart?: boolean;
  ending?: SectionEnding;
  /** "sparse" keeps only kick and time-keeping cymbals: intros and breakdowns. */
  density?: 'full' | 'sparse';
  /** Fade velocities down across the part (an outro). */
  fadeOut?: boolean;
}

const PHRASE_BARS = 4;
const TIMEKEEPERS = new Set<number>([D.kick, D.closedHat, D.pedalHat, D.ride, D.shaker]);

/** Where a fill starts in a bar, or null for no fill. */
function fillStart(bar: number, options: DrumPartOptions, rng: SeededRandom): number | null {
  const isLast = bar === options.bars - 1;
  if (isLast) return (options.ending ?? 'fill') === 'fill' ? (options.complexity === 'complex' ? 8 : 12) : null;
  if ((bar + 1) % (PHRASE_BARS * 2) === 0) return options.complexity === 'complex' ? 8 : 12;
  if ((bar + 1) % PHRASE_BARS === 0 && options.complexity !== 'simple' && rng.chance(0.7)) return 12;
  return null;
}

function barHits(bar: number, options: DrumPartOptions, rng: SeededRandom): DrumHit[] {
  const { genre, bars, complexity } = options;
  const ending = options.ending ?? 'fill';
  const buildBars = Math.min(2, bars);
  if (ending === 'build' && bar >= bars - buildBars) return buildHits(bar - (bars - buildBars), buildBars);

  let result = barPattern(genre.id, { rng, complexity, barInPhrase: bar % PHRASE_BARS });
  if (options.density === 'sparse') result = result.filter((hit) => TIMEKEEPERS.has(hit.pitch));

  const fromStep = fillStart(bar, options, rng);
  if (fromStep !== null) {
    result = result
      .filter((hit) => hit.step < fromStep || keptThroughFill(genre.id, hit))
      .concat(fillHits(genre.id, complexity, rng, fromStep));
  }
  // A drop: the band stops for the second half of the last bar, and the next section lands.
  if (ending === 'drop' && bar === bars - 1) result = result.filter((hit) => hit.step < 8);

  const crashHere = (bar === 0 && options.crashAtStart) || (bar > 0 && bar % (PHRASE_BARS * 2) === 0);
  if (crashHere) result.push({ pitch: D.crash, step: 0, velocity: 108, lengthSteps: 8 });
  return result;
}

/** A drum part, its beats counted from the part's start. */
export function renderDrumPart(options: DrumPartOptions): NoteEvent[] {
  const { genre, bars, rng } = options;
  const feel = feelFor(genre, options.bpm);
  const notes: NoteEvent[] = [];
  for (let bar = 0; bar < bars; bar++) {
    const fade = options.fadeOut ? 1 - (0.6 * bar) / Math.max(1, bars - 1) : 1;
    for (const hit of barHits(bar, options, rng)) {
      notes.push({
        pitch: hit.pitch,
        startBeat: bar * BEATS_PER_BAR + stepToBeat(hit.step, feel) + timingJitter(genre, rng),
        durationBeats: hit.lengthSteps / STEPS_PER_BEAT,
        velocity: humanVelocity(hit.velocity * fade, genre, rng),
      });
    }
  }
  return notes;
}
