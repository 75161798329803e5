import type { InstrumentKind, NoteEvent, Song, SongTrack } from '../types';
import { DRUM_CHANNEL } from './drums/gm-drums';
import { tidyNotes } from './notes';

/** Fixed channels so every generated song lays out the same way in a DAW or a MIDI file. */
const CHANNELS: Record<InstrumentKind, number> = { lead: 0, bass: 1, chords: 2, pad: 3, drums: DRUM_CHANNEL };

export function makeTrack(instrument: InstrumentKind, notes: readonly NoteEvent[], lengthBeats: number): SongTrack {
  return { name: instrument, instrument, channel: CHANNELS[instrument], notes: tidyNotes(notes, lengthBeats) };
}

export function makeSong(bpm: number, lengthBeats: number, tracks: SongTrack[]): Song {
  return { bpm, timeSignature: { numerator: 4, denominator: 4 }, lengthBeats, tracks };
}
