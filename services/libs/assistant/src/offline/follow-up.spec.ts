import type { ChatMessage, ToolCall } from '../types';
import { offlineRespond } from './respond';
import { STUDIO_PROJECT } from './fixtures';

/** The project as ai-brain's get_project_state returns it (markers in bars, time signature, clip counts). */
const STATE = {
  name: STUDIO_PROJECT.name,
  bpm: STUDIO_PROJECT.bpm,
  key: STUDIO_PROJECT.key,
  timeSignature: { numerator: 4, denominator: 4 },
  tracks: STUDIO_PROJECT.tracks.map((t) => ({ ...t, clips: 1 })),
  markers: [{ name: 'Intro', kind: 'intro', bar: 1 }],
};

const JOB = '3f1c9a52-8d1e-4b7a-9c1d-2e5f6a7b8c9d';

/** Plays one turn: what the offline provider asked for, given ids, answered with these results. */
function withResults(history: ChatMessage[], calls: Array<{ name: string; arguments: Record<string, unknown> }>, results: unknown[]): ChatMessage[] {
  const toolCalls: ToolCall[] = calls.map((call, i) => ({ id: `call-${history.length}-${i}`, ...call }));
  return [
    ...history,
    { role: 'assistant', content: '', toolCalls },
    ...toolCalls.map((call, i): ChatMessage => ({ role: 'tool', toolCallId: call.id, name: call.name, content: JSON.stringify(results[i]) })),
  ];
}

