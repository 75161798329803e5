import { GENRE_IDS, type GenreId, type LyricMood, type ScaleName, TONIC_NAMES, type TonicName } from '@dawg/music';
import { COMPLEXITY_WORDS, GENRE_WORDS, MOOD_WORDS, SCALE_WORDS, SECTION_WORDS } from './lexicon';
import type { Token } from './normalise';
import type { MarkerKind } from '../tools';

/**
 * Extractors: each reads one kind of value (a tempo, a key, a genre, a bar,
 * a name) out of a clause's tokens. They never decide what the user wants;
 * the intent rules do that and call the extractors they need.
 */

export interface Found<T> {
  value: T;
  /** Index of the first and one past the last token read. */
  start: number;
  end: number;
}

const UNIT_WORDS = new Set(['bpm', 'bar', 'bars', 'db', 'decibels', 'decibel', 'percent', 'lufs', 'seconds', 'beats']);

function isNumber(token: Token | undefined): token is Token & { value: number } {
  return token?.kind === 'number' && token.value !== undefined;
}

/** Words that take back what came before ("92... no, 98", "F minor, actually G minor"): the last value then wins. */
const CORRECTIONS = new Set(['no', 'actually', 'sorry', 'rather', 'instead', 'mean', 'wait', 'correction']);

export function correcting(tokens: readonly Token[]): boolean {
  return tokens.some((token) => CORRECTIONS.has(token.norm));
}

/** "140 bpm", "bpm 140", "tempo of 92", "tempo to 92bpm", "at 140"; after a correction, the last one. */
export function extractBpm(tokens: readonly Token[], options: { bareNumber?: boolean } = {}): Found<number> | undefined {
  if (!correcting(tokens)) return firstBpm(tokens, options);
  for (let from = tokens.length - 1; from >= 0; from--) {
    const found = firstBpm(tokens.slice(from), { bareNumber: true });
    if (found) return { value: found.value, start: found.start + from, end: found.end + from };
  }
  return firstBpm(tokens, options);
}

function firstBpm(tokens: readonly Token[], options: { bareNumber?: boolean }): Found<number> | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!isNumber(token) || token.ordinal) continue;
    if (tokens[i + 1]?.norm === 'bpm') return { value: token.value, start: i, end: i + 2 };
  }
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!isNumber(token) || token.ordinal || UNIT_WORDS.has(tokens[i + 1]?.norm ?? '')) continue;
    const before = [tokens[i - 1]?.norm, tokens[i - 2]?.norm, tokens[i - 3]?.norm];
    if (before.slice(0, 3).some((word) => word === 'tempo' || word === 'bpm' || word === 'speed')) return { value: token.value, start: i, end: i + 1 };
    if (before[0] === 'at' && token.value >= 20) return { value: token.value, start: i, end: i + 1 };
  }
  if (options.bareNumber) {
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (!isNumber(token) || token.ordinal || UNIT_WORDS.has(tokens[i + 1]?.norm ?? '')) continue;
      if (['bar', 'track', 'seed', 'by'].includes(tokens[i - 1]?.norm ?? '')) continue;
      if (token.value >= 20 && token.value <= 400) return { value: token.value, start: i, end: i + 1 };
    }
  }
  return undefined;
}

/** A relative tempo change: "by 10 bpm", "10 bpm slower". */
export function extractBpmDelta(tokens: readonly Token[]): Found<number> | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!isNumber(token) || token.ordinal) continue;
    if (tokens[i - 1]?.norm === 'by' || (tokens[i + 1]?.norm === 'bpm' && ['faster', 'slower', 'quicker', 'up', 'down'].includes(tokens[i + 2]?.norm ?? ''))) {
      return { value: Math.abs(token.value), start: i, end: i + 1 };
    }
  }
  return undefined;
}

/** "8 bars", "16-bar", "a 4 bar loop". */
export function extractBars(tokens: readonly Token[]): Found<number> | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (isNumber(token) && !token.ordinal && ['bar', 'bars'].includes(tokens[i + 1]?.norm ?? '')) return { value: token.value, start: i, end: i + 2 };
  }
  return undefined;
}

