/**
 * The only source of randomness in composition. Every generator takes a seed
 * and derives named streams from it, so adding a random choice to one part
 * (say the hats) never shifts what another part (the bassline) gets: the same
 * seed and parameters give the same song, note for note.
 */

/** FNV-1a over the label, so stream names map to stable 32-bit salts. */
function hashLabel(label: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Mixes two 32-bit words so nearby seeds give unrelated streams. */
function mixSeed(seed: number, salt: number): number {
  let h = (seed ^ Math.imul(salt, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A mulberry32 generator: tiny, fast and good enough for musical choices. */
export class SeededRandom {
  private state: number;

  constructor(private readonly seed: number) {
    // Seeds may be any safe integer; fold the high bits in rather than dropping them.
    const high = Math.floor(seed / 0x100000000);
    this.state = mixSeed(seed >>> 0, high >>> 0);
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks by relative weight; weights need not sum to 1. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }

  /** Roughly normal, mean 0 and deviation 1 (sum of uniforms; bounded to ±3, which suits humanising). */
  gaussian(): number {
    return (this.next() + this.next() + this.next() + this.next() - 2) * Math.sqrt(3);
  }

  /** An independent stream for one part of the song, stable for this seed and label. */
  fork(label: string): SeededRandom {
    return new SeededRandom(mixSeed(mixSeed(this.seed >>> 0, hashLabel(label)), Math.floor(this.seed / 0x100000000) >>> 0));
  }
}

export function createRandom(seed: number): SeededRandom {
  return new SeededRandom(seed);
}
