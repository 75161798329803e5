import { type FakeAnthropic, startFakeAnthropic } from '@dawg/testing';
import { AnthropicProvider } from './anthropic.provider';
import { costOf } from './pricing';
import { type ChatEvent, type ChatRequest, ProviderError, type ToolDefinition } from './provider';
import { TurnReplayCache } from './turn-replay-cache';

const SET_TEMPO: ToolDefinition = {
  name: 'set_tempo',
  description: 'Set the project tempo in BPM.',
  parameters: { type: 'object', properties: { bpm: { type: 'number', minimum: 20, maximum: 300 } }, required: ['bpm'], additionalProperties: false },
};
const request = (overrides: Partial<ChatRequest> = {}): ChatRequest => ({
  system: 'You operate a DAW.',
  messages: [{ role: 'user', content: 'Set the tempo to 128' }],
  tools: [SET_TEMPO],
  ...overrides,
});

async function collect(events: AsyncIterable<ChatEvent>): Promise<ChatEvent[]> {
  const out: ChatEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err,
  );
const textOf = (events: ChatEvent[]) => events.flatMap((e) => (e.type === 'text' ? [e.delta] : [])).join('');

let fake: FakeAnthropic;
beforeEach(async () => {
  fake = await startFakeAnthropic();
});
afterEach(() => fake.close());

const provider = (overrides: Partial<ConstructorParameters<typeof AnthropicProvider>[0]> = {}) =>
  new AnthropicProvider({ apiKey: fake.apiKey, baseUrl: fake.url, model: 'claude-sonnet-5-5', idleTimeoutMs: 5_000, ...overrides });

