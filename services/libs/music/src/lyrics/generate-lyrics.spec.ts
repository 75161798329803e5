import fc from 'fast-check';
import { GENRE_IDS } from '../composition/genres';
import { MusicParamsError } from '../composition/params';
import { buildScheme, generateLyrics, LYRIC_SECTIONS, type Lyrics, syllableRange } from './generate-lyrics';
import { LYRIC_MOODS, RHYME_FAMILIES, rhymes } from './rhyme-families';
import { countSyllables } from './syllables';

const lastWord = (line: string) => line.split(/\s+/).pop()!.replace(/[^a-z]/gi, '').toLowerCase();

/** An eye check independent of the dictionary: the last vowel and what follows, silent e dropped. */
function spelledRime(word: string): string {
  const stem = word.replace(/([^aeiouy])e$/, '$1');
  return /[aeiouy][^aeiouy]*$/.exec(stem)?.[0] ?? stem;
}

function rhymingPairs(lyrics: Lyrics): [string, string][] {
  return lyrics.sections.flatMap((section) => {
    const pairs: [string, string][] = [];
    [...section.rhymeScheme].forEach((letter, i) => {
      const j = section.rhymeScheme.indexOf(letter);
      if (j < i) pairs.push([lastWord(section.lines[j]!), lastWord(section.lines[i]!)]);
    });
    return pairs;
  });
}