/** The bar a marker goes on: "at bar 17", "bar 17", "the 17th bar", "measure 33". */
export function extractBarPosition(tokens: readonly Token[]): Found<number> | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (['bar', 'bars'].includes(token.norm) && isNumber(tokens[i + 1])) return { value: tokens[i + 1]!.value!, start: i, end: i + 2 };
    if (isNumber(token) && token.ordinal && ['bar', 'bars'].includes(tokens[i + 1]?.norm ?? '')) return { value: token.value, start: i, end: i + 2 };
  }
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (isNumber(token) && ['at', 'on'].includes(tokens[i - 1]?.norm ?? '') && !UNIT_WORDS.has(tokens[i + 1]?.norm ?? '')) return { value: token.value, start: i, end: i + 1 };
  }
  return undefined;
}

/** A number of decibels: "3 dB", "-6db", "+2 db". */
export function extractDecibels(tokens: readonly Token[]): Found<{ amount: number; signed: boolean }> | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (isNumber(token) && ['db', 'decibels', 'decibel'].includes(tokens[i + 1]?.norm ?? '')) {
      return { value: { amount: token.value, signed: token.signed === true }, start: i, end: i + 2 };
    }
  }
  return undefined;
}

/** A loudness target: "-10 LUFS", "to -12". */
export function extractLufs(tokens: readonly Token[]): Found<number> | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!isNumber(token)) continue;
    if (tokens[i + 1]?.norm === 'lufs') return { value: -Math.abs(token.value), start: i, end: i + 2 };
    if (token.value < 0 && tokens[i - 1]?.norm === 'to' && tokens[i + 1]?.norm !== 'db') return { value: token.value, start: i, end: i + 1 };
  }
  return undefined;
}

export function extractSeed(tokens: readonly Token[]): Found<number> | undefined {
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.norm === 'seed' && isNumber(tokens[i + 1]) && Number.isInteger(tokens[i + 1]!.value)) return { value: tokens[i + 1]!.value!, start: i, end: i + 2 };
    if (tokens[i]!.norm === 'seed' && tokens[i + 1]?.norm === 'of' && isNumber(tokens[i + 2])) return { value: tokens[i + 2]!.value!, start: i, end: i + 3 };
  }
  return undefined;
}

function firstMapped<T>(tokens: readonly Token[], table: Readonly<Record<string, T>>): Found<T> | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const value = table[tokens[i]!.norm];
    if (value !== undefined) return { value, start: i, end: i + 1 };
  }
  return undefined;
}

export function extractGenre(tokens: readonly Token[]): Found<GenreId> | undefined {
  const found = firstMapped(tokens, GENRE_WORDS);
  return found && (GENRE_IDS as readonly string[]).includes(found.value) ? found : undefined;
}

export const extractMood = (tokens: readonly Token[]): Found<LyricMood> | undefined => firstMapped(tokens, MOOD_WORDS);
export const extractComplexity = (tokens: readonly Token[]): Found<'simple' | 'medium' | 'complex'> | undefined => firstMapped(tokens, COMPLEXITY_WORDS);

/** Every section word, in order ("intro verse chorus outro"). */
export function extractSections(tokens: readonly Token[]): Array<Found<Exclude<MarkerKind, 'custom'>>> {
  const found: Array<Found<Exclude<MarkerKind, 'custom'>>> = [];
  tokens.forEach((token, i) => {
    const kind = SECTION_WORDS[token.norm];
    if (kind) found.push({ value: kind, start: i, end: i + 1 });
  });
  return found;
}

// ---------------------------------------------------------------- keys

export interface KeyValue {
  tonic: TonicName;
  /** Absent when only the tonic was named ("in G"). */
  scale?: ScaleName;
}

