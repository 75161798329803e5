import { writeMidi } from '@dawg/music';
import type { Project } from '../api/types';
import { invert } from '../history/commands';
import { additionCommands, mainWav, trackName } from './add-to-project';

const project = { id: 'p1', bpm: 120, timeSignature: { numerator: 4, denominator: 4 }, key: null } as unknown as Project;
const melody = writeMidi({
  bpm: 90,
  timeSignature: { numerator: 4, denominator: 4 },
  lengthBeats: 16,
  tracks: [
    { name: 'lead', instrument: 'lead', channel: 1, notes: [{ pitch: 69, startBeat: 0, durationBeats: 1, velocity: 90 }, { pitch: 72, startBeat: 14.5, durationBeats: 1.5, velocity: 80 }] },
    { name: 'chords', instrument: 'pad', channel: 2, notes: [{ pitch: 57, startBeat: 0, durationBeats: 4, velocity: 70 }] },
    { name: 'empty', instrument: 'lead', channel: 3, notes: [] },
  ],
});

describe('adding a generation to the project', () => {
  it('is one batch: the tempo, an audio track with its clip, and a MIDI track per part with notes, placed at the playhead’s bar', () => {
    const command = additionCommands(
      { project, tracks: [], positionBeats: 5.5 },
      { kind: 'melody', durationSeconds: 12.4 },
      { genre: 'lo-fi', bpm: 90, bars: 4, mode: 'both', matchTempo: true },
      { audio: { audioFileId: 'a1', durationSeconds: 12.4 }, midi: melody },
    );
    expect(command.kind).toBe('batch');
    if (command.kind !== 'batch') return;
    expect(command.label).toBe('Add Lo-fi melody 90');
    const [tempo, audioTrack, audioClip, leadTrack, leadClip, chordsTrack, chordsClip, ...rest] = command.commands;
    expect(rest).toEqual([]);
    expect(tempo).toEqual({ kind: 'project.update', label: 'Add Lo-fi melody 90', before: { bpm: 120 }, after: { bpm: 90 } });
    expect(audioTrack).toMatchObject({ kind: 'track.create', track: { name: 'Lo-fi melody 90', kind: 'audio' } });
    // At 90 BPM the render is the 4 bars asked for (its release tail left out), from bar 2 where the playhead is.
    expect(audioClip).toMatchObject({ kind: 'clip.create', clip: { trackId: audioTrack!.kind === 'track.create' && audioTrack.trackId, audioFileId: 'a1', startBeat: 4, lengthBeats: 16 } });
    expect(leadTrack).toMatchObject({ kind: 'track.create', track: { name: 'Lo-fi melody 90 lead', kind: 'midi' } });
    expect(leadClip).toMatchObject({
      kind: 'clip.create',
      clip: { startBeat: 4, lengthBeats: 16, notes: [{ pitch: 69, startBeat: 0, lengthBeats: 1, velocity: 90 }, { pitch: 72, startBeat: 14.5, lengthBeats: 1.5, velocity: 80 }] },
    });
    expect(chordsTrack).toMatchObject({ track: { name: 'Lo-fi melody 90 chords' } });
    expect(chordsClip).toMatchObject({ clip: { lengthBeats: 4 } });
    // Undo deletes the clips and tracks and puts the tempo back, last first.
    const undo = invert(command);
    expect(undo.kind === 'batch' && undo.commands.map((c) => c.kind)).toEqual(['clip.delete', 'track.delete', 'clip.delete', 'track.delete', 'clip.delete', 'track.delete', 'project.update']);
  });

  it('keeps the project’s tempo when asked to, and then the audio is as long as it plays', () => {
    const command = additionCommands(
      { project, tracks: [], positionBeats: 0 },
      { kind: 'beat', durationSeconds: 15 },
      { genre: 'trap', bpm: 140, bars: 8, mode: 'audio', matchTempo: false },
      { audio: { audioFileId: 'a1', durationSeconds: 15 } },
    );
    expect(command.kind === 'batch' && command.commands.map((c) => [c.kind, c.kind === 'clip.create' ? c.clip.lengthBeats : null])).toEqual([
      ['track.create', null],
      ['clip.create', 30],
    ]);
  });

  it('names tracks after the request and picks the song’s own render', () => {
    expect(trackName({ kind: 'beat' }, { genre: 'trap', bpm: 140 })).toBe('Trap beat 140');
    expect(trackName({ kind: 'master' }, {})).toBe('Master');
    const file = (name: string, extra = {}) => ({ name, kind: 'wav' as const, key: `k/${name}`, sizeBytes: 1, ...extra });
    expect(mainWav([file('stem-drums.wav', { stem: 'drums' }), file('beat.wav')])?.name).toBe('beat.wav');
    expect(mainWav([file('master.wav')])?.name).toBe('master.wav');
    expect(mainWav([{ name: 'beat.mid', kind: 'midi', key: 'k', sizeBytes: 1 }])).toBeUndefined();
  });
});
