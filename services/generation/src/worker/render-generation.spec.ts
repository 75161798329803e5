import { COMPLEXITIES, GENRES, MUSICAL_KEYS, SCALES } from '@dawg/contracts';
import { COMPLEXITIES as ENGINE_COMPLEXITIES, GENRE_IDS, SCALE_NAMES, TONIC_NAMES } from '@dawg/music';

describe('generation requests and the music engine', () => {
  it('offer exactly the genres, tonics, scales and complexities the engine takes', () => {
    expect([...GENRES].sort()).toEqual([...GENRE_IDS].sort());
    expect([...MUSICAL_KEYS].sort()).toEqual([...TONIC_NAMES].sort());
    expect([...SCALES].sort()).toEqual([...SCALE_NAMES].sort());
    expect([...COMPLEXITIES].sort()).toEqual([...ENGINE_COMPLEXITIES].sort());
  });
});
