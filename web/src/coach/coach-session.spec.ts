import type { VoiceScore } from '@dawg/contracts';
import { type CoachAction, coachReducer, type CoachState, initialCoachState, LANE_HIT_FRAMES, lanesHit, MAX_POINTS } from './coach-session';
import { midiToHz } from './pitch-map';

const melody = { kind: 'melody' as const, notes: [60, 64, 67].map((midi, i) => ({ midi, startSeconds: i * 0.5, durationSeconds: 0.5 })) };
const run = (actions: CoachAction[], from: CoachState = initialCoachState()) => actions.reduce(coachReducer, from);
const live = () => run([{ type: 'take/start', target: melody, lanes: [60, 64, 67] }, { type: 'take/started', sessionId: 's1', toleranceCents: 15 }]);
const pitch = (seq: number, midi: number | null, cents: number | null = 0, sessionId = 's1'): CoachAction => ({
  type: 'pitch',
  event: { sessionId, seq, time: seq * 0.0116, frequency: midi === null ? 0 : midiToHz(midi + (cents ?? 0) / 100), cents, voiced: midi !== null, targetNote: null },
});
const score: VoiceScore = { sessionId: 's1', durationSeconds: 2, pitchAccuracy: 90, rhythmAccuracy: null, consistency: 80, overall: 85, feedback: [{ code: 'good-pitch', kind: 'praise', message: 'Nicely in tune.' }], vibrato: null, voicedSeconds: 1.5, onsets: 3 };

describe('the coach session reducer', () => {
  it('goes from starting to live to scored, keeping the target and its lanes', () => {
    let state = run([{ type: 'take/start', target: melody, lanes: [60, 64, 67] }]);
    expect(state.take).toMatchObject({ status: 'starting', sessionId: null, lanes: [60, 64, 67] });
    state = run([{ type: 'take/started', sessionId: 's1', toleranceCents: 20 }, { type: 'take/stopping' }, { type: 'score', score }], state);
    expect(state.take).toMatchObject({ status: 'scored', sessionId: 's1', toleranceCents: 20, score });
  });

  it('maps each pitch frame to its lane and colour class, and keeps the needle on the latest voiced one', () => {
    const state = run([pitch(1, 60, 3), pitch(2, 64, 22), pitch(3, 67, -30), pitch(4, null, null)], live());
    expect(state.take.points.map((p) => [p.lane, p.className])).toEqual([
      [60, 'in-tune'],
      [64, 'sharp'],
      [67, 'flat'],
      [null, 'unvoiced'],
    ]);
    expect(state.take.current).toBeNull();
    expect(run([pitch(5, 64, -4)], state).take.current).toMatchObject({ lane: 64, cents: -4, className: 'in-tune' });
    expect(state.take.now).toBeCloseTo(4 * 0.0116, 6);
  });

  it('judges colour by the server’s cents against the target: the wrong note is off, even in tune with itself', () => {
    // D4 sung where the melody wants E4: the nearest lane is C4's or E4's, the server says 200 cents flat of E4.
    const state = run([{ type: 'pitch', event: { sessionId: 's1', seq: 1, time: 0.6, frequency: midiToHz(62), cents: -200, voiced: true, targetNote: 'E4' } }], live());
    expect(state.take.points[0]).toMatchObject({ lane: 60, cents: -200, className: 'off', targetNote: 'E4' });
  });

  it('counts lanes as hit only after enough frames, in the order first sung', () => {
    let state = live();
    for (let i = 0; i < LANE_HIT_FRAMES; i++) state = run([pitch(i, 64)], state);
    state = run([pitch(100, 60), pitch(101, 67)], state);
    expect(lanesHit(state.take)).toEqual([64]);
    for (let i = 0; i < LANE_HIT_FRAMES; i++) state = run([pitch(200 + i, 60)], state);
    expect(lanesHit(state.take)).toEqual([64, 60]);
    expect(state.take.laneFrames).toEqual([
      { midi: 64, frames: LANE_HIT_FRAMES },
      { midi: 60, frames: LANE_HIT_FRAMES + 1 },
      { midi: 67, frames: 1 },
    ]);
  });

  it('ignores events of another take, or of a take already scored', () => {
    let state = run([pitch(1, 60, 0, 'other')], live());
    expect(state.take.points).toEqual([]);
    state = run([{ type: 'score', score }, pitch(2, 60)], state);
    expect(state.take.points).toEqual([]);
    expect(run([{ type: 'score', score: { ...score, sessionId: 'old' } }], live()).take.status).toBe('live');
  });

  it('keeps a bounded window of points for drawing', () => {
    let state = live();
    for (let i = 0; i < MAX_POINTS + 50; i++) state = coachReducer(state, pitch(i, 60));
    expect(state.take.points).toHaveLength(MAX_POINTS);
    expect(state.take.points[0]!.seq).toBe(50);
  });

  it('collects onsets and the latest vibrato, and starts afresh with the next take', () => {
    let state = run(
      [
        { type: 'onset', event: { sessionId: 's1', time: 0.51, offsetMs: 10, timing: 'late' } },
        { type: 'vibrato', event: { sessionId: 's1', detected: true, rateHz: 5.5, extentCents: 40 } },
      ],
      live(),
    );
    expect(state.take.onsets).toEqual([{ time: 0.51, offsetMs: 10, timing: 'late' }]);
    expect(state.take.vibrato).toEqual({ detected: true, rateHz: 5.5, extentCents: 40 });
    state = run([{ type: 'take/start', target: { kind: 'scale', tonic: 'C', scale: 'major' }, lanes: [60] }], state);
    expect(state.take).toMatchObject({ status: 'starting', onsets: [], vibrato: null, points: [], score: null });
  });

  it('previews the chosen reference before the first take, and leaves a scored take alone', () => {
    const key = { kind: 'scale' as const, tonic: 'C' as const, scale: 'major' as const };
    const before = run([{ type: 'take/reference', target: key, lanes: [60, 62] }]);
    expect(before.take).toMatchObject({ status: 'idle', target: key, lanes: [60, 62] });
    const scored = run([{ type: 'score', score }], live());
    expect(run([{ type: 'take/reference', target: key, lanes: [60] }], scored)).toBe(scored);
  });

  it('shows an error and stops the needle when the take fails', () => {
    const state = run([pitch(1, 60), { type: 'take/failed', message: 'The connection dropped.' }], live());
    expect(state.take).toMatchObject({ status: 'error', error: 'The connection dropped.', current: null });
  });
});

