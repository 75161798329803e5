import type { InstrumentKind, Song, SongTrack } from '../types';
import { ascii, ByteWriter, variableLength } from './midi-bytes';

/** Ticks per quarter note: divisible by 3 and 5 and fine enough for swing and rolls. */
export const MIDI_PPQ = 480;

/** General MIDI programs for each voice (drums on channel 10 need none). */
const GM_PROGRAMS: Record<Exclude<InstrumentKind, 'drums'>, number> = {
  bass: 38, // Synth Bass 1
  chords: 4, // Electric Piano 1
  lead: 80, // Lead 1 (square)
  pad: 89, // Pad 2 (warm)
};

/** A timed event; `order` sorts ties so note-offs come before note-ons at the same tick. */
interface TimedEvent {
  tick: number;
  order: number;
  bytes: number[];
}

const toTicks = (beats: number): number => Math.round(beats * MIDI_PPQ);

function uint24(value: number): number[] {
  return [(value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

function meta(type: number, data: readonly number[]): number[] {
  return [0xff, type, ...variableLength(data.length), ...data];
}

/** Delta-timed events closed by end-of-track, with the end no earlier than `endTick`. */
function encodeTrack(events: TimedEvent[], endTick: number): ByteWriter {
  const sorted = [...events].sort((a, b) => a.tick - b.tick || a.order - b.order);
  const body = new ByteWriter();
  let now = 0;
  for (const event of sorted) {
    body.bytes(variableLength(event.tick - now)).bytes(event.bytes);
    now = event.tick;
  }
  return body.bytes(variableLength(Math.max(0, endTick - now))).bytes(meta(0x2f, []));
}

function conductorTrack(song: Song, endTick: number): ByteWriter {
  const microsecondsPerQuarter = Math.round(60_000_000 / song.bpm);
  const { numerator, denominator } = song.timeSignature;
  const events: TimedEvent[] = [
    { tick: 0, order: 0, bytes: meta(0x03, ascii('DAWG AI')) },
    { tick: 0, order: 1, bytes: meta(0x58, [numerator, Math.log2(denominator), 24, 8]) },
    { tick: 0, order: 2, bytes: meta(0x51, uint24(microsecondsPerQuarter)) },
  ];
  // Section names as markers, so a DAW shows the arrangement.
  for (const section of song.sections ?? []) {
    events.push({ tick: toTicks(section.startBeat), order: 3, bytes: meta(0x06, ascii(section.name)) });
  }
  return encodeTrack(events, endTick);
}

function noteTrack(track: SongTrack, endTick: number): ByteWriter {
  const channel = track.channel & 0x0f;
  const events: TimedEvent[] = [{ tick: 0, order: 0, bytes: meta(0x03, ascii(track.name)) }];
  if (track.instrument !== 'drums') events.push({ tick: 0, order: 1, bytes: [0xc0 | channel, GM_PROGRAMS[track.instrument]] });

  // Cut each note where the next strike of its pitch begins: MIDI cannot tell overlapping same-pitch notes apart.
  const byStart = [...track.notes].sort((a, b) => a.startBeat - b.startBeat);
  const nextStrike = new Map<number, number>();
  const offTicks = new Array<number>(byStart.length);
  for (let i = byStart.length - 1; i >= 0; i--) {
    const note = byStart[i]!;
    const on = toTicks(note.startBeat);
    const off = Math.max(on + 1, toTicks(note.startBeat + note.durationBeats));
    offTicks[i] = Math.min(off, nextStrike.get(note.pitch) ?? off);
    nextStrike.set(note.pitch, on);
  }
  byStart.forEach((note, i) => {
    const on = toTicks(note.startBeat);
    // A second strike in the same tick would leave nothing to switch off; the later one stands.
    if (offTicks[i]! <= on) return;
    const pitch = note.pitch & 0x7f;
    events.push({ tick: on, order: 3, bytes: [0x90 | channel, pitch, Math.max(1, Math.min(127, note.velocity))] });
    events.push({ tick: Math.max(on, offTicks[i]!), order: 2, bytes: [0x80 | channel, pitch, 64] });
  });
  return encodeTrack(events, endTick);
}

/**
 * Writes a Standard MIDI File (format 1): a conductor track with the tempo,
 * time signature and section markers, then one track per song track, drums on
 * channel 10.
 */
export function writeMidi(song: Song): Uint8Array {
  let lastNoteEnd = 0;
  for (const track of song.tracks) {
    for (const note of track.notes) lastNoteEnd = Math.max(lastNoteEnd, note.startBeat + note.durationBeats);
  }
  const endTick = toTicks(Math.max(song.lengthBeats, lastNoteEnd));
  const file = new ByteWriter();
  const header = new ByteWriter().uint16(1).uint16(song.tracks.length + 1).uint16(MIDI_PPQ);
  file.chunk('MThd', header).chunk('MTrk', conductorTrack(song, endTick));
  for (const track of song.tracks) file.chunk('MTrk', noteTrack(track, endTick));
  return file.toBytes();
}

