import { GENRES, type GenreId, type ScaleName } from '@dawg/music';
import type { PlannedToolCall } from '../types';
import { GENRE_SPOKEN } from './lexicon';
import { keyName } from './theory';

/**
 * Tool calls in words: what the assistant is about to do ("set the tempo to
 * 92 BPM") and what it did ("Set the tempo to 92 BPM."). Used for the text
 * that accompanies the offline provider's calls and for its final answers.
 */

type Args = Record<string, unknown>;

export function formatNumber(value: number, digits = 1): string {
  const rounded = Number(value.toFixed(digits));
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

export function formatDb(value: number): string {
  return `${value > 0 ? '+' : ''}${formatNumber(value)} dB`;
}

export function formatPan(pan: number): string {
  if (pan === 0) return 'centre';
  const side = pan < 0 ? 'left' : 'right';
  if (Math.abs(pan) >= 1) return `hard ${side}`;
  return `${formatNumber(Math.abs(pan) * 100, 0)}% ${side}`;
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

const COMPOSE_NOUN: Readonly<Record<string, string>> = {
  generate_beat: 'beat',
  generate_melody: 'melody',
  generate_chords: 'chord progression',
  generate_arrangement: 'song',
};

/** "a trap beat at 140 BPM in F minor (8 bars)". */
export function describeComposition(name: string, args: Args): string {
  const genre = args.genre as GenreId;
  const spoken = GENRE_SPOKEN[genre] ?? String(args.genre);
  const scale = (args.scale as ScaleName | undefined) ?? GENRES[genre]?.defaultScale;
  const key = args.key && scale ? ` in ${keyName(String(args.key), scale)}` : '';
  let noun = COMPOSE_NOUN[name] ?? 'piece';
  if (name === 'generate_melody' && args.withChords === true) noun = 'melody with chords';
  const details: string[] = [];
  if (name === 'generate_arrangement') {
    details.push(`${String(args.bars)} bars per section`);
    if (Array.isArray(args.structure)) details.unshift((args.structure as string[]).join(', '));
  } else {
    details.push(`${String(args.bars)} bars`);
  }
  if (args.complexity) details.push(String(args.complexity));
  if (args.seed !== undefined) details.push(`seed ${String(args.seed)}`);
  return `${article(spoken)} ${spoken} ${noun} at ${String(args.bpm)} BPM${key} (${details.join(', ')})`;
}

function describeLyrics(args: Args): string {
  const topic = args.topic ? ` about ${String(args.topic)}` : '';
  return `${String(args.mood)} ${GENRE_SPOKEN[args.genre as GenreId] ?? String(args.genre)} lyrics${topic}`;
}

function trackChanges(args: Args): string[] {
  const parts: string[] = [];
  if (args.mute !== undefined) parts.push(args.mute ? 'muted' : 'unmuted');
  if (args.solo !== undefined) parts.push(args.solo ? 'soloed' : 'unsoloed');
  if (typeof args.volumeDb === 'number') parts.push(`at ${formatDb(args.volumeDb)}`);
  if (typeof args.pan === 'number') parts.push(args.pan === 0 ? 'panned centre' : `panned ${formatPan(args.pan)}`);
  return parts;
}

/** What a call is about to do, as a clause after "I'll". */
export function describePlanned(call: PlannedToolCall): string {
  const a = call.arguments;
  switch (call.name) {
    case 'get_project_state':
      return 'read the project';
    case 'create_track':
      return `add ${a.kind === 'midi' ? 'a MIDI' : 'an audio'} track called ${String(a.name)}`;
    case 'rename_track':
      return `rename ${String(a.track)} to ${String(a.name)}`;
    case 'delete_track':
      return `delete the ${String(a.track)} track`;
    case 'update_track': {
      const single = Object.keys(a).filter((k) => k !== 'track');
      if (single.length === 1) {
        if (a.mute !== undefined) return `${a.mute ? 'mute' : 'unmute'} ${String(a.track)}`;
        if (a.solo !== undefined) return `${a.solo ? 'solo' : 'unsolo'} ${String(a.track)}`;
        if (typeof a.volumeDb === 'number') return `set ${String(a.track)} to ${formatDb(a.volumeDb)}`;
        if (typeof a.pan === 'number') return a.pan === 0 ? `centre ${String(a.track)}` : `pan ${String(a.track)} ${formatPan(a.pan)}`;
      }
      return `set ${String(a.track)} ${trackChanges(a).join(', ')}`;
    }
    case 'set_tempo':
      return `set the tempo to ${formatNumber(Number(a.bpm), 2)} BPM`;
    case 'set_key':
      return `set the key to ${keyName(String(a.tonic), a.scale as ScaleName)}`;
    case 'add_marker':
      return `add a marker "${String(a.name)}" at bar ${String(a.bar)}`;
    case 'generate_beat':
    case 'generate_melody':
    case 'generate_chords':
    case 'generate_arrangement':
      return `generate ${describeComposition(call.name, a)}`;
    case 'generate_lyrics':
      return `write ${describeLyrics(a)}`;
    case 'mix_and_master':
      return `auto-mix the project's tracks and master the mixdown to ${formatNumber(Number(a.targetLufs ?? -14))} LUFS`;
    case 'master':
      return `master the song to ${formatNumber(Number(a.targetLufs ?? -14))} LUFS`;
    default:
      return `run ${call.name}`;
  }
}

/** What a call did, as a sentence, given its (successful) result. */
export function describeDone(call: PlannedToolCall, result: Record<string, unknown>): string {
  const a = call.arguments;
  const jobId = typeof result.jobId === 'string' ? result.jobId : undefined;
  const job = jobId ? ` — job ${jobId}` : '';
  const later = jobId ? " I'll let you know when it's ready; it appears in your generations." : '';
  const name = (fallback: unknown) => String(typeof result.name === 'string' ? result.name : fallback);
  switch (call.name) {
    case 'create_track': {
      const kind = (result.kind ?? a.kind) === 'midi' ? 'MIDI' : 'audio';
      return `Created track ${name(a.name)} (${kind}).`;
    }
    case 'rename_track':
      return `Renamed ${String(a.track)} to ${name(a.name)}.`;
    case 'delete_track':
      return `Deleted track ${name(a.track)}.`;
    case 'update_track': {
      const track = name(a.track);
      const changes = trackChanges(a);
      return changes.length > 0 ? `${track} is now ${joinWords(changes)}.` : `Updated ${track}.`;
    }
    case 'set_tempo':
      return `Tempo set to ${formatNumber(Number(result.bpm ?? a.bpm), 2)} BPM.`;
    case 'set_key':
      return `Key set to ${keyName(String(a.tonic), a.scale as ScaleName)}.`;
    case 'add_marker':
      return `Added marker "${name(a.name)}" at bar ${String(a.bar)}.`;
    case 'generate_beat':
    case 'generate_melody':
    case 'generate_chords':
    case 'generate_arrangement':
      return `Generating ${describeComposition(call.name, a)}${job}.${later}`;
    case 'generate_lyrics':
      return `Writing ${describeLyrics(a)}${job}.${later}`;
    case 'mix_and_master':
      return `Mixing and mastering the project's tracks to ${formatNumber(Number(a.targetLufs ?? -14))} LUFS${job}. When it's done you'll get a mastered preview and suggested gain and pan for each track to apply.`;
    case 'master':
      return `Mastering to ${formatNumber(Number(a.targetLufs ?? -14))} LUFS${job}.${later}`;
    default:
      return `Done: ${call.name}.`;
  }
}

/** "a, b and c". */
export function joinWords(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
