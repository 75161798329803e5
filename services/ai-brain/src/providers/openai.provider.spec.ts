import { type FakeOpenAI, startFakeOpenAI } from '@dawg/testing';
import { OpenAIProvider } from './openai.provider';
import { costOf } from './pricing';
import { type ChatEvent, type ChatRequest, ProviderError, type ToolDefinition } from './provider';

const SET_TEMPO: ToolDefinition = {
  name: 'set_tempo',
  description: 'Set the project tempo in BPM.',
  parameters: { type: 'object', properties: { bpm: { type: 'number' } }, required: ['bpm'] },
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

let fake: FakeOpenAI;
beforeEach(async () => {
  fake = await startFakeOpenAI();
});
afterEach(() => fake.close());

const provider = (overrides: Partial<ConstructorParameters<typeof OpenAIProvider>[0]> = {}) =>
  new OpenAIProvider({ apiKey: fake.apiKey, baseUrl: fake.url, model: 'gpt-6.1-terra', idleTimeoutMs: 5_000, ...overrides });

describe('OpenAIProvider', () => {
  it('streams content deltas and takes the usage from the final usage chunk', async () => {
    fake.reply({ content: 'Tempo set to 128.', chunks: ['Tempo ', 'set to ', '128.'], usage: { promptTokens: 321, completionTokens: 7 } });

    const events = await collect(provider().stream(request()));

    expect(events).toEqual([
      { type: 'text', delta: 'Tempo ' },
      { type: 'text', delta: 'set to ' },
      { type: 'text', delta: '128.' },
      { type: 'done', model: 'gpt-6.1-terra', usage: { inputTokens: 321, outputTokens: 7 }, stopReason: 'end' },
    ]);
  });

  it('sends the system prompt first, the tools as function tools, and asks for the usage chunk', async () => {
    fake.reply({ content: 'ok' });
    await collect(provider().stream(request({ maxOutputTokens: 2_000 })));

    const [sent] = fake.requests;
    expect(sent!.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(sent!.body).toEqual({
      model: 'gpt-6.1-terra',
      messages: [
        { role: 'system', content: 'You operate a DAW.' },
        { role: 'user', content: 'Set the tempo to 128' },
      ],
      tools: [{ type: 'function', function: { name: 'set_tempo', description: 'Set the project tempo in BPM.', parameters: SET_TEMPO.parameters } }],
      max_completion_tokens: 2_000,
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('assembles each tool call from its streamed argument fragments', async () => {
    fake.reply({
      content: 'Setting both.',
      toolCalls: [
        { id: 'call_one', name: 'set_tempo', arguments: { bpm: 128 } },
        { id: 'call_two', name: 'mute_track', arguments: { track: 'Drums', muted: true } },
      ],
      usage: { promptTokens: 400, completionTokens: 30 },
    });

    const events = await collect(provider().stream(request()));

    expect(events.filter((e) => e.type !== 'text')).toEqual([
      { type: 'tool_call', call: { id: 'call_one', name: 'set_tempo', arguments: { bpm: 128 } } },
      { type: 'tool_call', call: { id: 'call_two', name: 'mute_track', arguments: { track: 'Drums', muted: true } } },
      { type: 'done', model: 'gpt-6.1-terra', usage: { inputTokens: 400, outputTokens: 30 }, stopReason: 'tool_calls' },
    ]);
  });

  it('sends a tool-calling turn back as assistant tool_calls and its results as role: tool messages', async () => {
    fake.reply({ content: 'Done.' });
    await collect(
      provider().stream(
        request({
          messages: [
            { role: 'user', content: 'Set the tempo to 128' },
            { role: 'assistant', content: '', toolCalls: [{ id: 'call_one', name: 'set_tempo', arguments: { bpm: 128 } }] },
            { role: 'tool', toolCallId: 'call_one', name: 'set_tempo', content: '{"ok":true}' },
          ],
        }),
      ),
    );

    expect(fake.requests[0]!.body.messages).toEqual([
      { role: 'system', content: 'You operate a DAW.' },
      { role: 'user', content: 'Set the tempo to 128' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_one', type: 'function', function: { name: 'set_tempo', arguments: '{"bpm":128}' } }] },
      { role: 'tool', tool_call_id: 'call_one', content: '{"ok":true}' },
    ]);
  });

  it('streams a refusal as the text the user sees', async () => {
    fake.reply({ refusal: 'I can’t help with that.' });
    const events = await collect(provider().stream(request()));
    expect(events.filter((e) => e.type === 'text')).toEqual([{ type: 'text', delta: 'I can’t help with that.' }]);
  });

  it('maps a reply cut off at the token limit to max_tokens', async () => {
    fake.reply({ content: 'Once upon', finishReason: 'length' });
    const events = await collect(provider().stream(request()));
    expect(events.at(-1)).toMatchObject({ type: 'done', stopReason: 'max_tokens' });
  });

  it.each([
    [429, 'rate_limited', true],
    [500, 'server_error', true],
    [503, 'overloaded', true],
    [400, 'bad_request', false],
    [401, 'auth', false],
  ] as const)('maps HTTP %i to a ProviderError %s (retryable: %s), without retrying', async (status, code, retryable) => {
    fake.reply({ error: { status } });
    const err = await rejection(collect(provider().stream(request())));
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ provider: 'openai', code, retryable, status });
    expect(fake.requests).toHaveLength(1);
  });

  it('stops the stream when the caller aborts, ending with done: cancelled', async () => {
    fake.reply({ content: 'one two three four five six seven eight', chunkDelayMs: 40 });
    const controller = new AbortController();
    const events: ChatEvent[] = [];
    for await (const event of provider().stream(request({ signal: controller.signal }))) {
      events.push(event);
      if (event.type === 'text') controller.abort();
    }
    expect(events).toEqual([
      { type: 'text', delta: 'one ' },
      { type: 'done', model: 'gpt-6.1-terra', usage: { inputTokens: 0, outputTokens: 0 }, stopReason: 'cancelled' },
    ]);
  });

  it('gives up on a silent API after the idle timeout, as a retryable timeout', async () => {
    fake.reply({ content: 'late', delayMs: 1_000 });
    const err = await rejection(collect(provider({ idleTimeoutMs: 150 }).stream(request())));
    expect(err).toMatchObject({ code: 'timeout', retryable: true });
  });

  it('reports usage that prices at input × input price + output × output price', async () => {
    fake.reply({ content: 'ok', usage: { promptTokens: 1_234, completionTokens: 567 } });
    const done = (await collect(provider().stream(request()))).at(-1) as Extract<ChatEvent, { type: 'done' }>;
    // gpt-6.1-terra: $1 in, $5 out per million tokens.
    expect(costOf(done.model, done.usage)).toBe((1_234 * 1 + 567 * 5) / 1e6);
  });
});
