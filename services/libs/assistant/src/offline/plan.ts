import { BAR_COUNTS, GENRE_IDS, GENRES, type GenreId, SCALE_NAMES, type ScaleName, SECTION_NAMES, TONIC_NAMES, type TonicName } from '@dawg/music';
import { GENERATION_BPM_RANGE, LOUDNESS_LUFS_RANGE, safeParseToolArguments, TEMPO_RANGE, VOLUME_DB_RANGE } from '../tools';
import type { PlannedToolCall, ProjectContext, ProjectTrack } from '../types';
import type { ClauseView } from './clause';
import { formatNumber, joinWords } from './describe';
import {
  extractBars,
  extractBarPosition,
  extractBareScale,
  extractBpm,
  extractBpmDelta,
  extractComplexity,
  extractDecibels,
  extractGenre,
  extractGivenName,
  extractKey,
  extractLufs,
  extractMood,
  extractNewName,
  extractSections,
  extractSeed,
  extractTopic,
  type Found,
  textBetween,
  tidyName,
  type KeyValue,
} from './extract';
import type { Intent } from './intents';
import { CHANGE_VERBS, CREATE_VERBS, DIRECTION_DOWN, DIRECTION_UP, GENRE_WORDS, INSTRUMENTS, MOOD_WORDS, NON_NAME_WORDS, TEMPO_CHANGE_WORDS } from './lexicon';
import type { Token } from './normalise';
import { instrumentGroup, resolveTrack, singular, type TrackResolution } from './tracks';

/**
 * Step four: a clause with its intent becomes steps: tool calls with
 * validated arguments, or a question back when something is missing or
 * unknown. Defaults come from the project (tempo, key) and the genre (its
 * tempo range in @dawg/music).
 */

export type Step =
  | { type: 'call'; call: PlannedToolCall }
  /** A reply sentence: an answer, or a note about a call. */
  | { type: 'say'; text: string }
  /** Something is missing or unknown; nothing is called for this clause. */
  | { type: 'ask'; text: string }
  /** The clause needs the project's state, which the caller did not give. */
  | { type: 'need-project' }
  | { type: 'help' };

export interface PlanContext {
  /** The message as tokens point into it. */
  text: string;
  project?: ProjectContext;
  /** The latest generation job of the conversation, for "master it". */
  latestJobId?: string;
  /** The track the previous clause acted on, for "it". */
  lastTrack?: ProjectTrack;
  /** Track names created earlier in this message, so new names stay unique. */
  plannedNames: string[];
}

export type Builder = (view: ClauseView, ctx: PlanContext) => Step[];

/** Validates planned arguments against the tool's own schema: the offline provider never sends what an LLM could not. */
function call(name: string, args: Record<string, unknown>): Step {
  const parsed = safeParseToolArguments(name, args);
  if (!parsed.ok) return { type: 'ask', text: `I couldn't do that: ${parsed.error.message}` };
  return { type: 'call', call: { name, arguments: parsed.arguments as Record<string, unknown> } };
}

function trackList(project: ProjectContext): string {
  return project.tracks.length === 0 ? 'This project has no tracks yet.' : `Your tracks are: ${joinWords(project.tracks.map((t) => t.name))}.`;
}

/** The reply for a track phrase that does not name exactly one track. */
function trackProblem(resolution: Exclude<TrackResolution, { kind: 'found' } | { kind: 'all' }>, project: ProjectContext): Step {
  switch (resolution.kind) {
    case 'unknown':
      return { type: 'ask', text: `I couldn't find a track called "${resolution.phrase}". ${trackList(project)} Which one did you mean?` };
    case 'ambiguous':
      return { type: 'ask', text: `"${resolution.phrase}" could be ${joinWords(resolution.candidates.map((t) => t.name)).replace(/ and ([^ ]+)$/, ' or $1')}. Which one did you mean?` };
    case 'missing':
      return { type: 'ask', text: `Which track? ${trackList(project)}` };
  }
}

/** Track reference: the track's name, or its id when two tracks share the name. */
function trackRef(track: ProjectTrack, project: ProjectContext): string {
  return project.tracks.filter((t) => t.name.toLowerCase() === track.name.toLowerCase()).length > 1 ? track.id : track.name;
}

