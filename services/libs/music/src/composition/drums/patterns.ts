import type { Complexity } from '../../theory/progressions';
import type { GenreId } from '../genres';
import type { SeededRandom } from '../random';
import { GM_DRUMS as D } from './gm-drums';

/** One drum strike on the sixteenth grid of a bar (fractional steps for rolls). */
export interface DrumHit {
  pitch: number;
  step: number;
  velocity: number;
  /** Length in steps; drums mostly ignore it, but open hats and cymbals ring. */
  lengthSteps: number;
}

export interface BarContext {
  rng: SeededRandom;
  complexity: Complexity;
  /** 0-based bar within the current phrase; a pattern can vary its answer bar. */
  barInPhrase: number;
}

function hits(pitch: number, steps: readonly number[], velocity: number, lengthSteps = 1): DrumHit[] {
  return steps.map((step) => ({ pitch, step, velocity, lengthSteps }));
}

/** Hats (or a ride) on a grid, with the on-beats accented as a drummer's hand does. */
function pulse(pitch: number, everySteps: number, strong: number, weak: number): DrumHit[] {
  const result: DrumHit[] = [];
  for (let step = 0; step < 16; step += everySteps) {
    result.push({ pitch, step, velocity: step % 4 === 0 ? strong : weak, lengthSteps: 1 });
  }
  return result;
}

/** Quiet snare strokes between the backbeats; `chance` per candidate step. */
function ghostSnares(ctx: BarContext, candidates: readonly number[], chance: number): DrumHit[] {
  return candidates
    .filter(() => ctx.rng.chance(chance))
    .map((step) => ({ pitch: D.snare, step, velocity: ctx.rng.int(24, 42), lengthSteps: 1 }));
}

/** Picks `count` distinct extra steps from the candidates. */
function extraSteps(ctx: BarContext, candidates: readonly number[], count: number): number[] {
  const pool = [...candidates];
  const chosen: number[] = [];
  while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(ctx.rng.int(0, pool.length - 1), 1)[0]!);
  return chosen;
}

const level = (complexity: Complexity): number => (complexity === 'simple' ? 0 : complexity === 'medium' ? 1 : 2);

/** A trap hat roll over one beat: 32nds or sixteenth triplets. */
function hatRoll(ctx: BarContext, beat: number): DrumHit[] {
  const stride = ctx.rng.chance(0.5) ? 0.5 : 4 / 6;
  const result: DrumHit[] = [];
  for (let step = beat * 4; step < beat * 4 + 4 - 1e-9; step += stride) {
    result.push({ pitch: D.closedHat, step, velocity: 60 + Math.round((step - beat * 4) * 8), lengthSteps: stride });
  }
  return result;
}