describe('offline provider: turns with tool results', () => {
  it('reads the project first when it was not given, then acts on the request without reading it again', () => {
    const ask: ChatMessage[] = [{ role: 'user', content: 'mute the drums' }];
    const first = offlineRespond({ messages: ask });
    expect(first.toolCalls).toEqual([{ name: 'get_project_state', arguments: {} }]);

    const afterState = withResults(ask, first.toolCalls, [STATE]);
    const second = offlineRespond({ messages: afterState });
    expect(second.toolCalls).toEqual([{ name: 'update_track', arguments: { track: 'Drums', mute: true } }]);

    const done = offlineRespond({ messages: withResults(afterState, second.toolCalls, [{ ...STUDIO_PROJECT.tracks[0], mute: true }]) });
    expect(done.toolCalls).toEqual([]);
    expect(done.text).toBe('Drums is now muted.');
  });

  it('answers a question about the project on the turn after reading it', () => {
    const ask: ChatMessage[] = [{ role: 'user', content: 'what key is this song in?' }];
    const first = offlineRespond({ messages: ask });
    expect(first.toolCalls).toEqual([{ name: 'get_project_state', arguments: {} }]);
    const answer = offlineRespond({ messages: withResults(ask, first.toolCalls, [STATE]) });
    expect(answer).toEqual({ text: 'Night Drive is in F minor.', toolCalls: [] });
  });

  it('reads the export document shape too (markers in beats)', () => {
    const ask: ChatMessage[] = [{ role: 'user', content: 'what markers do I have?' }];
    const doc = { project: { name: 'Doc', bpm: 120, key: null, timeSignature: { numerator: 4, denominator: 4 } }, tracks: [], markers: [{ name: 'Drop', beat: 64 }] };
    const answer = offlineRespond({ messages: withResults(ask, [{ name: 'get_project_state', arguments: {} }], [doc]) });
    expect(answer.text).toBe('Markers in Doc: Drop (bar 17).');
  });

  it('confirms a created track', () => {
    const ask: ChatMessage[] = [{ role: 'user', content: 'add a track called Lead Vox 2' }];
    const first = offlineRespond({ messages: ask, project: STUDIO_PROJECT });
    expect(first.toolCalls).toEqual([{ name: 'create_track', arguments: { name: 'Lead Vox 2', kind: 'audio' } }]);
    const done = offlineRespond({ messages: withResults(ask, first.toolCalls, [{ id: 'x', name: 'Lead Vox 2', kind: 'audio' }]), project: STUDIO_PROJECT });
    expect(done).toEqual({ text: 'Created track Lead Vox 2 (audio).', toolCalls: [] });
  });

  it('reports a started generation with its job id and never starts it again', () => {
    const ask: ChatMessage[] = [{ role: 'user', content: 'make a trap beat at 140 bpm in F minor, 8 bars' }];
    const first = offlineRespond({ messages: ask, project: STUDIO_PROJECT });
    const done = offlineRespond({ messages: withResults(ask, first.toolCalls, [{ jobId: JOB, seed: 7 }]), project: STUDIO_PROJECT });
    expect(done.toolCalls).toEqual([]);
    expect(done.text).toContain(`Generating a trap beat at 140 BPM in F minor (8 bars) — job ${JOB}.`);
  });

  it('explains a 402 budget error plainly', () => {
    const ask: ChatMessage[] = [{ role: 'user', content: 'make a house beat' }];
    const first = offlineRespond({ messages: ask, project: STUDIO_PROJECT });
    const error = { error: { status: 402, code: 'PAYMENT_REQUIRED', message: 'Plan limit reached', details: { entitlement: 'generationMinutesPerMonth', plan: 'free', limit: 10, used: 10 } } };
    const done = offlineRespond({ messages: withResults(ask, first.toolCalls, [error]), project: STUDIO_PROJECT });
    expect(done.toolCalls).toEqual([]);
    expect(done.text).toMatch(/^You've used this month's generation minutes on the free plan \(10 of 10 used\), so I couldn't generate a house beat/);
    expect(done.text).toContain('Upgrade your plan');
  });

  it('explains errors by code: view-only, someone else editing, missing track, an error envelope', () => {
    const ask: ChatMessage[] = [{ role: 'user', content: 'mute the drums and set the tempo to 100' }];
    const first = offlineRespond({ messages: ask, project: STUDIO_PROJECT });
    expect(first.toolCalls.map((c) => c.name)).toEqual(['update_track', 'set_tempo']);
    const forbidden = offlineRespond({
      messages: withResults(ask, first.toolCalls, [{ error: { status: 403, code: 'FORBIDDEN', message: 'Viewers cannot edit' } }, { status: 'error', result: { error: { status: 409, code: 'CONFLICT', message: 'stale' } } }]),
      project: STUDIO_PROJECT,
    });
    expect(forbidden.text).toBe(
      "You can view this project but not edit it, so I couldn't mute Drums. Ask the owner to make you an editor. Someone changed the project at the same moment, so I couldn't set the tempo to 100 BPM. Ask again and I'll use the latest version.",
    );
    const missing = offlineRespond({
      messages: withResults(ask, first.toolCalls, [{ error: { code: 'TRACK_NOT_FOUND', message: 'There is no track named "Drums". Tracks: Bass.' } }, { bpm: 100 }]),
      project: STUDIO_PROJECT,
    });
    expect(missing).toEqual({ text: 'I couldn\'t mute Drums: There is no track named "Drums". Tracks: Bass. Tempo set to 100 BPM.', toolCalls: [] });
  });

  it('masters the latest generated song of the conversation', () => {
    const ask: ChatMessage[] = [{ role: 'user', content: 'make a lo-fi beat' }];
    const first = offlineRespond({ messages: ask, project: STUDIO_PROJECT });
    const history: ChatMessage[] = [...withResults(ask, first.toolCalls, [{ jobId: JOB, seed: 1 }]), { role: 'assistant', content: 'Generating…' }, { role: 'user', content: 'now master it to -10 LUFS' }];
    expect(offlineRespond({ messages: history, project: STUDIO_PROJECT }).toolCalls).toEqual([{ name: 'master', arguments: { sourceJobId: JOB, targetLufs: -10 } }]);
  });

  it('asks which track when a name matches none, listing the tracks', () => {
    const reply = offlineRespond({ messages: [{ role: 'user', content: 'solo the flute' }], project: STUDIO_PROJECT });
    expect(reply).toEqual({
      text: 'I couldn\'t find a track called "flute". Your tracks are: Drums, Bass, Lead Vox, Keys, Guitar and Hi-Hat. Which one did you mean?',
      toolCalls: [],
    });
  });

  it('answers project questions from the given project without calling tools', () => {
    const ask = (content: string) => offlineRespond({ messages: [{ role: 'user', content }], project: STUDIO_PROJECT });
    expect(ask("what's the tempo?")).toEqual({ text: 'The tempo of Night Drive is 92 BPM.', toolCalls: [] });
    expect(ask('what key is this song in?').text).toBe('Night Drive is in F minor.');
    expect(ask('what tracks do I have?').text).toBe(
      'Night Drive has 6 tracks:\n1. Drums (MIDI)\n2. Bass (MIDI, -4 dB)\n3. Lead Vox (audio, -2 dB)\n4. Keys (MIDI, -6 dB, panned 20% left, muted)\n5. Guitar (audio, -3 dB)\n6. Hi-Hat (MIDI, -8 dB, panned 30% right)',
    );
    expect(ask('is the bass muted?').text).toBe('Bass (track 2, MIDI) is not muted, not soloed, at -4 dB and panned centre.');
  });

  it('offers examples for what it cannot understand, and for an empty conversation', () => {
    const reply = offlineRespond({ messages: [{ role: 'user', content: 'purple monkey dishwasher' }], project: STUDIO_PROJECT });
    expect(reply.toolCalls).toEqual([]);
    expect(reply.text).toMatch(/^I didn't catch that\./);
    expect(reply.text).toContain('make a trap beat at 140 bpm in F minor, 8 bars');
    expect(offlineRespond({ messages: [] }).toolCalls).toEqual([]);
  });
});