const KEY_TOKEN = /^([a-g])(#|b)?(m|min|minor|maj|major)?$/;
/** Words before a bare note name that make it a key ("in G", "key of E", "to Bb"). */
const KEY_PREPOSITIONS = new Set(['in', 'to', 'of', 'into', 'key', 'is', 'from']);
const ENHARMONIC: Readonly<Record<string, TonicName>> = { 'E#': 'F', 'B#': 'C', Cb: 'B', Fb: 'E' };

/** Every key named in the tokens: "F minor", "f min", "Fm", "F#m", "B flat major", "in A", "D dorian". */
export function extractKeys(tokens: readonly Token[]): Array<Found<KeyValue>> {
  const keys: Array<Found<KeyValue>> = [];
  for (let i = 0; i < tokens.length; i++) {
    const found = keyAt(tokens, i);
    if (found) {
      keys.push(found);
      i = found.end - 1;
    }
  }
  return keys;
}

export function extractKey(tokens: readonly Token[]): Found<KeyValue> | undefined {
  const keys = extractKeys(tokens);
  return correcting(tokens) ? keys[keys.length - 1] : keys[0];
}

function keyAt(tokens: readonly Token[], i: number): Found<KeyValue> | undefined {
  const token = tokens[i]!;
  if (token.kind !== 'word') return undefined;
  const match = KEY_TOKEN.exec(token.norm);
  if (!match) return undefined;
  const [, letter, attachedAccidental, attachedScale] = match as unknown as [string, string, string | undefined, string | undefined];
  // "3 db" is decibels, not D flat.
  if (token.norm === 'db' && tokens[i - 1]?.kind === 'number') return undefined;
  let accidental = attachedAccidental ?? '';
  let end = i + 1;
  if (!accidental && ['sharp', 'flat', '#'].includes(tokens[end]?.norm ?? '')) {
    accidental = tokens[end]!.norm === 'flat' ? 'b' : '#';
    end++;
  }
  let scale: ScaleName | undefined = attachedScale ? (attachedScale.startsWith('m') && !attachedScale.startsWith('ma') ? 'minor' : 'major') : undefined;
  if (!scale && SCALE_WORDS[tokens[end]?.norm ?? ''] !== undefined) {
    scale = SCALE_WORDS[tokens[end]!.norm];
    end++;
  }
  const uppercase = token.raw[0] === token.raw[0]!.toUpperCase();
  const previous = tokens[i - 1]?.norm ?? '';
  const afterPreposition = KEY_PREPOSITIONS.has(previous);
  const marked = Boolean(accidental) || Boolean(attachedScale) || scale !== undefined;
  // "a" and "am" are everyday words: only a capital, or a key-ish context, makes them keys.
  const everyday = token.norm === 'a' || token.norm === 'am';
  if (everyday && !(uppercase && (marked || afterPreposition)) && !(afterPreposition && scale !== undefined)) return undefined;
  if (!marked && !afterPreposition) return undefined;
  if (!marked && !uppercase && token.norm === 'a') return undefined;
  const spelled = letter.toUpperCase() + accidental;
  const tonic = ENHARMONIC[spelled] ?? ((TONIC_NAMES as readonly string[]).includes(spelled) ? (spelled as TonicName) : undefined);
  if (!tonic) return undefined;
  return { value: scale ? { tonic, scale } : { tonic }, start: i, end };
}

/** A scale named without a tonic ("make it minor"). */
export function extractBareScale(tokens: readonly Token[]): Found<ScaleName> | undefined {
  const keyed = new Set(extractKeys(tokens).flatMap((key) => range(key.start, key.end)));
  for (let i = 0; i < tokens.length; i++) {
    const scale = SCALE_WORDS[tokens[i]!.norm];
    if (scale && !keyed.has(i) && tokens[i - 1]?.norm !== 'relative') return { value: scale, start: i, end: i + 1 };
  }
  return undefined;
}

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, k) => start + k);
}

// ---------------------------------------------------------------- names

const NAME_INTRODUCERS = new Set(['called', 'named', 'titled', 'labelled', 'labeled']);
const NAME_TAIL_STOPS = new Set(['please', 'thanks', 'thx', 'now', 'pls']);