describe('generateLyrics', () => {
  it('gives the same text for the same params and seed, and different text for another seed', () => {
    const params = { mood: 'happy', genre: 'edm-pop', topic: 'summer', seed: 7 } as const;
    expect(generateLyrics(params)).toEqual(generateLyrics(params));
    expect(generateLyrics({ ...params, seed: 8 }).text).not.toBe(generateLyrics(params).text);
  });

  it('follows the default structure with a rhyme scheme per section', () => {
    const lyrics = generateLyrics({ mood: 'sad', genre: 'rock', seed: 1 });
    expect(lyrics.sections.map((section) => section.name)).toEqual(['Verse 1', 'Chorus', 'Verse 2', 'Chorus', 'Bridge', 'Chorus']);
    for (const section of lyrics.sections) {
      expect(section.rhymeScheme).toMatch(/^[A-Z]{4}$/);
      expect(section.lines).toHaveLength(4);
    }
    expect(lyrics.text.startsWith(`${lyrics.title}\n\n[Verse 1]\n`)).toBe(true);
  });

  it('holds each section’s declared rhyme scheme, by the dictionary and by spelling', () => {
    for (let seed = 0; seed < 60; seed++) {
      const lyrics = generateLyrics({ mood: LYRIC_MOODS[seed % LYRIC_MOODS.length]!, genre: GENRE_IDS[seed % GENRE_IDS.length]!, linesPerSection: 2 + (seed % 7), seed });
      const pairs = rhymingPairs(lyrics);
      expect(pairs.length).toBeGreaterThan(0);
      for (const [a, b] of pairs) {
        expect({ a, b, rhymes: rhymes(a, b) }).toEqual({ a, b, rhymes: true });
        expect(spelledRime(a)).toBe(spelledRime(b));
      }
    }
  });

  it('sings the chorus identically every time, with the title in it', () => {
    const lyrics = generateLyrics({ mood: 'romantic', genre: 'reggaeton', seed: 42 });
    const choruses = lyrics.sections.filter((section) => section.kind === 'chorus');
    expect(choruses).toHaveLength(3);
    for (const chorus of choruses) expect(chorus.lines).toEqual(choruses[0]!.lines);
    expect(choruses[0]!.lines[0]!.toLowerCase()).toContain(lyrics.title.toLowerCase());
    expect(lyrics.title.toLowerCase()).toBe(lyrics.hook.toLowerCase());
  });

  it('keeps at least 90% of lines within the genre’s syllable range', () => {
    for (const genre of GENRE_IDS) {
      const { min, max } = syllableRange(genre);
      const lines = LYRIC_MOODS.flatMap((mood, i) => generateLyrics({ mood, genre, seed: i * 31, topic: i % 2 ? 'the city' : undefined }).sections.flatMap((s) => s.lines));
      const within = lines.filter((line) => countSyllables(line) >= min && countSyllables(line) <= max).length;
      expect({ genre, share: within / lines.length >= 0.9 }).toEqual({ genre, share: true });
    }
  });

  it('weaves the topic into every chorus', () => {
    const lyrics = generateLyrics({ mood: 'hopeful', genre: 'afrobeats', seed: 3, topic: 'Lagos' });
    for (const chorus of lyrics.sections.filter((section) => section.kind === 'chorus')) expect(chorus.lines.join(' ').toLowerCase()).toContain('lagos');
  });

  it('names every invalid field', () => {
    const caught = (params: unknown) => {
      try {
        generateLyrics(params as never);
      } catch (err) {
        return err;
      }
      throw new Error('expected MusicParamsError');
    };
    const err = caught({ mood: 'furious', genre: 'polka', seed: 1.5, linesPerSection: 1, structure: ['verse', 'solo'], topic: '{x}' });
    expect(err).toBeInstanceOf(MusicParamsError);
    expect((err as MusicParamsError).fields.sort()).toEqual(['genre', 'linesPerSection', 'mood', 'seed', 'structure.1', 'topic']);
    expect((caught({ mood: 'sad', genre: 'rock', seed: 1, extra: true }) as MusicParamsError).code).toBe('MUSIC_PARAMS_INVALID');
  });

  it('writes lines for every section of any valid request, with no empty line or leftover slot', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            mood: fc.constantFrom(...LYRIC_MOODS),
            genre: fc.constantFrom(...GENRE_IDS),
            structure: fc.array(fc.constantFrom(...LYRIC_SECTIONS), { minLength: 1, maxLength: 16 }),
            linesPerSection: fc.integer({ min: 2, max: 8 }),
            topic: fc.stringMatching(/^[a-zA-Z][a-zA-Z' -]{0,20}[a-zA-Z]$/),
            seed: fc.integer({ min: 0, max: 0xffff_ffff }),
          },
          { requiredKeys: ['mood', 'genre', 'seed'] },
        ),
        (params) => {
          const lyrics = generateLyrics(params);
          expect(lyrics.sections).toHaveLength(params.structure?.length ?? 6);
          expect(lyrics.title.length).toBeGreaterThan(0);
          for (const section of lyrics.sections) {
            expect(section.lines.length).toBe(section.rhymeScheme.length);
            expect(section.lines.length).toBeGreaterThan(0);
            for (const line of section.lines) {
              expect(line.trim().length).toBeGreaterThan(0);
              expect(line).not.toMatch(/[{}]/);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('the rhyme dictionary', () => {
  it('has several hundred words in families that each offer a noun and enough words for a section', () => {
    expect(RHYME_FAMILIES.flatMap((family) => family.words).length).toBeGreaterThanOrEqual(280);
    for (const family of RHYME_FAMILIES) {
      expect(family.words.length).toBeGreaterThanOrEqual(8);
      expect(family.words.some((word) => word.pos === 'n')).toBe(true);
      for (const { word } of family.words) expect(word.endsWith(family.rime)).toBe(true);
    }
    const all = RHYME_FAMILIES.flatMap((family) => family.words.map((w) => w.word));
    expect(new Set(all).size).toBe(all.length);
  });

  it('builds schemes in blocks of four with new letters', () => {
    expect(buildScheme('ABAB', 8)).toBe('ABABCDCD');
    expect(buildScheme('AABB', 6)).toBe('AABBCC');
    expect(buildScheme('ABCB', 5)).toBe('ABCBB');
    expect(buildScheme('AAAA', 3)).toBe('AAA');
  });
});
