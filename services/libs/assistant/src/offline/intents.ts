import type { ClauseView } from './clause';
import { extractBareScale, extractBpm, extractDecibels, extractKey, extractKeys, extractGenre, extractMood } from './extract';
import {
  BEAT_NOUNS,
  CHANGE_VERBS,
  CHORD_NOUNS,
  CREATE_VERBS,
  DELETE_VERBS,
  GENERATE_VERBS,
  LYRIC_NOUNS,
  MARKER_NOUNS,
  MELODY_NOUNS,
  SONG_NOUNS,
  TEMPO_CHANGE_WORDS,
  TEMPO_WORDS,
  TRACK_NOUNS,
  VOLUME_VERBS,
  VOLUME_WORDS,
} from './lexicon';
import { instrumentGroup } from './tracks';

/**
 * Step three: what a clause asks for. Every intent has a small scoring rule
 * over the clause's words (verbs, nouns, values found); the best score wins,
 * earlier rules breaking ties. A clause that scores under the threshold has
 * no intent of its own and is read together with its neighbour.
 */

export const INTENTS = [
  'theory_ii_v_i', 'theory_relative', 'theory_signature', 'theory_progression', 'theory_chords', 'theory_notes',
  'ask_key', 'ask_tempo', 'ask_markers', 'ask_tracks', 'ask_project',
  'rename_track', 'delete_track', 'update_track', 'add_marker', 'create_track',
  'generate_lyrics', 'generate_melody', 'generate_chords', 'generate_beat', 'generate_arrangement',
  'set_tempo', 'set_key', 'mix_and_master', 'master',
  'help', 'thanks', 'greeting',
] as const;
export type Intent = (typeof INTENTS)[number];

export const THRESHOLD = 3;

const GENERATION_NOUNS = new Set([...BEAT_NOUNS, ...MELODY_NOUNS, ...CHORD_NOUNS, ...SONG_NOUNS, ...LYRIC_NOUNS].filter((w) => w !== 'progression'));
const THEORY_NOUNS = new Set(['chord', 'chords', 'triads', 'triad', 'notes', 'note', 'scale', 'scales', 'sharps', 'flats', 'relative', 'progression', 'key-signature', 'accidentals', 'ii-v-i', 'pitches', 'degrees']);
const MUTE_WORDS = new Set(['mute', 'unmute', 'silence', 'unsilence']);
const SOLO_WORDS = new Set(['solo', 'unsolo']);
const PAN_SIDES = new Set(['left', 'right', 'center']);
const PLACE_VERBS = new Set(['move', 'put', 'place', 'shift', 'send', 'push']);
const MIX_WORDS = new Set(['mix', 'mixing', 'balance', 'levels']);
const MASTER_WORDS = new Set(['master', 'mastering', 'mastered']);
const SUGGEST_WORDS = new Set(['suggest', 'recommend', 'give', 'idea', 'ideas', 'good', 'show', 'need', 'example', 'common', 'typical']);

/** Strength of the verb asking for something new: 3 clear ("generate"), 2 plain ("add", "give"), 0 none. */
function creation(view: ClauseView): number {
  if (view.hasAny(GENERATE_VERBS)) return 3;
  if (view.hasAny(CREATE_VERBS)) return 2;
  return 0;
}

function hasInstrument(view: ClauseView): boolean {
  return view.norms.some((norm) => instrumentGroup(norm) !== undefined && !BEAT_NOUNS.has(norm));
}

/** Sharps or flats asked about, not the ones inside a key name ("B flat"). */
function asksAccidentals(view: ClauseView): boolean {
  if (view.hasAny(['sharps', 'flats', 'key-signature', 'accidentals', 'signature'])) return true;
  const inKeys = new Set(extractKeys(view.tokens).flatMap((key) => Array.from({ length: key.end - key.start }, (_, k) => key.start + k)));
  return view.norms.some((norm, i) => (norm === 'sharp' || norm === 'flat') && !inKeys.has(i));
}