/** Cuts the user's own words (case and hyphens kept) between two tokens. */
export function textBetween(text: string, tokens: readonly Token[], start: number, end: number): string {
  const slice = tokens.slice(start, end).filter((token) => token.kind !== 'punct' || /[-'&#]/.test(token.raw));
  if (slice.length === 0) return '';
  return text.slice(slice[0]!.start, slice[slice.length - 1]!.end).trim();
}

/** Drops trailing politeness and punctuation from a name's tokens. */
function trimTail(tokens: readonly Token[], start: number, end: number): number {
  let last = end;
  while (last > start && (tokens[last - 1]!.kind === 'punct' || NAME_TAIL_STOPS.has(tokens[last - 1]!.norm))) last--;
  return last;
}

/** Title Case for names typed all in lower case; names with capitals are kept as typed. */
export function tidyName(name: string): string {
  const squeezed = name.replace(/\s+/g, ' ').trim();
  if (squeezed !== squeezed.toLowerCase()) return squeezed;
  return squeezed.replace(/(^|[\s-])([a-z])/g, (_, gap: string, letter: string) => gap + letter.toUpperCase());
}

/** "called Lead Vox", "named 'Pads'", "call it Drums", or a quoted name anywhere. */
export function extractGivenName(text: string, tokens: readonly Token[], stop = tokens.length): Found<string> | undefined {
  const quoted = tokens.findIndex((token) => token.kind === 'quoted');
  if (quoted >= 0) return { value: tokens[quoted]!.raw, start: quoted, end: quoted + 1 };
  for (let i = 0; i < tokens.length; i++) {
    const norm = tokens[i]!.norm;
    let from = -1;
    if (NAME_INTRODUCERS.has(norm)) from = i + 1;
    else if ((norm === 'call' || norm === 'name') && ['it', 'this', 'them'].includes(tokens[i + 1]?.norm ?? '')) from = i + 2;
    if (from < 0 || from >= tokens.length) continue;
    const end = trimTail(tokens, from, stop > from ? stop : tokens.length);
    const value = textBetween(text, tokens, from, end);
    if (value) return { value: tidyName(value), start: i, end };
  }
  return undefined;
}

/** The new name in "rename X to Y" / "rename X as Y": the words after the last "to"/"as". */
export function extractNewName(text: string, tokens: readonly Token[], after: number): Found<string> | undefined {
  const quoted = tokens.findIndex((token, i) => i > after && token.kind === 'quoted');
  if (quoted >= 0) return { value: tokens[quoted]!.raw, start: quoted, end: quoted + 1 };
  for (let i = tokens.length - 1; i > after; i--) {
    if (['to', 'as', 'into'].includes(tokens[i]!.norm)) {
      const end = trimTail(tokens, i + 1, tokens.length);
      const value = textBetween(text, tokens, i + 1, end);
      if (value) return { value: tidyName(value), start: i, end };
    }
  }
  return undefined;
}

const TOPIC_STOPS = new Set(['please', 'thanks', 'pls', 'for', 'in', 'with', 'at']);
const ARTICLES = new Set(['a', 'an', 'the']);

/** What lyrics are about: "about rain", "about the summer nights" (letters, digits, spaces, hyphens, apostrophes; at most 40 characters). */
export function extractTopic(text: string, tokens: readonly Token[]): Found<string> | undefined {
  const about = tokens.findIndex((token) => token.norm === 'about' || token.norm === 'regarding' || token.norm === 'on');
  if (about < 0 || about + 1 >= tokens.length) return undefined;
  let start = about + 1;
  while (start < tokens.length && ARTICLES.has(tokens[start]!.norm)) start++;
  let end = start;
  while (end < tokens.length && tokens[end]!.kind !== 'punct' && !TOPIC_STOPS.has(tokens[end]!.norm) && GENRE_WORDS[tokens[end]!.norm] === undefined) end++;
  let value = textBetween(text, tokens, start, end)
    .replace(/[^\p{L}\p{N}' -]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (value.length > 40) value = value.slice(0, 41).replace(/\s+\S*$/, '').trim().slice(0, 40);
  return value ? { value, start: about, end } : undefined;
}