function indices(found: Array<Found<unknown> | undefined>): Set<number> {
  const set = new Set<number>();
  for (const f of found) if (f) for (let i = f.start; i < f.end; i++) set.add(i);
  return set;
}

// ---------------------------------------------------------------- tracks

/** A word that can qualify an instrument in a track name: not a verb, article, genre, mood or track kind. */
function isModifier(word: string): boolean {
  return (
    !NON_NAME_WORDS.has(word) && !CREATE_VERBS.has(word) && !CHANGE_VERBS.has(word) && GENRE_WORDS[word] === undefined && MOOD_WORDS[word] === undefined &&
    !['audio', 'midi', 'new', 'another', 'extra', 'empty', 'fresh', 'second', 'more'].includes(word)
  );
}

const createTrack: Builder = (view, ctx) => {
  const given = extractGivenName(ctx.text, view.tokens);
  const inName = indices([given]);
  // The head of "lead synth" or "acoustic guitar" is its last instrument word; the ones before it qualify it.
  const firstInstrument = view.tokens.findIndex((token, i) => !inName.has(i) && instrumentGroup(token.norm) !== undefined);
  let instrumentIndex = firstInstrument;
  while (instrumentIndex >= 0 && instrumentGroup(view.tokens[instrumentIndex + 1]?.norm ?? '') !== undefined && !inName.has(instrumentIndex + 1)) instrumentIndex++;
  const byGroup = (group: string | undefined) => INSTRUMENTS.find((entry) => entry.group === group);
  const instrumentWord = instrumentIndex >= 0 ? view.tokens[instrumentIndex]! : undefined;
  const instrument = instrumentWord ? byGroup(instrumentGroup(instrumentWord.norm)) : undefined;
  // "vocal" and "vocals" give the group's name ("Vocals"); other words keep the instrument the user named ("Piano", "808"),
  // with the words that qualify it ("backing vocals", "acoustic guitar").
  const modifiers: Token[] = view.tokens.slice(Math.max(0, firstInstrument), Math.max(0, instrumentIndex));
  for (let i = firstInstrument - 1; i >= 0 && modifiers.length < 2; i--) {
    const token = view.tokens[i]!;
    if (token.kind !== 'word' || !isModifier(token.norm)) break;
    modifiers.unshift(token);
  }
  let instrumentName: string | undefined;
  if (instrument && instrumentWord) {
    if (modifiers.length > 0) instrumentName = tidyName(textBetween(ctx.text, view.tokens, instrumentIndex - modifiers.length, instrumentIndex + 1));
    else instrumentName = singular(instrumentWord.norm) === singular(instrument.words[0]!) ? instrument.trackName : tidyName(singular(instrumentWord.norm));
  }
  // In a name the last instrument word is the noun: "Lead Vox" is vocals, "Synth Lead" a lead.
  const nameGroups = given ? given.value.split(/[\s-]+/).map((word) => instrumentGroup(word.toLowerCase())).filter((g) => g !== undefined) : [];
  const nameInstrument = byGroup(nameGroups[nameGroups.length - 1]);
  const kind = view.has('midi') ? 'midi' : view.has('audio') ? 'audio' : (instrument ?? nameInstrument)?.kind ?? 'audio';
  const countToken = view.tokens.find((token, i) => token.kind === 'number' && !token.ordinal && !inName.has(i) && token.value! >= 2 && token.value! <= 8);
  const count = countToken?.value ?? 1;
  const taken = new Set([...(ctx.project?.tracks.map((t) => t.name.toLowerCase()) ?? []), ...ctx.plannedNames.map((n) => n.toLowerCase())]);
  const steps: Step[] = [];
  for (let n = 0; n < count; n++) {
    let name: string;
    if (given && n === 0) name = given.value;
    else if (given) name = `${given.value} ${n + 1}`;
    else {
      const base = instrumentName ?? (kind === 'midi' ? 'MIDI' : 'Audio');
      let suffix = 1;
      name = instrument ? base : `${base} 1`;
      while (taken.has(name.toLowerCase())) name = `${base} ${++suffix}`;
    }
    taken.add(name.toLowerCase());
    ctx.plannedNames.push(name);
    steps.push(call('create_track', { name, kind }));
  }
  return steps;
};