describe('voice commands in the reducer', () => {
  it('builds a card per utterance: partial words, the final text, the tools run and the reply', () => {
    const state = run([
      { type: 'capabilities', transcription: true },
      { type: 'talk/start' },
      { type: 'talk/started', sessionId: 't1' },
      { type: 'transcript', sessionId: 't1', utterance: 1, text: 'add ', final: false },
      { type: 'transcript', sessionId: 't1', utterance: 1, text: 'add a bass track', final: true },
      { type: 'talk/stopping' },
      { type: 'talk/stopped' },
      { type: 'function-call', sessionId: 't1', utterance: 1, call: { name: 'create_track', status: 'ok', summary: 'Created track Bass' } },
      { type: 'command-reply', sessionId: 't1', utterance: 1, text: 'Added a Bass track.' },
    ]);
    expect(state.talk).toMatchObject({ available: true, status: 'idle' });
    expect(state.talk.commands).toEqual([
      { sessionId: 't1', utterance: 1, text: 'add a bass track', final: true, calls: [{ name: 'create_track', status: 'ok', summary: 'Created track Bass' }], reply: 'Added a Bass track.', error: null },
    ]);
  });

  it('lists the newest utterance first and keeps a transcription error on its card', () => {
    const state = run([
      { type: 'transcript', sessionId: 't1', utterance: 1, text: 'mute the drums', final: true },
      { type: 'command-error', sessionId: 't2', utterance: 1, message: 'The transcription failed.' },
    ]);
    expect(state.talk.commands.map((c) => [c.sessionId, c.text, c.error])).toEqual([
      ['t2', '', 'The transcription failed.'],
      ['t1', 'mute the drums', null],
    ]);
  });

  it('tells an unreachable voice service from one without transcription', () => {
    const down = run([{ type: 'unreachable', message: 'The voice service is not reachable: timeout' }]);
    expect(down.talk).toMatchObject({ available: false, unreachable: 'The voice service is not reachable: timeout' });
    expect(run([{ type: 'capabilities', transcription: false }], down).talk).toMatchObject({ available: false, unreachable: null });
  });

  it('reports a failed push-to-talk', () => {
    const state = run([{ type: 'talk/start' }, { type: 'talk/failed', message: 'No microphone was found.' }]);
    expect(state.talk).toMatchObject({ status: 'error', error: 'No microphone was found.' });
  });
});
