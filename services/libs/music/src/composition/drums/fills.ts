import type { Complexity } from '../../theory/progressions';
import type { GenreId } from '../genres';
import type { SeededRandom } from '../random';
import { GM_DRUMS as D } from './gm-drums';
import type { DrumHit } from './patterns';

type FillKind = 'toms' | 'snare-roll' | 'hat-roll' | 'swell';

const FILL_KIND: Record<GenreId, FillKind> = {
  trap: 'hat-roll',
  'boom-bap': 'toms',
  'lo-fi': 'toms',
  house: 'snare-roll',
  techno: 'snare-roll',
  'drum-and-bass': 'snare-roll',
  'edm-pop': 'snare-roll',
  rock: 'toms',
  'jazz-swing': 'toms',
  reggae: 'toms',
  reggaeton: 'snare-roll',
  afrobeats: 'toms',
  ambient: 'swell',
};

/** Velocity rising through the fill, so it leads into the next downbeat. */
function crescendo(position: number, from: number, to: number): number {
  return Math.round(from + (to - from) * position);
}

/** Snare first, then down the toms from high to floor: the classic descending fill. */
function tomFill(rng: SeededRandom, fromStep: number, stride: number): DrumHit[] {
  const voices = [D.snare, D.highTom, D.highTom, D.midTom, D.midTom, D.lowTom, D.floorTom, D.floorTom];
  const result: DrumHit[] = [];
  const count = Math.round((16 - fromStep) / stride);
  for (let i = 0; i < count; i++) {
    const voice = voices[Math.min(voices.length - 1, Math.floor((i / count) * voices.length))]!;
    // An occasional skipped stroke keeps repeated fills from sounding stamped out.
    if (i > 0 && rng.chance(0.15)) continue;
    result.push({ pitch: voice, step: fromStep + i * stride, velocity: crescendo(i / count, 88, 118), lengthSteps: stride });
  }
  return result;
}

function roll(pitch: number, fromStep: number, stride: number, from: number, to: number): DrumHit[] {
  const result: DrumHit[] = [];
  const span = 16 - fromStep;
  for (let step = fromStep; step < 16 - 1e-9; step += stride) {
    result.push({ pitch, step, velocity: crescendo((step - fromStep) / span, from, to), lengthSteps: stride });
  }
  return result;
}

/**
 * The fill for the end of a phrase, covering steps `fromStep`..15. Busier
 * settings use finer subdivisions.
 */
export function fillHits(genre: GenreId, complexity: Complexity, rng: SeededRandom, fromStep: number): DrumHit[] {
  const fine = complexity === 'complex';
  switch (FILL_KIND[genre]) {
    case 'toms':
      return tomFill(rng, fromStep, complexity === 'simple' ? 2 : 1);
    case 'snare-roll': {
      // Sixteenths that tighten to 32nds over the last beat.
      const tail = fine ? roll(D.snare, 12, 0.5, 90, 120) : [];
      return [...roll(D.snare, fromStep, 1, 70, 110).filter((hit) => !fine || hit.step < 12), ...tail];
    }
    case 'hat-roll':
      return [...roll(D.closedHat, fromStep, fine ? 0.5 : 1, 60, 100), ...roll(D.snare, 14, fine ? 0.5 : 1, 80, 115)];
    case 'swell':
      return [{ pitch: D.ride, step: fromStep, velocity: 50, lengthSteps: 16 - fromStep }, ...roll(D.lowTom, 14, 1, 40, 60)];
  }
}

/** A build-up bar before a drop: kick on the beats and a snare roll that tightens and rises. */
export function buildHits(barOfBuild: number, barsInBuild: number): DrumHit[] {
  const progress = barOfBuild / barsInBuild;
  const stride = barOfBuild === barsInBuild - 1 ? 1 : 2;
  const snare = roll(D.snare, 0, stride, crescendo(progress, 55, 95), crescendo(progress + 1 / barsInBuild, 60, 120));
  if (barOfBuild === barsInBuild - 1) {
    // The last beat goes to 32nds.
    return [...snare.filter((hit) => hit.step < 12), ...roll(D.snare, 12, 0.5, 100, 124), ...roll(D.kick, 0, 4, 110, 110)];
  }
  return [...snare, ...roll(D.kick, 0, 4, 110, 110)];
}
