import type { ProjectTrack } from '../types';
import { INSTRUMENTS, NON_NAME_WORDS } from './lexicon';
import { type Token, tokenize } from './normalise';

/**
 * Which track a phrase means: "the drums", "track 2", "the second track",
 * "lead vox", "the 808" (a synonym of bass). Case, plurals and synonyms
 * (vox/vocals, keys/piano, 808/bass) are matched; a word of the track's own
 * name counts more than a synonym.
 */

export type TrackResolution =
  | { kind: 'found'; track: ProjectTrack }
  | { kind: 'all' }
  | { kind: 'ambiguous'; phrase: string; candidates: ProjectTrack[] }
  | { kind: 'unknown'; phrase: string }
  /** No words name a track ("mute it" with nothing before). */
  | { kind: 'missing' };

export function singular(word: string): string {
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

const GROUP_OF_WORD = new Map<string, string>();
for (const entry of INSTRUMENTS) for (const word of entry.words) if (!GROUP_OF_WORD.has(singular(word))) GROUP_OF_WORD.set(singular(word), entry.group);

export function instrumentGroup(word: string): string | undefined {
  return GROUP_OF_WORD.get(singular(word));
}

interface TrackWords {
  track: ProjectTrack;
  words: string[];
  groups: Set<string>;
}

function trackWords(track: ProjectTrack): TrackWords {
  const words = tokenize(track.name, { noCorrection: true })
    .filter((token) => token.kind !== 'punct')
    .map((token) => singular(token.norm));
  return { track, words, groups: new Set(words.map((word) => instrumentGroup(word)).filter((group): group is string => group !== undefined)) };
}

const PRONOUNS = new Set(['it', 'them', 'that', 'this', 'those', 'these', 'one']);
const EVERYTHING = new Set(['all', 'everything', 'every', 'everyone']);

/** The words of a clause that could be (part of) a track's name. */
export function referenceWords(tokens: readonly Token[], skip: ReadonlySet<number>, tracks: readonly ProjectTrack[]): Token[] {
  const numbersInNames = new Set(tracks.flatMap((track) => trackWords(track).words).filter((word) => /^\d+$/.test(word)));
  return tokens.filter((token, i) => {
    if (skip.has(i) || token.kind === 'punct') return false;
    if (token.kind === 'number') return (numbersInNames.has(token.norm) || instrumentGroup(token.norm) !== undefined) && !token.ordinal;
    return !NON_NAME_WORDS.has(token.norm) && !PRONOUNS.has(token.norm) && !EVERYTHING.has(token.norm);
  });
}

/** "track 2", "the 2nd track", "the last track". */
function byPosition(tokens: readonly Token[], tracks: readonly ProjectTrack[]): ProjectTrack | undefined | null {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    const isTrackNoun = (t: Token | undefined) => t !== undefined && (['track', 'channel'].includes(t.norm) || t.raw.toLowerCase() === 'one');
    let position: number | undefined;
    if (isTrackNoun(token) && next?.kind === 'number' && !next.ordinal) position = next.value;
    else if (isTrackNoun(token) && next?.norm === 'number' && tokens[i + 2]?.kind === 'number') position = tokens[i + 2]!.value;
    else if (token.kind === 'number' && token.ordinal && (isTrackNoun(next) || next === undefined)) position = token.value;
    else if (token.norm === 'last' && (isTrackNoun(next) || next === undefined)) position = tracks.length;
    if (position !== undefined) return tracks[position - 1] ?? null;
  }
  return undefined;
}

export function resolveTrack(tokens: readonly Token[], skip: ReadonlySet<number>, tracks: readonly ProjectTrack[], previous?: ProjectTrack): TrackResolution {
  const positional = byPosition(tokens, tracks);
  if (positional) return { kind: 'found', track: positional };
  const words = referenceWords(tokens, skip, tracks);
  const phrase = words.map((token) => token.raw).join(' ');
  if (positional === null) return { kind: 'unknown', phrase: phrase || tokens.filter((t) => t.kind === 'number').map((t) => `track ${t.raw}`)[0] || 'that track' };
  const byId = tracks.find((track) => tokens.some((token) => token.raw === track.id));
  if (byId) return { kind: 'found', track: byId };
  if (words.length === 0) {
    if (tokens.some((token, i) => !skip.has(i) && EVERYTHING.has(token.norm))) return { kind: 'all' };
    if (previous && tokens.some((token) => PRONOUNS.has(token.norm))) return { kind: 'found', track: previous };
    if (tracks.length === 1) return { kind: 'found', track: tracks[0]! };
    return { kind: 'missing' };
  }
  const scored = tracks.map((track) => scoreTrack(trackWords(track), words.map((token) => singular(token.norm))));
  const best = Math.max(0, ...scored.map((s) => s.score));
  if (best === 0) return { kind: 'unknown', phrase };
  const top = scored.filter((s) => s.score === best);
  const bestCoverage = Math.max(...top.map((s) => s.coverage));
  const winners = top.filter((s) => s.coverage === bestCoverage);
  if (winners.length === 1) return { kind: 'found', track: winners[0]!.track };
  return { kind: 'ambiguous', phrase, candidates: winners.map((w) => w.track) };
}

function scoreTrack(candidate: TrackWords, words: readonly string[]): { track: ProjectTrack; score: number; coverage: number } {
  let score = 0;
  const covered = new Set<string>();
  for (const word of words) {
    if (candidate.words.includes(word)) {
      score += 2;
      covered.add(word);
      continue;
    }
    const group = instrumentGroup(word);
    if (group !== undefined && candidate.groups.has(group)) {
      score += 1;
      for (const own of candidate.words) if (instrumentGroup(own) === group) covered.add(own);
    }
  }
  return { track: candidate.track, score, coverage: candidate.words.length === 0 ? 0 : covered.size / candidate.words.length };
}