type Rule = (view: ClauseView) => number;

const RULES: Record<Intent, Rule> = {
  theory_ii_v_i: (v) => (v.has('ii-v-i') ? 9 : 0),
  theory_relative: (v) => (v.has('relative') ? 8 : 0),
  theory_signature: (v) => (asksAccidentals(v) && (v.isQuestion || extractKey(v.tokens) !== undefined) ? 8 : 0),
  theory_progression: (v) => {
    if (!v.has('progression') && !(v.hasAny(['chords', 'chord']) && v.hasAny(SUGGEST_WORDS) && !v.hasAny(GENERATE_VERBS))) return 0;
    if (v.hasAny(GENERATE_VERBS) && !v.isHardQuestion) return 3;
    return 7 + (extractMood(v.tokens) ? 1 : 0);
  },
  theory_chords: (v) => (v.isQuestion && v.hasAny(['chord', 'chords', 'triads', 'triad']) && !v.has('progression') && !v.hasAny(GENERATE_VERBS) ? 7 : 0),
  theory_notes: (v) => {
    if (v.isQuestion && v.has('key') && extractKey(v.tokens) && !v.hasAny(THEORY_NOUNS)) return 6;
    if (!v.isQuestion || !v.hasAny(['notes', 'note', 'scale', 'scales', 'pitches', 'spell'])) return 0;
    return extractKey(v.tokens) || v.hasAny(['scale', 'scales']) ? 7 : 0;
  },
  ask_key: (v) => (v.isQuestion && v.has('key') && !extractKey(v.tokens) && !v.hasAny(THEORY_NOUNS) && !v.hasAny(CHANGE_VERBS) ? 7 : 0),
  ask_tempo: (v) => (v.isQuestion && (v.hasAny(TEMPO_WORDS) || (v.opener === 'how' && v.hasAny(['fast', 'slow']))) && !extractBpm(v.tokens, { bareNumber: true }) ? 7 : 0),
  ask_markers: (v) => (v.isQuestion && v.hasAny([...MARKER_NOUNS, 'sections', 'section']) && !v.hasAny(CREATE_VERBS) ? 7 : 0),
  ask_tracks: (v) => {
    if (!v.isQuestion) return 0;
    if (v.hasAny(TRACK_NOUNS) && !v.hasAny(['add', 'create', 'new', 'make'])) return 6;
    return v.isHardQuestion && v.hasAny([...MUTE_WORDS, ...SOLO_WORDS, 'volume', 'loud', 'pan', 'panned', 'level']) ? 5 : 0;
  },
  ask_project: (v) => (v.isQuestion && v.hasAny(['project', 'session', 'song']) && !v.hasAny(CREATE_VERBS) ? 4 : 0),

  rename_track: (v) => {
    if (v.isHardQuestion) return 0;
    if (v.has('rename')) return 8;
    return v.has('name') && v.hasAny(['change', 'set']) ? 7 : 0;
  },
  delete_track: (v) => (!v.isHardQuestion && v.hasAny(DELETE_VERBS) && !v.hasAny(MARKER_NOUNS) && !v.has('about') ? 7 : 0),
  update_track: (v) => {
    if (v.isHardQuestion) return 0;
    let score = 0;
    if (v.hasAny(MUTE_WORDS)) score = 8;
    if (v.hasAny(SOLO_WORDS) && !v.hasAny(MARKER_NOUNS) && !v.has('bar')) score = 8;
    if (v.has('pan') || v.has('panned') || v.opener === 'center') score = Math.max(score, 7);
    else if (v.hasAny(PAN_SIDES) && v.hasAny(PLACE_VERBS)) score = Math.max(score, 5);
    if (v.hasAny(TEMPO_WORDS) || v.hasAny(TEMPO_CHANGE_WORDS)) return score;
    if (v.hasAny(['louder', 'quieter', 'softer'])) score = Math.max(score, 7);
    if (v.hasAny(VOLUME_WORDS)) score = Math.max(score, 5);
    if (v.hasAny(VOLUME_VERBS) && v.hasAny(['up', 'down'])) score = Math.max(score, 6);
    if (extractDecibels(v.tokens)) score = Math.max(score, 4) + 2;
    if (v.hasAny(['raise', 'lower', 'boost', 'cut', 'reduce', 'increase', 'decrease', 'attenuate', 'duck'])) score = Math.max(score, 4);
    return score;
  },
  add_marker: (v) => {
    if (v.isHardQuestion || v.hasAny(DELETE_VERBS)) return 0;
    if (v.hasAny(MARKER_NOUNS)) return 7;
    if (v.has('mark') && v.hasAny(['bar', 'bars'])) return 7;
    return 0;
  },
  create_track: (v) => {
    if (v.isHardQuestion || v.hasAny(MARKER_NOUNS) || v.has('rename') || v.hasAny(DELETE_VERBS)) return 0;
    const verb = creation(v);
    if (v.hasAny(TRACK_NOUNS)) {
      if (verb === 0) return 0;
      // "make a lo-fi track" is a song; "add a lo-fi track" or "make a bass track" is an empty track.
      if (extractGenre(v.tokens) && !hasInstrument(v) && !v.hasAny(['add', 'new', 'insert', 'audio', 'midi'])) return 0;
      return 6 + (hasInstrument(v) || v.hasAny(['audio', 'midi']) ? 1 : 0);
    }
    if (v.hasAny(['add', 'new', 'insert']) && hasInstrument(v) && !v.hasAny(GENERATION_NOUNS)) return 5;
    return 0;
  },

  generate_lyrics: (v) => {
    if (v.isHardQuestion) return 0;
    let score = 0;
    if (v.hasAny(LYRIC_NOUNS)) score = 6;
    else if (v.hasAny(['song', 'rap', 'verse', 'chorus', 'hook', 'songs']) && v.has('about')) score = 6;
    if (score === 0) return 0;
    return score + (creation(v) > 0 ? 1 : 0) + (extractMood(v.tokens) ? 1 : 0);
  },
  generate_melody: (v) => generation(v, MELODY_NOUNS),
  generate_chords: (v) => {
    if (v.isQuestion && !v.hasAny(GENERATE_VERBS)) return 0;
    const nouns = v.hasAny(GENERATE_VERBS) ? CHORD_NOUNS : new Set([...CHORD_NOUNS].filter((w) => w !== 'progression'));
    return generation(v, nouns);
  },
  generate_beat: (v) => {
    if (v.hasAny(TRACK_NOUNS) && !v.hasAny(['beat', 'beats', 'groove', 'rhythm', 'instrumental', 'pattern'])) return 0;
    // "generate 4 bars of afrobeats": a genre asked for with no other noun is a beat.
    if (!v.isHardQuestion && v.hasAny(GENERATE_VERBS) && extractGenre(v.tokens) && !v.hasAny(GENERATION_NOUNS) && !v.hasAny(TRACK_NOUNS) && !v.has('progression')) return 6;
    return generation(v, BEAT_NOUNS);
  },
  generate_arrangement: (v) => {
    if (v.has('about')) return 0;
    const songTrack = v.hasAny(TRACK_NOUNS) && extractGenre(v.tokens) !== undefined && !hasInstrument(v) && v.hasAny(GENERATE_VERBS);
    if (songTrack) return 4 + creation(v) + 1;
    const full = v.hasAny(['full', 'whole', 'complete', 'entire']) && v.hasAny([...TRACK_NOUNS, 'tune']);
    if (full) return 4 + creation(v) + 1;
    return generation(v, SONG_NOUNS);
  },

  set_tempo: (v) => {
    const number = extractBpm(v.tokens, { bareNumber: true });
    if (v.isHardQuestion && !number) return 0;
    let score = 0;
    if (v.hasAny(TEMPO_WORDS)) score += 4;
    if (v.hasAny(TEMPO_CHANGE_WORDS)) score += 4;
    if (score === 0) return 0;
    score = Math.min(score, 6) + (number ? 1 : 0) + (v.hasAny(CHANGE_VERBS) ? 1 : 0);
    if (v.hasAny(GENERATION_NOUNS) || (v.hasAny(GENERATE_VERBS) && extractGenre(v.tokens))) score -= 6;
    return score;
  },
  set_key: (v) => {
    const change = v.hasAny(CHANGE_VERBS) || v.has('transpose');
    if (v.isQuestion && !change) return 0;
    const key = extractKey(v.tokens);
    const bareScale = key ? undefined : extractBareScale(v.tokens);
    // "change the key" with no key still asks to change it (the builder asks which).
    if (!key && !bareScale) return v.has('key') && change && !v.hasAny(GENERATION_NOUNS) ? 4 : 0;
    let score = (v.has('key') ? 3 : 0) + (key ? 3 : bareScale && change ? 3 : 0) + (change ? 1 : 0);
    if (v.hasAny(GENERATION_NOUNS) || v.hasAny(THEORY_NOUNS)) score -= 6;
    return score >= 4 ? score : 0;
  },
  mix_and_master: (v) => {
    if (v.isHardQuestion) return 0;
    if (v.has('mix-and-master') || (v.hasAny(MIX_WORDS) && v.hasAny(MASTER_WORDS))) return 9;
    return v.hasAny(['mix']) || (v.has('balance') && !v.hasAny(TEMPO_WORDS)) ? 6 : 0;
  },
  master: (v) => (!v.isHardQuestion && v.hasAny(MASTER_WORDS) && !v.hasAny(MIX_WORDS) ? 6 : 0),

  help: (v) => (v.has('help') || v.hasAny(['examples', 'commands', 'capabilities']) ? 5 : 0),
  thanks: (v) => (v.hasAny(['thanks', 'cheers', 'thank']) ? 3 : 0),
  greeting: (v) => (['hi', 'hello', 'hey', 'yo', 'sup', 'morning', 'evening'].includes(v.norms[0] ?? '') && v.tokens.length <= 3 ? 3 : 0),
};