describe('AnthropicProvider', () => {
  it('streams text as it arrives and ends with the usage and model the API reported', async () => {
    fake.reply({ text: 'Tempo set to one twenty-eight.', chunks: ['Tempo set ', 'to one ', 'twenty-eight.'], usage: { inputTokens: 412, outputTokens: 9 } });

    const events = await collect(provider().stream(request()));

    expect(events).toEqual([
      { type: 'text', delta: 'Tempo set ' },
      { type: 'text', delta: 'to one ' },
      { type: 'text', delta: 'twenty-eight.' },
      { type: 'done', model: 'claude-sonnet-5-5', usage: { inputTokens: 412, outputTokens: 9 }, stopReason: 'end' },
    ]);
  });

  it('sends the system prompt, the tools with their JSON Schema as input_schema, and the key, streaming', async () => {
    fake.reply({ text: 'ok' });
    await collect(provider().stream(request({ maxOutputTokens: 1024 })));

    const [sent] = fake.requests;
    expect(sent!.path).toBe('/v1/messages');
    // This SDK sends the key as a bearer token; the API takes it there or as x-api-key.
    expect([sent!.headers['x-api-key'], sent!.headers.authorization]).toContainEqual(expect.stringContaining(fake.apiKey));
    expect(sent!.headers['anthropic-version']).toBeTruthy();
    expect(sent!.body).toEqual({
      model: 'claude-sonnet-5-5',
      max_tokens: 1024,
      system: 'You operate a DAW.',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Set the tempo to 128' }] }],
      tools: [{ name: 'set_tempo', description: 'Set the project tempo in BPM.', input_schema: SET_TEMPO.parameters }],
      stream: true,
    });
  });

  it('hands on a tool call once its input, streamed in fragments, is complete', async () => {
    fake.reply({
      text: 'Setting the tempo.',
      toolCalls: [{ id: 'toolu_01', name: 'set_tempo', input: { bpm: 128 }, fragments: ['{"b', 'pm"', ': 12', '8}'] }],
      usage: { inputTokens: 500, outputTokens: 40 },
    });

    const events = await collect(provider().stream(request()));

    expect(textOf(events)).toBe('Setting the tempo.');
    expect(events.filter((e) => e.type !== 'text')).toEqual([
      { type: 'tool_call', call: { id: 'toolu_01', name: 'set_tempo', arguments: { bpm: 128 } } },
      { type: 'done', model: 'claude-sonnet-5-5', usage: { inputTokens: 500, outputTokens: 40 }, stopReason: 'tool_calls' },
    ]);
  });

  it('sends tool results back as tool_result blocks, replaying the turn that called them with its thinking unchanged', async () => {
    const claude = provider();
    fake.reply({ thinking: 'The user wants 128 BPM.', signature: 'sig-abc', text: 'On it.', toolCalls: [{ id: 'toolu_01', name: 'set_tempo', input: { bpm: 128 } }] });
    const first = await collect(claude.stream(request()));
    const call = first.find((e) => e.type === 'tool_call')!.call;
    // Thinking is the model's own: it never reaches the user.
    expect(textOf(first)).toBe('On it.');

    fake.reply({ text: 'Done: the project runs at 128 BPM.' });
    const second = await collect(
      claude.stream(
        request({
          messages: [
            { role: 'user', content: 'Set the tempo to 128' },
            { role: 'assistant', content: 'On it.', toolCalls: [call] },
            { role: 'tool', toolCallId: call.id, name: 'set_tempo', content: '{"ok":true,"bpm":128}' },
          ],
        }),
      ),
    );

    expect(textOf(second)).toBe('Done: the project runs at 128 BPM.');
    expect(fake.requests[1]!.body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Set the tempo to 128' }] },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'The user wants 128 BPM.', signature: 'sig-abc' },
          { type: 'text', text: 'On it.' },
          { type: 'tool_use', id: 'toolu_01', name: 'set_tempo', input: { bpm: 128 } },
        ],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01', content: '{"ok":true,"bpm":128}' }] },
    ]);
  });

  it('rebuilds a tool-calling turn it did not see (another replica, another vendor) from text and tool calls, results first in the next user message', async () => {
    fake.reply({ text: 'Both set.' });
    await collect(
      provider({ replay: new TurnReplayCache() }).stream(
        request({
          messages: [
            { role: 'user', content: 'Tempo 90 and mute the drums' },
            { role: 'assistant', content: '', toolCalls: [{ id: 'call_a', name: 'set_tempo', arguments: { bpm: 90 } }, { id: 'call_b', name: 'mute_track', arguments: { track: 'Drums' } }] },
            { role: 'tool', toolCallId: 'call_a', name: 'set_tempo', content: 'ok' },
            { role: 'tool', toolCallId: 'call_b', name: 'mute_track', content: 'ok' },
            { role: 'user', content: 'Thanks' },
          ],
        }),
      ),
    );

    expect(fake.requests[0]!.body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Tempo 90 and mute the drums' }] },
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 'call_a', name: 'set_tempo', input: { bpm: 90 } },
          { type: 'tool_use', id: 'call_b', name: 'mute_track', input: { track: 'Drums' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'call_a', content: 'ok' },
          { type: 'tool_result', tool_use_id: 'call_b', content: 'ok' },
          { type: 'text', text: 'Thanks' },
        ],
      },
    ]);
  });

  it.each([
    [529, 'overloaded', true],
    [500, 'server_error', true],
    [503, 'overloaded', true],
    [429, 'rate_limited', true],
    [400, 'bad_request', false],
    [404, 'not_found', false],
  ] as const)('maps HTTP %i to a ProviderError %s (retryable: %s), without retrying', async (status, code, retryable) => {
    fake.reply({ error: { status } });
    const err = await rejection(collect(provider().stream(request())));
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ provider: 'anthropic', code, retryable, status });
    expect(fake.requests).toHaveLength(1);
  });

  it('reads the 529 body: type overloaded_error and its message', async () => {
    fake.reply({ error: { status: 529, message: 'Overloaded' } });
    const err = (await rejection(collect(provider().stream(request())))) as ProviderError;
    expect(err.message).toBe('anthropic: HTTP 529 overloaded_error: Overloaded');
  });

  it('maps an overloaded_error event inside a started stream to a retryable error', async () => {
    fake.reply({ text: 'never shown', streamError: { type: 'overloaded_error', message: 'Overloaded', afterEvents: 1 } });
    const err = await rejection(collect(provider().stream(request())));
    expect(err).toMatchObject({ provider: 'anthropic', code: 'overloaded', retryable: true, status: undefined });
  });

  it('refuses a wrong key as auth, not retryable', async () => {
    const err = await rejection(collect(provider({ apiKey: 'sk-ant-wrong' }).stream(request())));
    expect(err).toMatchObject({ code: 'auth', retryable: false, status: 401 });
  });

  it('stops the stream when the caller aborts, ending with done: cancelled and the usage so far', async () => {
    fake.reply({ text: 'one two three four five six seven eight', chunkDelayMs: 40, usage: { inputTokens: 100, outputTokens: 8 } });
    const controller = new AbortController();
    const events: ChatEvent[] = [];
    for await (const event of provider().stream(request({ signal: controller.signal }))) {
      events.push(event);
      if (event.type === 'text') controller.abort();
    }
    expect(events).toEqual([
      { type: 'text', delta: 'one ' },
      { type: 'done', model: 'claude-sonnet-5-5', usage: { inputTokens: 100, outputTokens: 1 }, stopReason: 'cancelled' },
    ]);
  });

  it('answers an already cancelled request with done: cancelled, without calling the API', async () => {
    const controller = new AbortController();
    controller.abort();
    const events = await collect(provider().stream(request({ signal: controller.signal })));
    expect(events).toEqual([{ type: 'done', model: 'claude-sonnet-5-5', usage: { inputTokens: 0, outputTokens: 0 }, stopReason: 'cancelled' }]);
    expect(fake.requests).toHaveLength(0);
  });

  it('gives up on a silent API after the idle timeout, as a retryable timeout', async () => {
    fake.reply({ text: 'late', delayMs: 1_000 });
    const err = await rejection(collect(provider({ idleTimeoutMs: 150 }).stream(request())));
    expect(err).toMatchObject({ code: 'timeout', retryable: true });
  });

  it('reports usage that prices at input × input price + output × output price', async () => {
    fake.reply({ text: 'ok', usage: { inputTokens: 12_345, outputTokens: 678 } });
    const done = (await collect(provider().stream(request()))).at(-1) as Extract<ChatEvent, { type: 'done' }>;
    // claude-sonnet-5-5: $2 in, $10 out per million tokens.
    expect(costOf(done.model, done.usage)).toBe((12_345 * 2 + 678 * 10) / 1e6);
    expect(costOf(done.model, done.usage)).toBe(0.03147);
  });
});
