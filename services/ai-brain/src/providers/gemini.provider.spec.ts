import { type FakeGemini, startFakeGemini } from '@dawg/testing';
import { GeminiProvider, PLACEHOLDER_THOUGHT_SIGNATURE } from './gemini.provider';
import { costOf } from './pricing';
import { type ChatEvent, type ChatMessage, type ChatRequest, ProviderError, type ToolDefinition } from './provider';

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
const textOf = (events: ChatEvent[]) => events.flatMap((e) => (e.type === 'text' ? [e.delta] : [])).join('');

let fake: FakeGemini;
beforeEach(async () => {
  fake = await startFakeGemini();
});
afterEach(() => fake.close());

const provider = (overrides: Partial<ConstructorParameters<typeof GeminiProvider>[0]> = {}) =>
  new GeminiProvider({ apiKey: fake.apiKey, baseUrl: fake.url, model: 'gemini-3.8-flash', idleTimeoutMs: 5_000, ...overrides });

describe('GeminiProvider', () => {
  it('streams text chunks and counts thinking tokens as output', async () => {
    fake.reply({ text: 'Tempo set to 128.', chunks: ['Tempo ', 'set to ', '128.'], usage: { promptTokens: 250, candidatesTokens: 6, thoughtsTokens: 40 } });

    const events = await collect(provider().stream(request()));

    expect(events).toEqual([
      { type: 'text', delta: 'Tempo ' },
      { type: 'text', delta: 'set to ' },
      { type: 'text', delta: '128.' },
      { type: 'done', model: 'gemini-3.8-flash', usage: { inputTokens: 250, outputTokens: 46 }, stopReason: 'end' },
    ]);
  });

  it('calls streamGenerateContent with alt=sse, the key header, the system instruction and the tools as function declarations', async () => {
    fake.reply({ text: 'ok' });
    await collect(provider().stream(request({ maxOutputTokens: 1_500 })));

    const [sent] = fake.requests;
    expect(sent).toMatchObject({ method: 'POST', path: '/v1/models/gemini-3.8-flash:streamGenerateContent', query: { alt: 'sse' }, model: 'gemini-3.8-flash' });
    expect(sent!.headers['x-goog-api-key']).toBe(fake.apiKey);
    expect(sent!.body).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'Set the tempo to 128' }] }],
      systemInstruction: { role: 'user', parts: [{ text: 'You operate a DAW.' }] },
      tools: [{ functionDeclarations: [{ name: 'set_tempo', description: 'Set the project tempo in BPM.', parametersJsonSchema: SET_TEMPO.parameters }] }],
      generationConfig: { maxOutputTokens: 1_500 },
    });
  });

  it('hands on function calls with their ids, and ends with tool_calls', async () => {
    fake.reply({
      text: 'Setting both.',
      functionCalls: [
        { id: 'fc1', name: 'set_tempo', args: { bpm: 128 } },
        { id: 'fc2', name: 'mute_track', args: { track: 'Drums' } },
      ],
      usage: { promptTokens: 300, candidatesTokens: 20 },
    });

    const events = await collect(provider().stream(request()));

    expect(textOf(events)).toBe('Setting both.');
    expect(events.filter((e) => e.type !== 'text')).toEqual([
      { type: 'tool_call', call: { id: 'fc1', name: 'set_tempo', arguments: { bpm: 128 } } },
      { type: 'tool_call', call: { id: 'fc2', name: 'mute_track', arguments: { track: 'Drums' } } },
      { type: 'done', model: 'gemini-3.8-flash', usage: { inputTokens: 300, outputTokens: 20 }, stopReason: 'tool_calls' },
    ]);
  });

  it('sends results back as functionResponse parts, replaying the calling turn with its thought signature', async () => {
    const gemini = provider();
    fake.reply({ functionCalls: [{ id: 'fc1', name: 'set_tempo', args: { bpm: 128 } }], thoughtSignature: 'c2lnbmF0dXJlLTE=' });
    const first = await collect(gemini.stream(request()));
    const call = first.find((e) => e.type === 'tool_call')!.call;

    fake.reply({ text: 'The project now runs at 128 BPM.' });
    const history: ChatMessage[] = [
      { role: 'user', content: 'Set the tempo to 128' },
      { role: 'assistant', content: '', toolCalls: [call] },
      { role: 'tool', toolCallId: call.id, name: 'set_tempo', content: '{"ok":true,"bpm":128}' },
    ];
    const second = await collect(gemini.stream(request({ messages: history })));

    expect(textOf(second)).toBe('The project now runs at 128 BPM.');
    expect(fake.requests[1]!.body.contents).toEqual([
      { role: 'user', parts: [{ text: 'Set the tempo to 128' }] },
      { role: 'model', parts: [{ functionCall: { id: 'fc1', name: 'set_tempo', args: { bpm: 128 } }, thoughtSignature: 'c2lnbmF0dXJlLTE=' }] },
      { role: 'user', parts: [{ functionResponse: { id: 'fc1', name: 'set_tempo', response: { ok: true, bpm: 128 } } }] },
    ]);
  });

  it('rebuilds a calling turn it did not see with the documented placeholder signature, and gives id-less calls an id of its own', async () => {
    fake.reply({ functionCalls: [{ id: null, name: 'set_tempo', args: { bpm: 90 } }] });
    const first = await collect(provider().stream(request()));
    const call = first.find((e) => e.type === 'tool_call')!.call;
    expect(call.id).toMatch(/^call_[0-9a-f]{12}$/);

    // A fresh provider (another replica) has no copy of that turn; Gemini 3 still wants a signature on the call.
    fake.reply({ text: 'Done.' });
    const second = await collect(
      provider().stream(
        request({
          messages: [
            { role: 'user', content: 'Set the tempo to 90' },
            { role: 'assistant', content: 'Sure.', toolCalls: [call] },
            { role: 'tool', toolCallId: call.id, name: 'set_tempo', content: 'done' },
          ],
        }),
      ),
    );

    expect(textOf(second)).toBe('Done.');
    expect(fake.requests[1]!.body.contents).toEqual([
      { role: 'user', parts: [{ text: 'Set the tempo to 90' }] },
      { role: 'model', parts: [{ text: 'Sure.' }, { functionCall: { id: call.id, name: 'set_tempo', args: { bpm: 90 } }, thoughtSignature: PLACEHOLDER_THOUGHT_SIGNATURE }] },
      { role: 'user', parts: [{ functionResponse: { id: call.id, name: 'set_tempo', response: { output: 'done' } } }] },
    ]);
  });

  it('turns an empty answer withheld by the model’s safety checks into an error another provider can take over', async () => {
    fake.reply({ finishReason: 'SAFETY' });
    const err = await rejection(collect(provider().stream(request())));
    expect(err).toMatchObject({ provider: 'gemini', code: 'bad_request', retryable: false, message: 'gemini: no answer (finishReason SAFETY)' });
  });

  it.each([
    [503, 'overloaded', true],
    [429, 'rate_limited', true],
    [500, 'server_error', true],
    [400, 'bad_request', false],
    [404, 'not_found', false],
  ] as const)('maps HTTP %i to a ProviderError %s (retryable: %s), without retrying', async (status, code, retryable) => {
    fake.reply({ error: { status } });
    const err = await rejection(collect(provider().stream(request())));
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ provider: 'gemini', code, retryable, status });
    expect(fake.requests).toHaveLength(1);
  });

  it('reads Google’s error body into the message', async () => {
    fake.reply({ error: { status: 503 } });
    const err = (await rejection(collect(provider().stream(request())))) as ProviderError;
    expect(err.message).toBe('gemini: HTTP 503: UNAVAILABLE: The model is overloaded. Please try again later.');
  });

  it('refuses an invalid key as auth, though Google answers it with a 400', async () => {
    const err = await rejection(collect(provider({ apiKey: 'AIza-wrong' }).stream(request())));
    expect(err).toMatchObject({ code: 'auth', retryable: false, status: 400 });
  });

  it('stops the stream when the caller aborts, ending with done: cancelled', async () => {
    fake.reply({ text: 'one two three four five six seven eight', chunkDelayMs: 40 });
    const controller = new AbortController();
    const events: ChatEvent[] = [];
    for await (const event of provider().stream(request({ signal: controller.signal }))) {
      events.push(event);
      if (event.type === 'text') controller.abort();
    }
    expect(events).toHaveLength(2);
    expect(events[0]).toEqual({ type: 'text', delta: 'one ' });
    expect(events[1]).toMatchObject({ type: 'done', model: 'gemini-3.8-flash', stopReason: 'cancelled' });
  });

  it('gives up on a silent API after the idle timeout, as a retryable timeout', async () => {
    fake.reply({ text: 'late', delayMs: 1_000 });
    const err = await rejection(collect(provider({ idleTimeoutMs: 150 }).stream(request())));
    expect(err).toMatchObject({ code: 'timeout', retryable: true });
  });

  it('reports usage that prices at input × input price + output × output price', async () => {
    fake.reply({ text: 'ok', usage: { promptTokens: 2_000, candidatesTokens: 100, thoughtsTokens: 300 } });
    const done = (await collect(provider().stream(request()))).at(-1) as Extract<ChatEvent, { type: 'done' }>;
    // gemini-3.8-flash: $1.50 in, $7.50 out per million tokens; thinking is billed as output.
    expect(done.usage).toEqual({ inputTokens: 2_000, outputTokens: 400 });
    expect(costOf(done.model, done.usage)).toBe((2_000 * 1.5 + 400 * 7.5) / 1e6);
  });
});
