import {
  BEAT_NOUNS,
  CHANGE_VERBS,
  CHORD_NOUNS,
  COMMON_WORDS,
  COMPLEXITY_WORDS,
  CONTRACTIONS,
  CREATE_VERBS,
  DELETE_VERBS,
  GENRE_WORDS,
  INSTRUMENTS,
  LYRIC_NOUNS,
  MARKER_NOUNS,
  MELODY_NOUNS,
  MOOD_WORDS,
  NON_NAME_WORDS,
  PHRASES,
  POLITE_WORDS,
  QUESTION_WORDS,
  SCALE_WORDS,
  SECTION_WORDS,
  SHORTHAND,
  SONG_NOUNS,
  TEMPO_CHANGE_WORDS,
  TEMPO_WORDS,
  TRACK_NOUNS,
  VOLUME_VERBS,
  VOLUME_WORDS,
} from './lexicon';

/**
 * Step one of the offline parser: text to tokens. Each token keeps what the
 * user typed (`raw`, for names and topics) and a normalised form (`norm`:
 * lower case, contractions expanded, shorthand and typos corrected, number
 * words read, multi-word phrases joined) that the rules match on.
 */

export interface Token {
  norm: string;
  raw: string;
  kind: 'word' | 'number' | 'quoted' | 'punct';
  /** Numbers only. */
  value?: number;
  /** "2nd", "second". */
  ordinal?: boolean;
  /** Numbers typed with a sign ("+3", "-6"). */
  signed?: boolean;
  /** Where the token sits in the (cleaned) text, so names can be cut out exactly as typed. */
  start: number;
  end: number;
}

const ONES: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Readonly<Record<string, number>> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const ORDINALS: Readonly<Record<string, number>> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
};

/** Words the typo corrector may correct towards: the ones the rules care about. */
const VOCABULARY: readonly string[] = [
  ...new Set([
    ...Object.keys(GENRE_WORDS), ...Object.keys(SCALE_WORDS), ...Object.keys(MOOD_WORDS), ...Object.keys(COMPLEXITY_WORDS),
    ...Object.keys(SECTION_WORDS), ...INSTRUMENTS.flatMap((i) => i.words), ...CREATE_VERBS, ...CHANGE_VERBS, ...DELETE_VERBS,
    ...BEAT_NOUNS, ...MELODY_NOUNS, ...CHORD_NOUNS, ...SONG_NOUNS, ...LYRIC_NOUNS, ...TRACK_NOUNS, ...MARKER_NOUNS, ...TEMPO_WORDS,
    ...TEMPO_CHANGE_WORDS, ...VOLUME_WORDS, ...VOLUME_VERBS,
    'rename', 'mute', 'unmute', 'solo', 'unsolo', 'pan', 'left', 'right', 'center', 'master', 'mastering', 'mix', 'mixing', 'lyrics',
    'relative', 'signature', 'sharps', 'flats', 'sharp', 'flat', 'notes', 'scale', 'scales', 'triads', 'about', 'called', 'named',
    'please', 'project', 'session', 'tracks', 'what', 'which', 'should', 'could', 'would', 'seventh', 'sevenths', 'suggest', 'recommend',
    'harmonic', 'melodic', 'natural', 'signature', 'progression', 'marker', 'seed', 'arrangement',
  ]),
].filter((word) => word.length >= 4 && /^[a-z-]+$/.test(word));
/** Words the parser knows, never "corrected" into others: the vocabulary, every other word the rules read, and everyday words. */
const KNOWN_WORDS = new Set<string>([
  ...VOCABULARY, ...COMMON_WORDS, ...NON_NAME_WORDS, ...POLITE_WORDS, ...QUESTION_WORDS, ...PHRASES.flatMap(([words]) => words),
  ...Object.keys(SHORTHAND), ...Object.values(SHORTHAND), ...Object.keys(ORDINALS), ...Object.keys(ONES), ...Object.keys(TENS),
  'seed', 'call', 'name', 'names', 'calm', 'mark', 'with', 'about', 'lufs', 'half', 'double', 'halve', 'last', 'first', 'next',
  'hard', 'slightly', 'percent', 'sections', 'section', 'mode', 'modes', 'chord', 'triad', 'note', 'spell', 'sevenths',
]);

