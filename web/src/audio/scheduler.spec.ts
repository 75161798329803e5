import { eventsInWindow, fadeEnvelope, playableClips, playbackSegments, positionAt, type SchedClip, type SchedProject, trackGain } from './scheduler';

const clip = (over: Partial<SchedClip>): SchedClip => ({
  id: 'c',
  trackId: 'audio',
  startBeat: 0,
  lengthBeats: 4,
  sourceOffsetSeconds: 0,
  gainDb: 0,
  fadeInSeconds: 0,
  fadeOutSeconds: 0,
  audioFileId: 'a1',
  notes: null,
  takeGroupId: null,
  ...over,
});

// 120 BPM: a beat is 0.5 s.
const project: SchedProject = {
  bpm: 120,
  timeSignature: { numerator: 4, denominator: 4 },
  tracks: [
    { id: 'audio', kind: 'audio', volumeDb: 0, pan: 0, mute: false, solo: false },
    { id: 'keys', kind: 'midi', volumeDb: -6, pan: 0.5, mute: false, solo: false },
  ],
  clips: [
    clip({ id: 'a', startBeat: 4, lengthBeats: 8, sourceOffsetSeconds: 1, gainDb: -6 }),
    clip({ id: 'm', trackId: 'keys', audioFileId: null, startBeat: 2, lengthBeats: 4, notes: [{ pitch: 60, startBeat: 0, lengthBeats: 1, velocity: 100 }, { pitch: 64, startBeat: 3, lengthBeats: 2, velocity: 50 }] }),
  ],
  takeGroups: [],
  audioDurations: { a1: 10 },
};
const segment = { fromBeat: 0, toBeat: Infinity, startTime: 100 };

describe('the audio scheduler', () => {
  it('starts each audio clip at its exact context time, offset and length, with its gain', () => {
    const [event] = eventsInWindow(project, segment, 0, 16).filter((e) => e.type === 'audio');
    expect(event).toMatchObject({ clipId: 'a', when: 102, offset: 1, duration: 4 });
    expect(event!.type === 'audio' && event!.gain).toBeCloseTo(0.5012, 4);
  });

  it('joins a clip already playing at the start position, part-way through', () => {
    const [event] = eventsInWindow(project, { fromBeat: 6, toBeat: Infinity, startTime: 50 }, 6, 7).filter((e) => e.type === 'audio');
    // 2 beats into the clip = 1 s further into the recording.
    expect(event).toMatchObject({ when: 50, offset: 2, duration: 3 });
    // The next window does not start it again.
    expect(eventsInWindow(project, { fromBeat: 6, toBeat: Infinity, startTime: 50 }, 7, 8).filter((e) => e.type === 'audio')).toEqual([]);
  });

  it('plays MIDI notes inside their clip, cut at the clip’s end', () => {
    const notes = eventsInWindow(project, segment, 0, 16).filter((e) => e.type === 'note');
    expect(notes).toEqual([
      { type: 'note', clipId: 'm', trackId: 'keys', pitch: 60, velocity: 100, when: 101, duration: 0.5 },
      // Starts at clip beat 3 (timeline beat 5), 2 beats long, but the clip ends at beat 6.
      { type: 'note', clipId: 'm', trackId: 'keys', pitch: 64, velocity: 50, when: 102.5, duration: 0.5 },
    ]);
  });

  it('stops everything at a loop end, and plays the loop again from its start', () => {
    const segments = playbackSegments(6, 10, 120, { startBeat: 4, endBeat: 8 }, 20);
    expect(segments.slice(0, 3)).toEqual([
      { fromBeat: 6, toBeat: 8, startTime: 10 },
      { fromBeat: 4, toBeat: 8, startTime: 11 },
      { fromBeat: 4, toBeat: 8, startTime: 13 },
    ]);
    const [first] = eventsInWindow(project, segments[0]!, 6, 8).filter((e) => e.type === 'audio');
    expect(first).toMatchObject({ when: 10, offset: 2, duration: 1 });
    const [second] = eventsInWindow(project, segments[1]!, 4, 8).filter((e) => e.type === 'audio');
    expect(second).toMatchObject({ when: 11, offset: 1, duration: 2 });
    expect(positionAt(segments, 10.5, 120)).toBe(7);
    expect(positionAt(segments, 11.5, 120)).toBe(5);
  });

  it('never plays past the end of the recording', () => {
    const short = { ...project, audioDurations: { a1: 3 } };
    const [event] = eventsInWindow(short, segment, 0, 16).filter((e) => e.type === 'audio');
    expect(event).toMatchObject({ offset: 1, duration: 2 });
  });

  it('shapes fades as gain ramps, cut to what is heard', () => {
    const faded = { ...project, clips: [clip({ id: 'f', startBeat: 0, lengthBeats: 8, fadeInSeconds: 1, fadeOutSeconds: 2 })] };
    const [event] = eventsInWindow(faded, segment, 0, 1);
    expect(event!.type === 'audio' && event!.envelope).toEqual([
      [100, 0],
      [101, 1],
      [102, 1],
      [104, 0],
    ]);
    // Heard from half-way through the fade-in.
    expect(fadeEnvelope(4, 1, 0, 0.5, 3.5, 7)).toEqual([
      [7, 0.5],
      [7.5, 1],
      [10.5, 1],
    ]);
  });

  it('mutes muted tracks, and all but the soloed ones when any is soloed', () => {
    const [audio, keys] = project.tracks;
    expect(trackGain(audio!, project.tracks)).toBe(1);
    expect(trackGain(keys!, project.tracks)).toBeCloseTo(0.501, 3);
    expect(trackGain({ ...audio!, mute: true }, project.tracks)).toBe(0);
    const soloed = [{ ...audio!, solo: true }, keys!];
    expect(trackGain(soloed[0]!, soloed)).toBe(1);
    expect(trackGain(soloed[1]!, soloed)).toBe(0);
  });

  it('plays only the active take of a take group', () => {
    const clips = [clip({ id: 't1', takeGroupId: 'g' }), clip({ id: 't2', takeGroupId: 'g' }), clip({ id: 'solo' })];
    expect(playableClips({ clips, takeGroups: [{ id: 'g', activeClipId: 't2' }] }).map((c) => c.id)).toEqual(['t2', 'solo']);
  });

  it('clicks every beat, accented on the bar', () => {
    const clicks = eventsInWindow({ ...project, clips: [] }, segment, 3, 6, { metronome: true });
    expect(clicks).toEqual([
      { type: 'click', when: 101.5, accent: false },
      { type: 'click', when: 102, accent: true },
      { type: 'click', when: 102.5, accent: false },
    ]);
  });
});