function withTrack(view: ClauseView, ctx: PlanContext, skip: Set<number>, then: (track: ProjectTrack, project: ProjectContext) => Step[]): Step[] {
  const project = ctx.project;
  if (!project) return [{ type: 'need-project' }];
  const resolution = resolveTrack(view.tokens, skip, project.tracks, ctx.lastTrack);
  if (resolution.kind === 'all') return [{ type: 'ask', text: `Which track? ${trackList(project)}` }];
  if (resolution.kind !== 'found') return [trackProblem(resolution, project)];
  ctx.lastTrack = resolution.track;
  return then(resolution.track, project);
}

const renameTrack: Builder = (view, ctx) => {
  const verb = Math.max(view.norms.indexOf('rename'), view.norms.indexOf('name'));
  const newName = extractNewName(ctx.text, view.tokens, verb);
  const skip = new Set<number>();
  if (newName) for (let i = newName.start; i < view.tokens.length; i++) skip.add(i);
  return withTrack(view, ctx, skip, (track, project) => {
    if (!newName) return [{ type: 'ask', text: `What should I rename ${track.name} to?` }];
    return [call('rename_track', { track: trackRef(track, project), name: newName.value })];
  });
};

const deleteTrack: Builder = (view, ctx) => {
  const project = ctx.project;
  if (project && resolveTrack(view.tokens, new Set(), project.tracks, ctx.lastTrack).kind === 'all') {
    return [{ type: 'ask', text: "I won't delete every track at once. Tell me which tracks to delete, one by one." }];
  }
  return withTrack(view, ctx, new Set(), (track, p) => [call('delete_track', { track: trackRef(track, p) })]);
};

/** Pan position from "left", "hard right", "slightly left", "30% left", "centre", "-0.3". */
function panFrom(view: ClauseView): number | undefined {
  const side = view.has('left') ? -1 : view.has('right') ? 1 : view.has('center') ? 0 : undefined;
  const number = view.tokens.find((token) => token.kind === 'number' && !token.ordinal);
  if (side === undefined) {
    if (number && Math.abs(number.value!) <= 1 && (view.has('pan') || view.has('panned'))) return number.value!;
    if (number && Math.abs(number.value!) <= 100 && view.has('percent')) return number.value! / 100;
    return undefined;
  }
  if (side === 0) return 0;
  let amount = 0.5;
  if (view.hasAny(['hard', 'fully', 'completely', 'all'])) amount = 1;
  else if (view.hasAny(['slightly', 'bit', 'little', 'touch', 'tad'])) amount = 0.25;
  if (number) amount = Math.abs(number.value!) <= 1 && !view.has('percent') ? Math.abs(number.value!) : Math.min(100, Math.abs(number.value!)) / 100;
  return Number((side * amount).toFixed(2));
}

/** Fader change: absolute ("to -6 dB") or relative ("down 3 dB", "louder", "a bit quieter"). */
function volumeFrom(view: ClauseView, current: number): number | undefined {
  const db = extractDecibels(view.tokens);
  const up = view.hasAny(DIRECTION_UP);
  const down = view.hasAny(DIRECTION_DOWN);
  const before = db ? view.tokens[db.start - 1]?.norm : undefined;
  const absoluteNumber = view.tokens.findIndex((token, i) => token.kind === 'number' && ['to', 'at'].includes(view.tokens[i - 1]?.norm ?? ''));
  if (db && (before === 'to' || before === 'at')) return db.value.amount;
  if (!db && absoluteNumber >= 0 && view.hasAny(['volume', 'level', 'fader', 'gain'])) return view.tokens[absoluteNumber]!.value!;
  if (up || down || (db && db.value.signed && db.value.amount > 0)) {
    let amount = 3;
    if (db) amount = Math.abs(db.value.amount);
    else {
      const by = view.tokens.findIndex((token, i) => token.kind === 'number' && view.tokens[i - 1]?.norm === 'by');
      if (by >= 0) amount = Math.abs(view.tokens[by]!.value!);
      else if (view.hasAny(['slightly', 'bit', 'little', 'touch', 'tad'])) amount = 1.5;
      else if (view.hasAny(['lot', 'much', 'way'])) amount = 6;
    }
    const sign = down && !up ? -1 : up && !down ? 1 : db && db.value.amount < 0 ? -1 : 1;
    return current + sign * amount;
  }
  if (db) return db.value.amount;
  return undefined;
}

