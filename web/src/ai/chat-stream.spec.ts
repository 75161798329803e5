import type { ChatMessage } from '@dawg/contracts';
import { type ChatAction, type ChatStreamState, chatStreamReducer, explainChatError, initialChatState } from './chat-stream';

const run = (actions: ChatAction[], from: ChatStreamState = initialChatState) => actions.reduce(chatStreamReducer, from);
const turnDone = { provider: 'offline', model: 'dawg-offline-1', cancelled: false, fallbacks: [] };

describe('the chat stream reducer', () => {
  it('appends tokens of one model round to one streaming bubble, then closes it on completion', () => {
    const streaming = run([
      { type: 'send', text: 'what key is this song in?' },
      { type: 'accepted', messageId: 'm1' },
      { type: 'token', messageId: 'pending-1', delta: 'It is ' },
      { type: 'token', messageId: 'pending-1', delta: 'in F ' },
      { type: 'token', messageId: 'pending-1', delta: 'minor.' },
    ]);
    expect(streaming.phase).toBe('streaming');
    expect(streaming.items).toEqual([
      { kind: 'user', id: 't1-user', text: 'what key is this song in?' },
      { kind: 'assistant', id: 't1-pending-1', text: 'It is in F minor.', streaming: true },
    ]);
    const done = chatStreamReducer(streaming, { type: 'complete', turn: turnDone });
    expect(done.phase).toBe('idle');
    expect(done.items[1]).toEqual({ kind: 'assistant', id: 't1-pending-1', text: 'It is in F minor.', streaming: false });
    expect(done.answeredBy).toEqual({ provider: 'offline', model: 'dawg-offline-1' });
  });

  it('shows a tool call as one card updated in place from running to done, with the generation job it queued', () => {
    const call = { callId: 'offline-1-1', name: 'generate_beat', args: { genre: 'trap', bpm: 140 } };
    const state = run([
      { type: 'send', text: 'make a trap beat at 140 bpm in F minor, 8 bars' },
      { type: 'token', messageId: 'pending-1', delta: 'On it.' },
      { type: 'tool', ...call, status: 'running', summary: 'Generating trap beat, 140 BPM' },
      { type: 'tool', ...call, status: 'ok', summary: 'Generating trap beat, 140 BPM in F minor, 8 bars', result: { jobId: 'job-1', status: 'queued', kind: 'beat', seed: 7, chargedMinutes: 0.2 } },
      { type: 'token', messageId: 'pending-2', delta: 'Your beat is on its way.' },
    ]);
    const cards = state.items.filter((i) => i.kind === 'tool');
    expect(cards).toEqual([
      { kind: 'tool', id: 't1-offline-1-1', name: 'generate_beat', status: 'ok', summary: 'Generating trap beat, 140 BPM in F minor, 8 bars', jobId: 'job-1', args: { genre: 'trap', bpm: 140 } },
    ]);
    // The text before the tool is finished; the round after it is a new bubble.
    expect(state.items.map((i) => (i.kind === 'assistant' ? [i.text, i.streaming] : i.kind))).toEqual(['user', ['On it.', false], 'tool', ['Your beat is on its way.', true]]);
  });

  it('keeps a failed tool card readable and the turn going', () => {
    const state = run([
      { type: 'send', text: 'mute the drums' },
      { type: 'tool', callId: 'c1', name: 'update_track', status: 'running', summary: 'Updating drums' },
      { type: 'tool', callId: 'c1', name: 'update_track', status: 'error', summary: 'There is no track named "drums". Tracks: none yet.' },
    ]);
    expect(state.items.at(-1)).toMatchObject({ kind: 'tool', status: 'error', summary: 'There is no track named "drums". Tracks: none yet.' });
    expect(state.phase).toBe('streaming');
  });

  it('goes to cancelling on Stop, ignores nothing still streaming in, and ends with a stopped notice', () => {
    let state = run([
      { type: 'send', text: 'tell me about modes' },
      { type: 'token', messageId: 'pending-1', delta: 'Dorian is' },
      { type: 'cancel' },
    ]);
    expect(state.phase).toBe('cancelling');
    state = chatStreamReducer(state, { type: 'token', messageId: 'pending-1', delta: ' a minor mode' });
    expect(state.phase).toBe('cancelling');
    state = chatStreamReducer(state, { type: 'complete', turn: { ...turnDone, cancelled: true } });
    expect(state.phase).toBe('idle');
    expect(state.items.at(-2)).toMatchObject({ kind: 'assistant', text: 'Dorian is a minor mode', streaming: false });
    expect(state.items.at(-1)).toMatchObject({ kind: 'notice', tone: 'info', text: 'Stopped. Nothing after this point was done.' });
    // Stop when nothing runs changes nothing.
    expect(chatStreamReducer(state, { type: 'cancel' })).toBe(state);
  });

  it('drops events that arrive after the turn ended', () => {
    const ended = run([{ type: 'send', text: 'hi' }, { type: 'complete', turn: turnDone }]);
    expect(chatStreamReducer(ended, { type: 'token', messageId: 'pending-1', delta: 'late' })).toBe(ended);
    expect(chatStreamReducer(ended, { type: 'tool', callId: 'x', name: 'set_tempo', status: 'ok', summary: 'Set the tempo to 92 BPM' })).toBe(ended);
  });

  it('numbers each turn’s items apart, so a second turn’s first round does not join the first turn’s bubble', () => {
    const state = run([
      { type: 'send', text: 'one' },
      { type: 'token', messageId: 'pending-1', delta: 'first' },
      { type: 'complete', turn: turnDone },
      { type: 'send', text: 'two' },
      { type: 'token', messageId: 'pending-1', delta: 'second' },
    ]);
    expect(state.items.filter((i) => i.kind === 'assistant').map((i) => i.kind === 'assistant' && i.text)).toEqual(['first', 'second']);
  });

  it('tells which provider failed and which answered instead', () => {
    const state = run([
      { type: 'send', text: 'add a vocal track' },
      { type: 'fallback', from: 'anthropic', to: 'openai', reason: '529 overloaded' },
      { type: 'complete', turn: { ...turnDone, provider: 'openai', model: 'gpt-4.1-mini', fallbacks: [{ from: 'anthropic', to: 'openai', reason: '529 overloaded' }] } },
    ]);
    expect(state.items.find((i) => i.kind === 'notice')).toMatchObject({ tone: 'warning', text: 'Anthropic could not answer (529 overloaded); OpenAI answered instead.' });
    expect(state.answeredBy).toEqual({ provider: 'openai', model: 'gpt-4.1-mini' });
  });

  it('explains an exhausted budget with the plan’s figures, once, and keeps the prompt for Retry', () => {
    const details = { entitlement: 'aiMessagesPerMonth', plan: 'free', limit: 100, used: 100 };
    let state = run([
      { type: 'send', text: 'set the tempo to 92' },
      { type: 'error', code: 'PAYMENT_REQUIRED', message: 'The free plan allows 100 AI messages', details, requestId: 'req-9' },
    ]);
    expect(state.phase).toBe('idle');
    expect(state.problem).toEqual({
      code: 'PAYMENT_REQUIRED',
      title: 'This month’s AI messages are used up',
      message: 'The assistant did not run. Upgrade the plan on the Billing page, or wait for next month’s allowance.',
      detail: '100 of 100 AI messages used this month on the free plan. Reference: req-9',
    });
    expect(state.lastPrompt).toBe('set the tempo to 92');
    // The same failure reported again (the ack after the event) changes nothing.
    expect(chatStreamReducer(state, { type: 'error', code: 'PAYMENT_REQUIRED', message: 'again' })).toBe(state);
    // Refused before it was stored: the message shows as not sent...
    expect(state.items).toEqual([{ kind: 'user', id: 't1-user', text: 'set the tempo to 92', unsent: true }]);
    // ...and Retry replaces it with a new turn, the problem cleared.
    state = chatStreamReducer(state, { type: 'send', text: state.lastPrompt! });
    expect(state).toMatchObject({ phase: 'sending', problem: null, turn: 2 });
    expect(state.items).toEqual([{ kind: 'user', id: 't2-user', text: 'set the tempo to 92' }]);
  });

  it('explains the other failures in words', () => {
    expect(explainChatError('SERVICE_UNAVAILABLE', 'The billing service is down.').title).toBe('The assistant is unavailable');
    expect(explainChatError('CONFLICT', 'busy').message).toMatch(/still answering/);
    expect(explainChatError('BOOM', 'Something broke', undefined, 'r1')).toEqual({ code: 'BOOM', title: 'The assistant failed', message: 'Something broke', detail: 'Reference: r1' });
  });

  it('rebuilds a stored conversation: tool results as cards (with their job), tool-call-only rounds hidden', () => {
    const at = '2026-11-24T10:00:00Z';
    const messages: ChatMessage[] = [
      { id: 'a', conversationId: 'c', role: 'user', content: 'make a beat', createdAt: at },
      { id: 'b', conversationId: 'c', role: 'assistant', content: '', toolCalls: [{ id: 'x', name: 'generate_beat', arguments: {} }], createdAt: at },
      { id: 'd', conversationId: 'c', role: 'tool', content: JSON.stringify({ jobId: 'j1', status: 'queued' }), toolCallId: 'x', toolName: 'generate_beat', toolStatus: 'ok', summary: 'Generating trap beat, 140 BPM', createdAt: at },
      { id: 'e', conversationId: 'c', role: 'assistant', content: 'On its way.', createdAt: at },
    ];
    const state = chatStreamReducer(initialChatState, { type: 'history', messages });
    expect(state.items).toEqual([
      { kind: 'user', id: 'a', text: 'make a beat' },
      { kind: 'tool', id: 'd', name: 'generate_beat', status: 'ok', summary: 'Generating trap beat, 140 BPM', jobId: 'j1' },
      { kind: 'assistant', id: 'e', text: 'On its way.', streaming: false },
    ]);
  });
});
