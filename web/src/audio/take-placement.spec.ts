import { placeTake } from './take-placement';

describe('placing a recorded take', () => {
  // 120 BPM: a beat is 0.5 s. Playback of beat 8 starts at context time 10.
  const playback = { fromBeat: 8, startTime: 10, bpm: 120 };

  it('lines the take up with what was heard, shifted back by the round-trip latency', () => {
    // Recording started 0.1 s before playback; 20 ms of latency.
    expect(placeTake({ startTime: 9.9, seconds: 4.1 }, playback, 0.02)).toEqual({ startBeat: 8, sourceOffsetSeconds: 0.12, lengthBeats: 7.96 });
  });

  it('places a take that started after playback at its own moment', () => {
    expect(placeTake({ startTime: 11, seconds: 2 }, playback, 0)).toEqual({ startBeat: 10, sourceOffsetSeconds: 0, lengthBeats: 4 });
  });

  it('answers nothing for a take with no sound after the start', () => {
    expect(placeTake({ startTime: 9, seconds: 0.5 }, playback, 0)).toBeNull();
  });
});
