import { POLITE_WORDS, QUESTION_WORDS } from './lexicon';
import type { Token } from './normalise';

/**
 * Step two: a message is cut into clauses at "and", "then", commas and
 * sentence ends, so "set the tempo to 120 and add a bass track" is two
 * requests. Phrases that contain "and" ("drum and bass", "mix and master")
 * were joined into single tokens before this, so they survive the cut.
 */

const JOINERS = new Set(['and', 'then', ',', ';', 'also', 'plus', '&', 'afterwards', 'after']);
const SENTENCE_ENDS = new Set(['.', '!', '?']);
/** Question openers that make a whole clause a question, whatever follows. */
const HARD_QUESTION_WORDS = new Set(['what', 'which', 'how', 'why', 'when', 'where', 'who', 'whats', 'is', 'are', 'does', 'was']);

export interface Clause {
  tokens: Token[];
  /** The sentence it came from ended with "?". */
  questionMark: boolean;
  /** The joiner before it ("and", ","), kept so a clause merged back reads as typed. */
  joiner?: Token;
}

export function splitClauses(tokens: readonly Token[]): Clause[] {
  const clauses: Clause[] = [];
  let sentence: Clause[] = [];
  let current: Token[] = [];
  let joiner: Token | undefined;
  const flushClause = () => {
    if (current.length > 0) sentence.push({ tokens: current, questionMark: false, ...(joiner ? { joiner } : {}) });
    current = [];
    joiner = undefined;
  };
  const flushSentence = (questionMark: boolean) => {
    flushClause();
    for (const clause of sentence) clauses.push({ ...clause, questionMark });
    sentence = [];
  };
  for (const token of tokens) {
    if (token.kind === 'punct' && SENTENCE_ENDS.has(token.norm)) flushSentence(token.norm === '?');
    else if (JOINERS.has(token.norm) && token.kind !== 'quoted') {
      flushClause();
      joiner ??= token;
    } else current.push(token);
  }
  flushSentence(false);
  return clauses;
}

/** A clause with the lookups every rule needs. */
export class ClauseView {
  readonly norms: readonly string[];
  private readonly set: ReadonlySet<string>;

  constructor(
    readonly tokens: readonly Token[],
    readonly questionMark: boolean,
  ) {
    this.norms = tokens.map((token) => token.norm);
    this.set = new Set(this.norms);
  }

  has(word: string): boolean {
    return this.set.has(word);
  }

  hasAny(words: Iterable<string>): boolean {
    for (const word of words) if (this.set.has(word)) return true;
    return false;
  }

  indexOfAny(words: ReadonlySet<string> | readonly string[]): number {
    const wanted = words instanceof Set ? words : new Set(words as readonly string[]);
    return this.norms.findIndex((norm) => wanted.has(norm));
  }

  /** The first word that is not politeness ("could you please ..."). */
  get opener(): string {
    return this.tokens.find((token) => token.kind !== 'punct' && !POLITE_WORDS.has(token.norm))?.norm ?? '';
  }

  private get openerNext(): string {
    const index = this.tokens.findIndex((token) => token.kind !== 'punct' && !POLITE_WORDS.has(token.norm));
    return index >= 0 ? (this.tokens[index + 1]?.norm ?? '') : '';
  }

  /** Asks something ("what key is this in?", "is the bass muted") rather than asking for something done. */
  get isHardQuestion(): boolean {
    const opener = this.opener;
    if (HARD_QUESTION_WORDS.has(opener)) return true;
    return (opener === 'do' || opener === 'can') && ['i', 'we', 'it', 'this', 'you'].includes(this.openerNext) && this.questionMark;
  }

  /** Any question form, including "list the tracks", "tell me ...", "chords in G major?". */
  get isQuestion(): boolean {
    return this.isHardQuestion || QUESTION_WORDS.has(this.opener) || this.opener === 'know' || this.questionMark;
  }
}