const updateTrack: Builder = (view, ctx) => {
  const changes: { mute?: boolean; solo?: boolean } = {};
  if (view.hasAny(['unmute', 'unsilence'])) changes.mute = false;
  else if (view.hasAny(['mute', 'silence'])) changes.mute = true;
  if (view.has('unsolo')) changes.solo = false;
  else if (view.has('solo')) changes.solo = true;
  const project = ctx.project;
  if (!project) return [{ type: 'need-project' }];
  const resolution = resolveTrack(view.tokens, new Set(), project.tracks, ctx.lastTrack);
  if (resolution.kind === 'all' && (changes.mute !== undefined || changes.solo !== undefined)) {
    const targets = project.tracks.filter((t) => (changes.mute !== undefined && t.mute !== changes.mute) || (changes.solo !== undefined && t.solo !== changes.solo));
    if (targets.length === 0) return [{ type: 'say', text: `Nothing to change: every track is already ${changes.mute !== undefined ? (changes.mute ? 'muted' : 'unmuted') : changes.solo ? 'soloed' : 'unsoloed'}.` }];
    return targets.map((t) => call('update_track', { track: trackRef(t, project), ...changes }));
  }
  return withTrack(view, ctx, new Set(), (track, p) => {
    const args: Record<string, unknown> = { track: trackRef(track, p), ...changes };
    const pan = view.has('pan') || view.has('panned') || view.hasAny(['left', 'right', 'center']) ? panFrom(view) : undefined;
    if (pan !== undefined) args.pan = pan;
    const volume = volumeFrom(view, track.volumeDb);
    const notes: Step[] = [];
    if (volume !== undefined) {
      const clamped = Math.min(VOLUME_DB_RANGE.max, Math.max(VOLUME_DB_RANGE.min, Number(volume.toFixed(1))));
      if (clamped !== Number(volume.toFixed(1))) notes.push({ type: 'say', text: `(The fader goes from ${VOLUME_DB_RANGE.min} to +${VOLUME_DB_RANGE.max} dB, so I used ${formatNumber(clamped)} dB.)` });
      args.volumeDb = clamped;
    }
    if (Object.keys(args).length === 1) return [{ type: 'ask', text: `What should I change on ${track.name}: mute, solo, volume or pan?` }];
    return [call('update_track', args), ...notes];
  });
};

// ---------------------------------------------------------------- project

const setTempo: Builder = (view, ctx) => {
  const explicit = extractBpm(view.tokens, { bareNumber: true });
  const delta = extractBpmDelta(view.tokens);
  const slower = view.hasAny(['slower', 'slow', 'down', 'halve']);
  const faster = view.hasAny(['faster', 'quicker', 'speedier', 'up', 'double']);
  const relative = view.hasAny(TEMPO_CHANGE_WORDS) || (view.hasAny(['up', 'down']) && !explicit);
  let bpm: number;
  if (explicit && !(delta && delta.start === explicit.start)) bpm = explicit.value;
  else {
    const current = ctx.project?.bpm;
    if (current === undefined) return [{ type: 'need-project' }];
    if (view.has('halve') || (view.has('half') && !delta)) bpm = current / 2;
    else if (view.has('double')) bpm = current * 2;
    else if (relative || delta) {
      const amount = delta?.value ?? (view.hasAny(['bit', 'little', 'touch', 'slightly', 'tad']) ? 3 : view.hasAny(['lot', 'much', 'way']) ? 20 : 5);
      bpm = current + (slower && !faster ? -amount : amount);
    } else return [{ type: 'ask', text: `What tempo would you like? It's ${formatNumber(current, 2)} BPM now.` }];
  }
  bpm = Number(bpm.toFixed(2));
  if (bpm < TEMPO_RANGE.min || bpm > TEMPO_RANGE.max) {
    return [{ type: 'ask', text: `The tempo can be set between ${TEMPO_RANGE.min} and ${TEMPO_RANGE.max} BPM; ${formatNumber(bpm, 2)} is out of range. What tempo would you like?` }];
  }
  return [call('set_tempo', { bpm })];
};

export function projectKey(project: ProjectContext | undefined): { tonic: TonicName; scale: ScaleName } | undefined {
  const key = project?.key;
  if (!key || !(TONIC_NAMES as readonly string[]).includes(key.tonic) || !(SCALE_NAMES as readonly string[]).includes(key.scale)) return undefined;
  return { tonic: key.tonic as TonicName, scale: key.scale as ScaleName };
}

