/**
 * The project's MIDI clips as a Standard MIDI File (one track per MIDI
 * track, section markers as MIDI markers), written by @dawg/music.
 */
import { type Song, writeMidi } from '@dawg/music';

export interface MidiExportInput {
  bpm: number;
  timeSignature: { numerator: number; denominator: number };
  tracks: ReadonlyArray<{ id: string; name: string; kind: string; mute: boolean }>;
  clips: ReadonlyArray<{ trackId: string; startBeat: number; lengthBeats: number; notes: ReadonlyArray<{ pitch: number; startBeat: number; lengthBeats: number; velocity: number }> | null }>;
  markers: ReadonlyArray<{ name: string; beat: number }>;
}

export function projectToSong(input: MidiExportInput): Song {
  const tracks = input.tracks
    .filter((t) => t.kind === 'midi')
    .map((track, i) => ({
      name: track.name,
      instrument: 'lead' as const,
      // Channel 10 (index 9) is drums in General MIDI: skip it.
      channel: i >= 9 ? (i + 1) % 16 : i,
      notes: input.clips
        .filter((c) => c.trackId === track.id && c.notes)
        .flatMap((clip) =>
          clip.notes!.filter((n) => n.startBeat < clip.lengthBeats).map((n) => ({
            pitch: n.pitch,
            startBeat: clip.startBeat + n.startBeat,
            durationBeats: Math.min(n.lengthBeats, clip.lengthBeats - n.startBeat),
            velocity: n.velocity,
          })),
        )
        .sort((a, b) => a.startBeat - b.startBeat),
    }));
  const lengthBeats = input.clips.reduce((end, c) => Math.max(end, c.startBeat + c.lengthBeats), 0);
  return {
    bpm: input.bpm,
    timeSignature: input.timeSignature,
    lengthBeats,
    tracks,
    sections: input.markers.map((m, i, all) => ({ name: m.name, startBeat: m.beat, lengthBeats: (all[i + 1]?.beat ?? lengthBeats) - m.beat })),
  };
}

export const exportMidi = (input: MidiExportInput): Uint8Array => writeMidi(projectToSong(input));
