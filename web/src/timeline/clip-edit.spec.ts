import { type ClipShape, changedFields, dragGain, duplicateClip, moveClip, pickFields, setFade, splitClip, trimEnd, trimStart } from './clip-edit';

const tempo = { bpm: 120, timeSignature: { numerator: 4, denominator: 4 } };
// At 120 BPM a beat is half a second.
const audio: ClipShape = {
  trackId: 't1',
  name: 'Vox',
  startBeat: 4,
  lengthBeats: 8,
  sourceOffsetSeconds: 1,
  gainDb: 0,
  fadeInSeconds: 0.5,
  fadeOutSeconds: 1,
  audioFileId: 'a1',
  notes: null,
  takeGroupId: null,
};
const midi: ClipShape = {
  ...audio,
  name: 'Keys',
  audioFileId: null,
  sourceOffsetSeconds: 0,
  fadeInSeconds: 0,
  fadeOutSeconds: 0,
  notes: [
    { pitch: 60, startBeat: 0, lengthBeats: 1, velocity: 100 },
    { pitch: 64, startBeat: 2, lengthBeats: 3, velocity: 90 },
    { pitch: 67, startBeat: 6, lengthBeats: 1, velocity: 80 },
  ],
};

describe('clip edits', () => {
  it('moves a clip so its start lands on the grid, onto another track when asked', () => {
    expect(moveClip(audio, 2.4, 'beat', tempo.timeSignature)).toEqual({ startBeat: 6 });
    expect(moveClip(audio, 2.4, 'bar', tempo.timeSignature)).toEqual({ startBeat: 8 });
    expect(moveClip(audio, 2.4, 'off', tempo.timeSignature)).toEqual({ startBeat: 6.4 });
    expect(moveClip(audio, -10, 'beat', tempo.timeSignature)).toEqual({ startBeat: 0 });
    expect(moveClip(audio, 0, 'beat', tempo.timeSignature, 't2')).toEqual({ startBeat: 4, trackId: 't2' });
  });

  it('trims an audio clip’s start later into its recording, keeping its end', () => {
    expect(trimStart(audio, 6, 'beat', tempo)).toEqual({ startBeat: 6, lengthBeats: 6, sourceOffsetSeconds: 2 });
    // Not before the recording starts: 1 s of offset is 2 beats of room.
    expect(trimStart(audio, 0, 'beat', tempo)).toEqual({ startBeat: 2, lengthBeats: 10, sourceOffsetSeconds: 0 });
  });

  it('trims a MIDI clip’s start keeping its notes where they were on the timeline', () => {
    const fields = trimStart(midi, 6, 'beat', tempo);
    expect(fields).toMatchObject({ startBeat: 6, lengthBeats: 6 });
    expect(fields.notes).toEqual([
      { pitch: 64, startBeat: 0, lengthBeats: 3, velocity: 90 },
      { pitch: 67, startBeat: 4, lengthBeats: 1, velocity: 80 },
    ]);
  });

  it('trims the end, never past the recording and never shorter than a sixteenth', () => {
    expect(trimEnd(audio, 10, 'beat', tempo, 60)).toEqual({ lengthBeats: 6 });
    // The recording is 5 s from offset 1 s: 8 beats at most.
    expect(trimEnd(audio, 30, 'beat', tempo, 5)).toEqual({ lengthBeats: 8 });
    expect(trimEnd(audio, 0, 'off', tempo, 60).lengthBeats).toBe(0.25);
  });

  it('shortens fades that no longer fit a trimmed clip', () => {
    // 1 beat = 0.5 s left; fades of 0.5 + 1 s scale down to fit.
    const fields = trimEnd(audio, 5, 'beat', tempo, 60);
    expect(fields.lengthBeats).toBe(1);
    expect(fields.fadeInSeconds! + fields.fadeOutSeconds!).toBeCloseTo(0.5, 6);
  });

  it('splits audio into two clips that play the same recording seamlessly', () => {
    const split = splitClip(audio, 7, tempo)!;
    expect(split.left).toMatchObject({ lengthBeats: 3, fadeOutSeconds: 0, fadeInSeconds: 0.5 });
    expect(split.right).toMatchObject({ startBeat: 7, lengthBeats: 5, sourceOffsetSeconds: 2.5, fadeInSeconds: 0, fadeOutSeconds: 1, audioFileId: 'a1' });
    expect(splitClip(audio, 4.1, tempo)).toBeNull();
    expect(splitClip(audio, 20, tempo)).toBeNull();
  });

  it('splits MIDI notes at the cut: earlier notes are shortened, later ones move to the new clip', () => {
    const split = splitClip(midi, 7, tempo)!;
    expect(split.left.notes).toEqual([
      { pitch: 60, startBeat: 0, lengthBeats: 1, velocity: 100 },
      { pitch: 64, startBeat: 2, lengthBeats: 1, velocity: 90 },
    ]);
    expect(split.right.notes).toEqual([{ pitch: 67, startBeat: 3, lengthBeats: 1, velocity: 80 }]);
  });

  it('duplicates right after the original', () => {
    expect(duplicateClip(audio)).toMatchObject({ startBeat: 12, lengthBeats: 8, trackId: 't1', audioFileId: 'a1' });
  });

  it('keeps fades inside the clip and gain inside the api’s range', () => {
    // 8 beats = 4 s; fade-out is 1 s, so fade-in can be at most 3 s.
    expect(setFade(audio, 'in', 10, 120)).toEqual({ fadeInSeconds: 3 });
    expect(setFade(audio, 'out', -1, 120)).toEqual({ fadeOutSeconds: 0 });
    expect(dragGain(0, 60)).toBe(6);
    expect(dragGain(20, 100)).toBe(24);
    expect(dragGain(-90, -200)).toBe(-96);
  });

  it('sends only what changed, and remembers what it was', () => {
    const fields = { startBeat: 4, lengthBeats: 6 };
    expect(changedFields(audio, fields)).toEqual({ lengthBeats: 6 });
    expect(pickFields(audio, { lengthBeats: 6 })).toEqual({ lengthBeats: 8 });
  });
});
