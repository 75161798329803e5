import type { NoteEvent } from '../types';

/** Times are kept to a millionth of a beat so float noise never reaches MIDI ticks or comparisons. */
function roundBeat(beat: number): number {
  return Math.round(beat * 1e6) / 1e6;
}

/** Shortest note we emit: one MIDI tick at 480 PPQ. */
const MIN_DURATION = 1 / 480;

/**
 * Makes a part safe to hand out: inside the song, in MIDI's ranges, sorted,
 * and with no note of a pitch still sounding when the same pitch strikes
 * again (MIDI cannot tell such overlaps apart, and synths would choke them).
 */
export function tidyNotes(notes: readonly NoteEvent[], lengthBeats: number): NoteEvent[] {
  // Two strikes of one pitch within one MIDI tick (480 PPQ) are one strike: keep the louder.
  const strikes = new Map<string, NoteEvent>();
  for (const raw of notes) {
    const note = {
      ...raw,
      pitch: Math.max(0, Math.min(127, Math.round(raw.pitch))),
      velocity: Math.max(1, Math.min(127, Math.round(raw.velocity))),
      startBeat: roundBeat(Math.max(0, raw.startBeat)),
    };
    if (note.startBeat >= lengthBeats) continue;
    const id = `${note.pitch}@${Math.round(note.startBeat * 480)}`;
    const existing = strikes.get(id);
    if (!existing || note.velocity > existing.velocity) strikes.set(id, note);
  }
  const sorted = [...strikes.values()].sort((a, b) => a.startBeat - b.startBeat || a.pitch - b.pitch);

  const nextStartOfPitch = new Map<number, number>();
  for (let i = sorted.length - 1; i >= 0; i--) {
    const note = sorted[i]!;
    const nextStart = nextStartOfPitch.get(note.pitch) ?? Number.POSITIVE_INFINITY;
    const end = Math.min(note.startBeat + note.durationBeats, nextStart, lengthBeats);
    note.durationBeats = roundBeat(Math.max(MIN_DURATION, end - note.startBeat));
    nextStartOfPitch.set(note.pitch, note.startBeat);
  }
  return sorted;
}

/** Moves notes by a number of beats (placing a section's part in the song). */
export function shiftNotes(notes: readonly NoteEvent[], beats: number): NoteEvent[] {
  return notes.map((note) => ({ ...note, startBeat: note.startBeat + beats }));
}