const setKey: Builder = (view, ctx) => {
  const key = extractKey(view.tokens);
  const current = projectKey(ctx.project);
  if (key) {
    // "change the key to G": keep the project's mode, else major.
    const scale = key.value.scale ?? extractBareScale(view.tokens)?.value ?? current?.scale ?? 'major';
    return [call('set_key', { tonic: key.value.tonic, scale })];
  }
  const scale = extractBareScale(view.tokens)?.value;
  if (!scale) return [{ type: 'ask', text: 'Which key? For example "set the key to A minor".' }];
  if (!ctx.project) return [{ type: 'need-project' }];
  if (!current) return [{ type: 'ask', text: `Which tonic for ${scale}? For example "set the key to A ${scale}".` }];
  return [call('set_key', { tonic: current.tonic, scale })];
};

const MARKER_LABELS: Readonly<Record<string, string>> = { 'pre-chorus': 'Pre-Chorus', 'post-chorus': 'Post-Chorus' };

const addMarker: Builder = (view, ctx) => {
  const bar = extractBarPosition(view.tokens);
  // "a marker called Drop at bar 33": the name ends where the bar begins.
  const stop = bar ? (['at', 'on', 'in'].includes(view.tokens[bar.start - 1]?.norm ?? '') ? bar.start - 1 : bar.start) : undefined;
  const given = extractGivenName(ctx.text, view.tokens, stop);
  const inName = indices([given]);
  // "drop a verse marker": a section word used as the verb is not the section.
  const openerIndex = view.tokens.findIndex((token) => token.norm === view.opener);
  const sections = extractSections(view.tokens).filter((found) => found.start !== openerIndex || view.tokens.length === 1);
  const section = sections.find((found) => !inName.has(found.start)) ?? sections[0];
  const kind = section?.value;
  const name = given?.value ?? (kind ? (MARKER_LABELS[kind] ?? kind.charAt(0).toUpperCase() + kind.slice(1)) : 'Marker');
  if (!bar) return [{ type: 'ask', text: `Which bar should the ${kind ?? ''}${kind ? ' ' : ''}marker go on? For example "add a ${kind ?? 'chorus'} marker at bar 17".` }];
  if (!Number.isInteger(bar.value) || bar.value < 1) return [{ type: 'ask', text: 'Bars are counted from 1; which bar did you mean?' }];
  return [call('add_marker', { name, bar: bar.value, ...(kind ? { kind } : {}) })];
};

// ---------------------------------------------------------------- generation

/** The genre whose usual tempo range holds the project's tempo (closest default first); edm-pop otherwise. */
function genreForTempo(bpm: number | undefined): GenreId {
  if (bpm === undefined) return 'edm-pop';
  const fitting = GENRE_IDS.filter((id) => bpm >= GENRES[id].bpm.min && bpm <= GENRES[id].bpm.max);
  if (fitting.length === 0) return 'edm-pop';
  return [...fitting].sort((a, b) => Math.abs(GENRES[a].bpm.default - bpm) - Math.abs(GENRES[b].bpm.default - bpm))[0]!;
}

function nearestBars(bars: number): number {
  return [...BAR_COUNTS].sort((a, b) => Math.abs(a - bars) - Math.abs(b - bars) || b - a)[0]!;
}

interface ComposeArgs {
  args: Record<string, unknown>;
  notes: Step[];
}