/** The nouns naming what to make: "chords for a lo-fi tune" asks for chords; the tune after "for" is what they are for. */
function objectNorms(view: ClauseView): readonly string[] {
  const forIndex = view.norms.indexOf('for');
  if (forIndex < 0) return view.norms;
  const before = view.norms.slice(0, forIndex);
  return before.some((norm) => GENERATION_NOUNS.has(norm) || norm === 'progression') ? before : view.norms;
}

function generation(view: ClauseView, nouns: ReadonlySet<string>): number {
  if (view.isHardQuestion || !objectNorms(view).some((norm) => nouns.has(norm))) return 0;
  const verb = creation(view);
  const genre = extractGenre(view.tokens) !== undefined ? 1 : 0;
  // A bare noun ("the drums") is not a request to compose; a verb or a genre makes it one.
  if (verb === 0 && genre === 0) return 2;
  return 4 + verb + genre;
}

export interface ScoredIntent {
  intent: Intent;
  score: number;
}

/** Every intent's score, best first (ties keep INTENTS order). */
export function scoreIntents(view: ClauseView): ScoredIntent[] {
  return INTENTS.map((intent) => ({ intent, score: RULES[intent](view) }))
    .filter((scored) => scored.score > 0)
    .sort((a, b) => b.score - a.score || INTENTS.indexOf(a.intent) - INTENTS.indexOf(b.intent));
}

export function bestIntent(view: ClauseView): Intent | undefined {
  const [best] = scoreIntents(view);
  return best && best.score >= THRESHOLD ? best.intent : undefined;
}

