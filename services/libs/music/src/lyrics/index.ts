export { assembleLyrics, buildScheme, DEFAULT_LYRIC_STRUCTURE, generateLyrics, LYRIC_SECTIONS, lyricsParamsSchema, syllableRange } from './generate-lyrics';
export type { Lyrics, LyricSectionKind, LyricsParams, LyricsSection, UnnamedLyricsSection } from './generate-lyrics';
export { LYRIC_MOODS, RHYME_FAMILIES, rhymeKey, rhymes } from './rhyme-families';
export type { LyricMood, RhymeFamily } from './rhyme-families';
export { countSyllables, countWordSyllables } from './syllables';
