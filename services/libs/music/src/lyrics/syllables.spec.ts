import { countSyllables, countWordSyllables } from './syllables';

describe('countSyllables', () => {
  it.each([
    ['night', 1],
    ['shine', 1],
    ['fire', 1],
    ['desire', 2],
    ['table', 2],
    ['places', 2],
    ['tires', 1],
    ['faded', 2],
    ['dreamed', 1],
    ['yellow', 2],
    ['memory', 3],
    ['everything', 3],
    ['the', 1],
  ])('counts %s as %i', (word, syllables) => {
    expect(countWordSyllables(word)).toBe(syllables);
  });

  it('adds up a line, hyphenated words and punctuation included', () => {
    expect(countSyllables('Oh, take me to the golden night')).toBe(8);
    expect(countSyllables('brand-new day')).toBe(3);
  });
});