function composeArgs(view: ClauseView, ctx: PlanContext): ComposeArgs {
  const notes: Step[] = [];
  const explicit = extractBpm(view.tokens, { bareNumber: true });
  const genre = extractGenre(view.tokens)?.value ?? genreForTempo(explicit?.value ?? ctx.project?.bpm);
  const range = GENRES[genre].bpm;
  const projectBpm = ctx.project?.bpm;
  let bpm = explicit?.value ?? (projectBpm !== undefined && projectBpm >= range.min && projectBpm <= range.max ? projectBpm : range.default);
  bpm = Math.round(bpm);
  if (bpm < GENERATION_BPM_RANGE.min || bpm > GENERATION_BPM_RANGE.max) {
    const clamped = Math.min(GENERATION_BPM_RANGE.max, Math.max(GENERATION_BPM_RANGE.min, bpm));
    notes.push({ type: 'say', text: `(The generator works between ${GENERATION_BPM_RANGE.min} and ${GENERATION_BPM_RANGE.max} BPM, so I used ${clamped}.)` });
    bpm = clamped;
  }
  const barsFound = extractBars(view.tokens);
  const bars = barsFound ? nearestBars(barsFound.value) : 8;
  if (barsFound && bars !== barsFound.value) notes.push({ type: 'say', text: `(Lengths are 4, 8, 16 or 32 bars, so I used ${bars}.)` });
  const key: KeyValue | undefined = extractKey(view.tokens)?.value ?? projectKey(ctx.project);
  const args: Record<string, unknown> = { genre, bpm, bars, key: key?.tonic ?? 'C' };
  if (key?.scale) args.scale = key.scale;
  const complexity = extractComplexity(view.tokens);
  if (complexity) args.complexity = complexity.value;
  const seed = extractSeed(view.tokens);
  if (seed) args.seed = seed.value;
  return { args, notes };
}

function composer(name: 'generate_beat' | 'generate_melody' | 'generate_chords' | 'generate_arrangement'): Builder {
  return (view, ctx) => {
    const { args, notes } = composeArgs(view, ctx);
    if (name === 'generate_melody' && view.has('with') && view.hasAny(['chords', 'chord', 'harmony', 'progression'])) args.withChords = true;
    if (name === 'generate_arrangement') {
      const structure = extractSections(view.tokens)
        .map((found) => found.value)
        .filter((section): section is (typeof SECTION_NAMES)[number] => (SECTION_NAMES as readonly string[]).includes(section));
      if (structure.length >= 2) args.structure = structure.slice(0, 16);
    }
    return [call(name, args), ...notes];
  };
}

const DEFAULT_LYRICS_GENRE: GenreId = 'edm-pop';

const generateLyrics: Builder = (view, ctx) => {
  const topic = extractTopic(ctx.text, view.tokens);
  const outsideTopic = view.tokens.filter((_, i) => !topic || i < topic.start || i >= topic.end);
  const mood = extractMood(outsideTopic)?.value ?? extractMood(view.tokens)?.value ?? 'happy';
  const genre = extractGenre(view.tokens)?.value ?? DEFAULT_LYRICS_GENRE;
  return [call('generate_lyrics', { mood, genre, ...(topic ? { topic: topic.value } : {}) })];
};

function loudness(view: ClauseView): { targetLufs?: number; problem?: Step } {
  const lufs = extractLufs(view.tokens);
  if (!lufs) return {};
  if (lufs.value < LOUDNESS_LUFS_RANGE.min || lufs.value > LOUDNESS_LUFS_RANGE.max) {
    return { problem: { type: 'ask', text: `Loudness targets go from ${LOUDNESS_LUFS_RANGE.min} to ${LOUDNESS_LUFS_RANGE.max} LUFS (-14 is the streaming norm). Which target would you like?` } };
  }
  return { targetLufs: lufs.value };
}

const mixAndMaster: Builder = (view) => {
  const { targetLufs, problem } = loudness(view);
  if (problem) return [problem];
  return [call('mix_and_master', targetLufs === undefined ? {} : { targetLufs })];
};

const master: Builder = (view, ctx) => {
  const { targetLufs, problem } = loudness(view);
  if (problem) return [problem];
  if (!ctx.latestJobId) {
    return [{ type: 'ask', text: "There's no generated song in this conversation to master yet. Say \"mix and master\" to auto-mix and master the project's own tracks, or generate something first (\"make a house beat\")." }];
  }
  return [call('master', { sourceJobId: ctx.latestJobId, ...(targetLufs === undefined ? {} : { targetLufs }) })];
};

export const BUILDERS: Partial<Record<Intent, Builder>> = {
  create_track: createTrack,
  rename_track: renameTrack,
  delete_track: deleteTrack,
  update_track: updateTrack,
  set_tempo: setTempo,
  set_key: setKey,
  add_marker: addMarker,
  generate_beat: composer('generate_beat'),
  generate_melody: composer('generate_melody'),
  generate_chords: composer('generate_chords'),
  generate_arrangement: composer('generate_arrangement'),
  generate_lyrics: generateLyrics,
  mix_and_master: mixAndMaster,
  master,
};
