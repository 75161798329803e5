/**
 * The shapes every part of the music engine speaks. Composition (theory,
 * drums, melody, bass, arrangement) produces a `Song`; MIDI writes one;
 * the synthesiser renders one to stems; mixing and mastering work on stems.
 * Time is in beats (quarter notes) from the start of the song.
 */

/** A played note. For drums, `pitch` is the General MIDI percussion key (36 kick, 38 snare, 42 closed hat, ...). */
export interface NoteEvent {
  /** MIDI note number 0-127. */
  pitch: number;
  startBeat: number;
  durationBeats: number;
  /** 1-127. */
  velocity: number;
  /** Slide into this note from the previous one of the part (808 and acid portamento); absent means struck. */
  glide?: boolean;
}

/** Which built-in synthesiser voice plays a part. */
export type InstrumentKind = 'drums' | 'bass' | 'chords' | 'lead' | 'pad';

export interface SongTrack {
  /** Unique within the song, e.g. "drums", "bass", "chords", "lead". Becomes the stem and MIDI track name. */
  name: string;
  instrument: InstrumentKind;
  /** MIDI channel 0-15; drums use 9 (channel 10), as General MIDI does. */
  channel: number;
  notes: NoteEvent[];
}

export interface Section {
  /** intro, verse, chorus, bridge, outro, ... */
  name: string;
  startBeat: number;
  lengthBeats: number;
}

export interface Song {
  bpm: number;
  timeSignature: { numerator: number; denominator: number };
  /** Total length in beats; notes may ring past it only by their release. */
  lengthBeats: number;
  tracks: SongTrack[];
  /** Present for arrangements. */
  sections?: Section[];
}

/** Audio in memory: one Float32Array per channel, samples in [-1, 1]. */
export interface AudioBuffer {
  sampleRate: number;
  channels: Float32Array[];
}