const PATTERNS: Record<GenreId, (ctx: BarContext) => DrumHit[]> = {
  // Half-time: one snare+clap on beat 3, sparse rolling kicks, busy hats with rolls.
  trap: (ctx) => {
    const n = level(ctx.complexity);
    const kicks = [0, 10, ...extraSteps(ctx, [3, 7, 11, 14], n)];
    let hats = n === 0 ? pulse(D.closedHat, 2, 90, 70) : pulse(D.closedHat, 1, 90, 62);
    const result = [...hits(D.kick, kicks, 115, 4), ...hits(D.snare, [8], 110), ...hits(D.clap, [8], 100)];
    if (n === 2) {
      const rollBeat = ctx.rng.pick([1, 3]);
      hats = hats.filter((hit) => Math.floor(hit.step / 4) !== rollBeat).concat(hatRoll(ctx, rollBeat));
      if (ctx.rng.chance(0.5)) result.push(...hits(D.openHat, [14], 80, 2));
    }
    return [...result, ...hats];
  },
  // Kick on 1 and the "and" of 3, hard backbeat, swung hats, ghost notes in the gaps.
  'boom-bap': (ctx) => {
    const n = level(ctx.complexity);
    const kicks = [0, 10, ...(n >= 1 ? [ctx.rng.pick([3, 7])] : []), ...(n === 2 ? extraSteps(ctx, [14, 15], 1) : [])];
    const hats = n === 2 ? pulse(D.closedHat, 1, 85, 55) : pulse(D.closedHat, 2, 85, 62);
    const result = [...hits(D.kick, kicks, 112), ...hits(D.snare, [4, 12], 112), ...hats];
    if (n >= 1) result.push(...ghostSnares(ctx, [6, 7, 9, 11, 15], n === 1 ? 0.3 : 0.5));
    if (n === 2 && ctx.rng.chance(0.4)) result.push(...hits(D.openHat, [14], 70, 2));
    return result;
  },
  // Boom bap's softer cousin: lazy kicks, side stick or soft snare, shaker wash.
  'lo-fi': (ctx) => {
    const n = level(ctx.complexity);
    const kicks = [0, ctx.rng.pick([7, 10]), ...(n >= 1 ? extraSteps(ctx, [3, 11, 14], 1) : [])];
    const backbeat = n === 0 ? D.sideStick : D.snare;
    const result = [...hits(D.kick, kicks, 100), ...hits(backbeat, [4, 12], 92), ...pulse(D.closedHat, 2, 70, 50)];
    if (n >= 1) result.push(...ghostSnares(ctx, [6, 9, 11, 15], 0.3));
    if (n === 2) result.push(...pulse(D.shaker, 1, 40, 28));
    return result;
  },
  // Four on the floor, claps on 2 and 4, open hats on the off-beats.
  house: (ctx) => {
    const n = level(ctx.complexity);
    const result = [
      ...hits(D.kick, [0, 4, 8, 12], 118),
      ...hits(D.clap, [4, 12], 100),
      ...hits(D.openHat, [2, 6, 10, 14], 78, 2),
    ];
    if (n >= 1) result.push(...hits(D.closedHat, [1, 3, 5, 7, 9, 11, 13, 15], 48));
    if (n === 2) {
      result.push(...hits(D.highConga, extraSteps(ctx, [3, 7, 9, 11, 15], 2), 70));
      result.push(...pulse(D.shaker, 1, 45, 35));
    }
    return result;
  },
  // Relentless quarter kicks, off-beat open hats, sixteenth closed hats and rim.
  techno: (ctx) => {
    const n = level(ctx.complexity);
    const result = [...hits(D.kick, [0, 4, 8, 12], 120), ...hits(D.openHat, [2, 6, 10, 14], 85, 2)];
    if (n >= 1) result.push(...hits(D.clap, [4, 12], 95), ...hits(D.closedHat, [1, 3, 5, 7, 9, 11, 13, 15], 55));
    if (n === 2) result.push(...hits(D.sideStick, extraSteps(ctx, [3, 7, 11, 13], 2), 75), ...pulse(D.ride, 2, 60, 50));
    return result;
  },
  // The two-step: kick on 1 and the "and" of 3, snares on 2 and 4 at double time.
  'drum-and-bass': (ctx) => {
    const n = level(ctx.complexity);
    const result = [...hits(D.kick, [0, 10], 118), ...hits(D.snare, [4, 12], 118)];
    result.push(...(n === 0 ? pulse(D.closedHat, 2, 80, 65) : pulse(D.closedHat, 1, 80, 55)));
    if (n >= 1) result.push(...ghostSnares(ctx, [7, 9, 14], n === 1 ? 0.35 : 0.6));
    if (n === 2) result.push(...hits(D.kick, extraSteps(ctx, [11, 6], 1), 100), ...pulse(D.ride, 2, 55, 45));
    return result;
  },
  // Four on the floor with a layered clap and snare, off-beat hats.
  'edm-pop': (ctx) => {
    const n = level(ctx.complexity);
    const result = [...hits(D.kick, [0, 4, 8, 12], 118), ...hits(D.snare, [4, 12], 105), ...hits(D.clap, [4, 12], 100)];
    result.push(...(n === 0 ? hits(D.closedHat, [2, 6, 10, 14], 80) : pulse(D.closedHat, 1, 75, 55)));
    if (n === 2) result.push(...hits(D.openHat, [2, 6, 10, 14], 70, 2), ...pulse(D.tambourine, 2, 55, 45));
    return result;
  },
  // Kick on 1 and 3, snare on 2 and 4, eighth-note hats.
  rock: (ctx) => {
    const n = level(ctx.complexity);
    const kicks = [0, 8, ...(n >= 1 ? [10] : []), ...(n === 2 ? extraSteps(ctx, [7, 14, 15], 1) : [])];
    const cymbal = n === 2 && ctx.barInPhrase >= 2 ? D.ride : D.closedHat;
    const result = [...hits(D.kick, kicks, 112), ...hits(D.snare, [4, 12], 118), ...pulse(cymbal, 2, 95, 72)];
    if (n === 2) result.push(...ghostSnares(ctx, [6, 15], 0.4));
    return result;
  },
  // Spang-a-lang on the ride, hat foot on 2 and 4, feathered kick, snare comping.
  'jazz-swing': (ctx) => {
    const n = level(ctx.complexity);
    const ride = [
      ...hits(D.ride, [0, 8], 78), ...hits(D.ride, [4, 12], 92), ...hits(D.ride, [6, 14], 66),
    ];
    const result = [...ride, ...hits(D.pedalHat, [4, 12], 70)];
    if (n >= 1) {
      result.push(...hits(D.kick, [0, 4, 8, 12], 34));
      const comping = extraSteps(ctx, [2, 6, 10, 14], n);
      result.push(...comping.map((step) => ({ pitch: D.snare, step, velocity: ctx.rng.int(40, 62), lengthSteps: 1 })));
    }
    if (n === 2 && ctx.rng.chance(0.35)) result.push(...hits(D.kick, [ctx.rng.pick([6, 10, 14])], 82));
    return result;
  },
  // One drop: nothing on 1, kick and rim together on 3, swung hats.
  reggae: (ctx) => {
    const n = level(ctx.complexity);
    const result = [...hits(D.kick, [8], 110), ...hits(D.sideStick, [8], 100), ...pulse(D.closedHat, 2, 72, 56)];
    if (n >= 1 && ctx.rng.chance(0.5)) result.push(...hits(D.openHat, [ctx.rng.pick([6, 14])], 70, 2));
    if (n === 2) result.push(...hits(D.sideStick, extraSteps(ctx, [13, 15], 1), 58));
    return result;
  },
  // Dembow: kick on every beat, snare on the "a" of 1 and the "and" of 2 (3-3-2), twice a bar.
  reggaeton: (ctx) => {
    const n = level(ctx.complexity);
    const result = [...hits(D.kick, [0, 4, 8, 12], 115), ...hits(D.snare, [3, 6, 11, 14], 102)];
    result.push(...(n === 2 ? pulse(D.closedHat, 1, 70, 50) : pulse(D.closedHat, 2, 72, 58)));
    if (n >= 1) result.push(...hits(D.clap, [6, 14], 85));
    if (n === 2) result.push(...hits(D.sideStick, extraSteps(ctx, [2, 10, 15], 1), 70));
    return result;
  },
  // Syncopated kick, 3-3-2 rim, clap on 4, swung shaker and congas.
  afrobeats: (ctx) => {
    const n = level(ctx.complexity);
    const result = [...hits(D.kick, [0, 6, 8], 110), ...hits(D.sideStick, [3, 6, 10], 88), ...pulse(D.shaker, 1, 60, 42)];
    if (n >= 1) result.push(...hits(D.clap, [12], 95), ...hits(D.kick, extraSteps(ctx, [11, 14], 1), 95));
    if (n === 2) {
      result.push(...hits(D.highConga, extraSteps(ctx, [2, 5, 7, 13, 15], 3), 72));
      result.push(...hits(D.lowConga, extraSteps(ctx, [9, 11], 1), 76));
    }
    return result;
  },
  // Sparse and soft: a heartbeat kick, a distant rim, a shaker wash.
  ambient: (ctx) => {
    const n = level(ctx.complexity);
    const result: DrumHit[] = [];
    if (n >= 1 || ctx.barInPhrase % 2 === 0) result.push(...hits(D.kick, [0], 70, 4));
    if (n >= 1) result.push(...hits(D.sideStick, [12], 45), ...pulse(D.shaker, 2, 38, 28));
    if (n === 2) result.push(...pulse(D.ride, 4, 42, 42), ...hits(D.kick, [10], 55, 4));
    return result;
  },
};

/** The groove of one bar for a genre. */
export function barPattern(genre: GenreId, ctx: BarContext): DrumHit[] {
  return PATTERNS[genre](ctx);
}

/** Hits a fill leaves alone because they are the genre's signature (four-on-the-floor kick, the one drop). */
export function keptThroughFill(genre: GenreId, hit: DrumHit): boolean {
  switch (genre) {
    case 'house':
    case 'techno':
    case 'edm-pop':
    case 'reggaeton':
      return hit.pitch === D.kick;
    case 'trap':
    case 'reggae':
      // The half-time snare and the one drop both live on beat 3.
      return hit.pitch === D.kick || hit.step === 8;
    default:
      return false;
  }
}