export interface NormaliseOptions {
  /** Words never "corrected" (the project's track names). */
  protectedWords?: ReadonlySet<string>;
  /** Leave typos alone (for reading track names themselves). */
  noCorrection?: boolean;
}

/** The text tokens point into: quotes, dashes and accidentals made plain, same length rules as the input otherwise. */
export function cleanText(text: string): string {
  return text
    .replace(/[“”«»]/g, '"')
    .replace(/[‘’`´]/g, "'")
    .replace(/♯/g, '#')
    .replace(/♭/g, 'b')
    .replace(/[\u2013\u2014]/g, '-');
}

const SCAN = /"([^"]*)"|(\d+(?:\.\d+)?)(st|nd|rd|th|s)?|([A-Za-z][A-Za-z']*(?:#[A-Za-z]*)?)|([-+])|([,;.!?&%:/#])|(\S)/g;

/** Text to tokens; see the module comment. Deterministic and pure. */
export function tokenize(text: string, options: NormaliseOptions = {}): Token[] {
  const cleaned = cleanText(text);
  const scanned: Token[] = [];
  let pendingSign: { sign: string; end: number } | null = null;
  for (const match of cleaned.matchAll(SCAN)) {
    const [whole, quoted, digits, numberSuffix, word, sign, punct] = match;
    const at = match.index;
    if (quoted !== undefined) {
      const inner = quoted.trim();
      if (inner) scanned.push({ norm: inner.toLowerCase(), raw: inner, kind: 'quoted', start: at + 1, end: at + 1 + quoted.length });
    } else if (digits !== undefined) {
      const signed = pendingSign !== null && pendingSign.end === at;
      const value = Number(digits) * (signed && pendingSign!.sign === '-' ? -1 : 1);
      const ordinal = numberSuffix !== undefined && numberSuffix !== 's';
      const start = signed ? at - 1 : at;
      scanned.push({ norm: String(value), raw: (signed ? pendingSign!.sign : '') + digits, kind: 'number', value, ...(ordinal ? { ordinal } : {}), ...(signed ? { signed } : {}), start, end: at + whole.length });
    } else if (word !== undefined) {
      scanned.push(...readWord(word, options).map((token) => ({ ...token, start: at, end: at + word.replace(/'+$/, '').length })));
    } else if (sign !== undefined) {
      // A sign counts only where a number starts a new word ("-3 dB"), not between words ("2-5-1", "hi-hat").
      const before = at === 0 ? ' ' : cleaned[at - 1]!;
      if (/[\s(:=]/.test(before)) pendingSign = { sign, end: at + 1 };
    } else if (punct !== undefined) {
      scanned.push({ norm: punct === '%' ? 'percent' : punct === '/' ? ',' : punct, raw: punct, kind: 'punct', start: at, end: at + 1 });
    } else if (whole.trim()) {
      scanned.push({ norm: whole, raw: whole, kind: 'punct', start: at, end: at + whole.length });
    }
  }
  return joinPhrases(readNumberWords(scanned));
}

type Unplaced = Omit<Token, 'start' | 'end'>;

function readWord(word: string, options: NormaliseOptions): Unplaced[] {
  const raw = word.replace(/'+$/, '');
  let lower = raw.toLowerCase();
  const expanded = CONTRACTIONS[lower];
  if (expanded) return expanded.map((norm) => ({ norm, raw, kind: 'word' as const }));
  if (lower.endsWith("'s")) lower = lower.slice(0, -2);
  lower = lower.replace(/'/g, '');
  const shorthand = SHORTHAND[lower];
  if (shorthand !== undefined) return [{ norm: shorthand, raw, kind: 'word' }];
  return [{ norm: options.noCorrection ? lower : correctTypo(lower, options.protectedWords), raw, kind: 'word' }];
}

/** The nearest vocabulary word for a likely typo, or the word itself. */
export function correctTypo(word: string, protectedWords?: ReadonlySet<string>): string {
  if (word.length < 4 || KNOWN_WORDS.has(word) || protectedWords?.has(word) || !/^[a-z]+$/.test(word)) return word;
  const allowed = word.length >= 8 ? 2 : 1;
  let best = word;
  let bestDistance = allowed + 1;
  for (const candidate of VOCABULARY) {
    // Typos rarely change the first letter; insisting on it keeps real words ("night") from becoming others ("right").
    if (candidate[0] !== word[0] || Math.abs(candidate.length - word.length) > allowed) continue;
    const distance = editDistance(word, candidate, allowed);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Optimal string alignment distance (Levenshtein plus adjacent swaps), giving up past `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = value;
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
  }
  return rows[a.length]![b.length]!;
}

/** "ninety two" → 92, "second" → 2nd, "a hundred and twenty" → 120. */
function readNumberWords(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind !== 'word') {
      out.push(token);
      continue;
    }
    const ordinal = ORDINALS[token.norm];
    if (ordinal !== undefined) {
      out.push({ ...token, norm: String(ordinal), kind: 'number', value: ordinal, ordinal: true });
      continue;
    }
    let value: number | undefined;
    let raw = token.raw;
    let start = token.start;
    let end = token.end;
    if (TENS[token.norm] !== undefined) {
      value = TENS[token.norm]!;
      const next = tokens[i + 1];
      if (next && ONES[next.norm] !== undefined && ONES[next.norm]! < 10) {
        value += ONES[next.norm]!;
        raw += ` ${next.raw}`;
        end = next.end;
        i++;
      }
    } else if (ONES[token.norm] !== undefined) {
      value = ONES[token.norm]!;
    } else if (token.norm === 'hundred' && out.length > 0 && ['a', '1'].includes(out[out.length - 1]!.norm)) {
      start = out.pop()!.start;
      value = 100;
    }
    if (value === undefined) {
      out.push(token);
      continue;
    }
    if (tokens[i + 1]?.norm === 'hundred') {
      value *= 100;
      raw += ` ${tokens[i + 1]!.raw}`;
      end = tokens[i + 1]!.end;
      i++;
    }
    out.push({ norm: String(value), raw, kind: 'number', value, start, end });
  }
  // "a hundred and twenty": join a round hundred with the tens after "and".
  for (let i = 0; i + 2 < out.length; i++) {
    const [hundreds, and, rest] = [out[i]!, out[i + 1]!, out[i + 2]!];
    if (hundreds.kind === 'number' && hundreds.value! % 100 === 0 && hundreds.value! > 0 && and.norm === 'and' && rest.kind === 'number' && rest.value! < 100 && !rest.ordinal) {
      const value = hundreds.value! + rest.value!;
      out.splice(i, 3, { norm: String(value), raw: `${hundreds.raw} and ${rest.raw}`, kind: 'number', value, start: hundreds.start, end: rest.end });
    }
  }
  return out;
}

const PHRASES_LONGEST_FIRST = [...PHRASES].sort((a, b) => b[0].length - a[0].length);

function joinPhrases(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; ) {
    const phrase = PHRASES_LONGEST_FIRST.find(([words]) => words.every((word, k) => tokens[i + k]?.norm === word));
    if (phrase) {
      const [words, joined] = phrase;
      const parts = tokens.slice(i, i + words.length);
      out.push({ norm: joined, raw: parts.map((p) => p.raw).join(' '), kind: 'word', start: parts[0]!.start, end: parts[parts.length - 1]!.end });
      i += words.length;
    } else {
      out.push(tokens[i]!);
      i++;
    }
  }
  return out;
}
