import { z } from 'zod';
import { GENRE_IDS, type GenreId } from '../composition/genres';
import { parseOrThrow } from '../composition/params';
import { createRandom, type SeededRandom } from '../composition/random';
import { LYRIC_MOODS, type LyricMood, RHYME_FAMILIES, type RhymeFamily, type RhymeWord } from './rhyme-families';
import { countSyllables } from './syllables';
import { HOOK_TEMPLATES, LINE_TEMPLATES, type LineTemplate, MOOD_VOCABULARY, type MoodVocabulary } from './templates';

export const LYRIC_SECTIONS = ['intro', 'verse', 'pre-chorus', 'chorus', 'bridge', 'outro'] as const;
export type LyricSectionKind = (typeof LYRIC_SECTIONS)[number];
export const DEFAULT_LYRIC_STRUCTURE: readonly LyricSectionKind[] = ['verse', 'chorus', 'verse', 'chorus', 'bridge', 'chorus'];

export const lyricsParamsSchema = z.strictObject({
  /** Woven into the lines (always once in the chorus). */
  topic: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[\p{L}\p{N}' -]+$/u, 'letters, digits, spaces, hyphens and apostrophes only')
    .optional(),
  mood: z.enum(LYRIC_MOODS),
  /** Sets the line length: rap genres sing more syllables to a line than ambient. */
  genre: z.enum(GENRE_IDS),
  structure: z.array(z.enum(LYRIC_SECTIONS)).min(1).max(16).optional(),
  /** Lines of each verse, pre-chorus, chorus and bridge; intros and outros have two. */
  linesPerSection: z.number().int().min(2).max(8).optional(),
  seed: z.number().int(),
});
export type LyricsParams = z.input<typeof lyricsParamsSchema>;

export interface LyricsSection {
  kind: LyricSectionKind;
  /** As printed, e.g. `Verse 2`, `Chorus`. */
  name: string;
  /** One letter per line; lines with the same letter rhyme, e.g. `AABB`. */
  rhymeScheme: string;
  lines: string[];
}

/** A section before it is named, as `assembleLyrics` takes it. */
export type UnnamedLyricsSection = Omit<LyricsSection, 'name'>;

export interface Lyrics {
  title: string;
  /** The phrase that opens every chorus and names the song. */
  hook: string;
  sections: LyricsSection[];
  /** The title, then each section under a `[Name]` heading. */
  text: string;
}

/** Syllables a line should have, by genre: rap packs lines, ambient and lo-fi leave space. */
export function syllableRange(genre: GenreId): { min: number; max: number } {
  switch (genre) {
    case 'trap':
    case 'boom-bap':
    case 'drum-and-bass':
      return { min: 8, max: 14 };
    case 'lo-fi':
    case 'jazz-swing':
    case 'ambient':
    case 'techno':
      return { min: 5, max: 10 };
    default:
      return { min: 6, max: 11 };
  }
}

const RAP_GENRES: readonly GenreId[] = ['trap', 'boom-bap', 'drum-and-bass'];
// Pickups in front of a line: they lengthen short lines without touching the rhyme at the end.
const RAP_PICKUPS = ['', 'Yeah, ', 'Look, ', 'Uh, ', 'I swear ', 'Man, I swear ', 'Real talk, '];
const SUNG_PICKUPS = ['', '', 'Oh, ', 'And ', 'So '];
const LINE_ATTEMPTS = 24;

interface SectionPlan {
  random: SeededRandom;
  mood: LyricMood;
  vocabulary: MoodVocabulary;
  topic: string | undefined;
  range: { min: number; max: number };
  pickups: readonly string[];
}

/**
 * Lyrics without an AI provider: rhyme families chosen for the mood fill each
 * section's rhyme scheme, line templates carry the rhyme word to the end of
 * the line, and lines are kept to the genre's syllable range. The chorus is
 * written once and sung identically each time; its opening hook is the title.
 * Pure and deterministic: the same params and seed give the same text.
 */
export function generateLyrics(input: LyricsParams): Lyrics {
  const params = parseOrThrow(lyricsParamsSchema, input);
  const structure = params.structure ?? DEFAULT_LYRIC_STRUCTURE;
  const linesPerSection = params.linesPerSection ?? 4;
  const random = createRandom(params.seed);
  const plan = (label: string): SectionPlan => ({
    random: random.fork(label),
    mood: params.mood,
    vocabulary: MOOD_VOCABULARY[params.mood],
    topic: params.topic,
    range: syllableRange(params.genre),
    pickups: RAP_GENRES.includes(params.genre) ? RAP_PICKUPS : SUNG_PICKUPS,
  });
  const rap = RAP_GENRES.includes(params.genre);

  // Written first, whether or not the structure sings it, because its hook names the song.
  const chorus = writeSection(plan('chorus'), chorusScheme(plan('chorus-scheme').random, linesPerSection), true);
  const sections = structure.map((kind, index): UnnamedLyricsSection => {
    if (kind === 'chorus') return { kind, rhymeScheme: chorus.scheme, lines: [...chorus.lines] };
    const sectionPlan = plan(`${kind}:${index}`);
    const lines = kind === 'intro' || kind === 'outro' ? 2 : linesPerSection;
    const scheme = buildScheme(sectionPlan.random.pick(schemeChoices(kind, rap)), lines);
    const written = writeSection(sectionPlan, scheme, false);
    return { kind, rhymeScheme: scheme, lines: written.lines };
  });
  return assembleLyrics(chorus.hook, sections);
}

/**
 * Lyrics from a hook and the sections in order: names each section as
 * printed (`Verse 1`, `Chorus`), titles the song after the hook and lays out
 * `text`. Shared by this generator and lyrics written by a language model,
 * so both read the same. Pure.
 */
export function assembleLyrics(hook: string, sections: readonly UnnamedLyricsSection[]): Lyrics {
  const totals = new Map<LyricSectionKind, number>();
  for (const { kind } of sections) totals.set(kind, (totals.get(kind) ?? 0) + 1);
  const counts = new Map<LyricSectionKind, number>();
  const named = sections.map(({ kind, rhymeScheme, lines }): LyricsSection => {
    const nth = (counts.get(kind) ?? 0) + 1;
    counts.set(kind, nth);
    return { kind, name: sectionName(kind, nth, totals.get(kind) ?? 1), rhymeScheme, lines: [...lines] };
  });
  const title = titleCase(hook);
  const text = [title, ...named.map((section) => `\n[${section.name}]\n${section.lines.join('\n')}`)].join('\n') + '\n';
  return { title, hook, sections: named, text };
}

function schemeChoices(kind: LyricSectionKind, rap: boolean): readonly string[] {
  switch (kind) {
    case 'verse':
      return rap ? ['AABB'] : ['AABB', 'ABAB'];
    case 'bridge':
      return ['ABCB', 'AABB'];
    default:
      return ['AABB'];
  }
}

function chorusScheme(random: SeededRandom, lines: number): string {
  return buildScheme(random.pick(['AABB', 'ABAB', 'AAAA']), lines);
}

/**
 * The pattern repeated over the section in blocks of four, each block with
 * new letters; a last block of two or three lines rhymes among itself and a
 * single leftover line rhymes with the line before it.
 */
export function buildScheme(pattern: string, lines: number): string {
  const letters: string[] = [];
  let next = 0;
  for (let start = 0; start < lines; start += 4) {
    const size = Math.min(4, lines - start);
    if (size === 4) {
      const map = new Map<string, string>();
      for (const symbol of pattern) {
        if (!map.has(symbol)) map.set(symbol, String.fromCharCode(65 + next++));
        letters.push(map.get(symbol)!);
      }
    } else if (size === 1 && letters.length > 0) {
      letters.push(letters[letters.length - 1]!);
    } else {
      const letter = String.fromCharCode(65 + next++);
      for (let i = 0; i < size; i++) letters.push(letter);
    }
  }
  return letters.join('');
}

interface WrittenSection {
  scheme: string;
  lines: string[];
  hook: string;
}

function writeSection(plan: SectionPlan, scheme: string, isChorus: boolean): WrittenSection {
  const { random, vocabulary } = plan;
  const families = assignFamilies(plan, scheme);
  const usedWords = new Set<string>();
  const usedTemplates = new Set<string>();
  let hook = '';
  const lines = [...scheme].map((letter, index) => {
    const family = families.get(letter)!;
    if (isChorus && index === 0) {
      const word = takeWord(random, family, usedWords, 'n');
      hook = `${random.pick(vocabulary.adj)} ${word.word}`;
      return fitLine(plan, (pick) => fill(pick(HOOK_TEMPLATES).replace('{hook}', hook), plan));
    }
    const word = takeWord(random, family, usedWords);
    // The chorus's second line always carries the topic, so it is sung every chorus.
    const mustHaveTopic = isChorus && index === 1 && plan.topic !== undefined;
    const templates = LINE_TEMPLATES.filter(
      (template) => template.end === word.pos && (plan.topic === undefined ? !hasTopic(template) : !mustHaveTopic || hasTopic(template)),
    );
    return fitLine(plan, (pick, attempt) => {
      const fresh = templates.filter((template) => !usedTemplates.has(template.text));
      const template = pick(attempt < LINE_ATTEMPTS / 2 && fresh.length > 0 ? fresh : templates);
      return { text: fill(template.text.replace('{end}', word.word), plan), template };
    }, usedTemplates);
  });
  return { scheme, lines, hook };
}

const hasTopic = (template: LineTemplate) => template.text.includes('{topic}');

/** One family per scheme letter, distinct within the section, favouring families that suit the mood. */
function assignFamilies(plan: SectionPlan, scheme: string): Map<string, RhymeFamily> {
  const assigned = new Map<string, RhymeFamily>();
  for (const letter of new Set(scheme)) {
    const needed = [...scheme].filter((l) => l === letter).length;
    const taken = new Set(assigned.values());
    const candidates = RHYME_FAMILIES.filter((family) => !taken.has(family) && family.words.length >= needed);
    assigned.set(letter, plan.random.weighted(candidates.map((family) => [family, family.moods.includes(plan.mood) ? 4 : 1] as const)));
  }
  return assigned;
}

/** A word of the family not yet ending a line of this section (of the part of speech, when one is asked for). */
function takeWord(random: SeededRandom, family: RhymeFamily, used: Set<string>, pos?: RhymeWord['pos']): RhymeWord {
  const fits = family.words.filter((word) => pos === undefined || word.pos === pos);
  const fresh = fits.filter((word) => !used.has(word.word));
  const word = random.pick(fresh.length > 0 ? fresh : fits);
  used.add(word.word);
  return word;
}

type Candidate = string | { text: string; template: LineTemplate };

/**
 * Tries fillings (and pickups in front) until a line lands in the genre's
 * syllable range; when none does, keeps the closest.
 */
function fitLine(plan: SectionPlan, make: (pick: <T>(items: readonly T[]) => T, attempt: number) => Candidate, usedTemplates?: Set<string>): string {
  const { random, range } = plan;
  let best: { line: string; distance: number; template?: LineTemplate } | undefined;
  for (let attempt = 0; attempt < LINE_ATTEMPTS; attempt++) {
    const made = make((items) => random.pick(items), attempt);
    const body = typeof made === 'string' ? made : made.text;
    const line = withPickup(random.pick(plan.pickups), body, plan.topic);
    const syllables = countSyllables(line);
    const distance = syllables < range.min ? range.min - syllables : syllables > range.max ? syllables - range.max : 0;
    if (!best || distance < best.distance) best = { line, distance, ...(typeof made === 'string' ? {} : { template: made.template }) };
    if (distance === 0) break;
  }
  if (best!.template) usedTemplates?.add(best!.template.text);
  return best!.line;
}

function fill(text: string, plan: SectionPlan): string {
  const { random, vocabulary } = plan;
  const filled = text
    .replace('{adj}', () => random.pick(vocabulary.adj))
    .replace('{noun}', () => random.pick(vocabulary.noun))
    .replace('{place}', () => random.pick(vocabulary.place))
    .replace('{time}', () => random.pick(vocabulary.time))
    .replace('{topic}', () => plan.topic ?? '');
  // "a electric" reads "an electric".
  return filled.replace(/\b([Aa]) (?=[aeiou])/g, '$1n ');
}

function withPickup(pickup: string, body: string, topic: string | undefined): string {
  if (pickup === '') return capitalise(body);
  // "I" and the topic keep their capitals after a pickup; anything else reads on in lower case.
  const keep = /^I\b/.test(body) || (topic !== undefined && body.startsWith(topic));
  const lowered = keep ? body : body.charAt(0).toLowerCase() + body.slice(1);
  return pickup + lowered;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function titleCase(phrase: string): string {
  return phrase
    .split(' ')
    .map((word) => capitalise(word))
    .join(' ');
}

function sectionName(kind: LyricSectionKind, nth: number, total: number): string {
  const base = kind === 'pre-chorus' ? 'Pre-Chorus' : capitalise(kind);
  if (kind === 'chorus') return base;
  return kind === 'verse' || total > 1 ? `${base} ${nth}` : base;
}
