import OpenAI from 'openai';
import { type FakeOpenAI, startFakeOpenAI } from './fake-openai';

let fake: FakeOpenAI;
let client: OpenAI;
beforeEach(async () => {
  fake = await startFakeOpenAI();
  client = new OpenAI({ apiKey: fake.apiKey, baseURL: fake.url, maxRetries: 0 });
});
afterEach(() => fake.close());

const tools = [{ type: 'function' as const, function: { name: 'set_tempo', parameters: { type: 'object', properties: { bpm: { type: 'number' } }, required: ['bpm'] } } }];
const messages = [{ role: 'user' as const, content: 'Set the tempo to 128' }];

describe('startFakeOpenAI', () => {
  it('answers a chat completion the SDK parses, with the scripted content and usage', async () => {
    fake.reply({ content: 'Hello there.', usage: { promptTokens: 12, completionTokens: 3 } });
    const completion = await client.chat.completions.create({ model: 'gpt-4.1-mini', messages });
    expect(completion.choices[0]!.message.content).toBe('Hello there.');
    expect(completion.choices[0]!.finish_reason).toBe('stop');
    expect(completion.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 });
    expect(fake.requests[0]!.body).toMatchObject({ model: 'gpt-4.1-mini', messages });
  });

  it('answers tool calls, which the SDK hands back with their JSON arguments', async () => {
    fake.reply({ toolCalls: [{ name: 'set_tempo', arguments: { bpm: 128 } }] });
    const completion = await client.chat.completions.create({ model: 'gpt-4.1-mini', messages, tools });
    const [call] = completion.choices[0]!.message.tool_calls!;
    expect(completion.choices[0]!.finish_reason).toBe('tool_calls');
    expect(call).toMatchObject({ type: 'function', function: { name: 'set_tempo', arguments: '{"bpm":128}' } });
    expect(call!.id).toMatch(/^call_/);
  });

  it('streams content as server-sent chunks ending in [DONE], with a usage chunk when asked', async () => {
    fake.reply({ content: 'One two three', chunks: ['One ', 'two ', 'three'] });
    const stream = await client.chat.completions.create({ model: 'gpt-4.1-mini', messages, stream: true, stream_options: { include_usage: true } });
    const deltas: string[] = [];
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      deltas.push(chunk.choices[0]?.delta.content ?? '');
      usage = chunk.usage ?? usage;
    }
    expect(deltas.join('')).toBe('One two three');
    expect(deltas).toContain('two ');
    expect(usage?.total_tokens).toBeGreaterThan(0);
  });

  it('streams tool calls that the SDK’s stream helper assembles', async () => {
    fake.reply({ content: 'Setting it.', toolCalls: [{ name: 'set_tempo', arguments: { bpm: 128 } }, { name: 'set_tempo', arguments: '{"bpm":90}', id: 'call_two' }] });
    const final = await client.chat.completions.stream({ model: 'gpt-4.1-mini', messages, tools }).finalChatCompletion();
    const message = final.choices[0]!.message;
    expect(message.content).toBe('Setting it.');
    expect(message.tool_calls?.map((c) => (c.type === 'function' ? [c.function.name, JSON.parse(c.function.arguments)] : []))).toEqual([
      ['set_tempo', { bpm: 128 }],
      ['set_tempo', { bpm: 90 }],
    ]);
    expect(message.tool_calls?.[1]?.id).toBe('call_two');
    expect(final.choices[0]!.finish_reason).toBe('tool_calls');
  });

  it('answers scripted errors with OpenAI’s error body, which the SDK surfaces', async () => {
    fake.reply({ error: { status: 429 } });
    await expect(client.chat.completions.create({ model: 'gpt-4.1-mini', messages })).rejects.toMatchObject({ status: 429, code: 'rate_limit_exceeded', type: 'requests' });
  });

  it('refuses a wrong key, and a strict schema the API would refuse', async () => {
    const stranger = new OpenAI({ apiKey: 'sk-wrong', baseURL: fake.url, maxRetries: 0 });
    await expect(stranger.chat.completions.create({ model: 'gpt-4.1-mini', messages })).rejects.toMatchObject({ status: 401, code: 'invalid_api_key' });

    const schema = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] };
    const refused = client.chat.completions.create({ model: 'gpt-4.1-mini', messages, response_format: { type: 'json_schema', json_schema: { name: 'x', strict: true, schema } } });
    await expect(refused).rejects.toMatchObject({ status: 400, message: expect.stringContaining("'additionalProperties' is required") });
    expect(fake.pending()).toBe(0);
  });

  it('makes a reply from the request when given a function', async () => {
    fake.reply((req) => ({ content: `You said: ${(req.body.messages as Array<{ content: string }>)[0]!.content}` }));
    const completion = await client.chat.completions.create({ model: 'gpt-4.1-mini', messages });
    expect(completion.choices[0]!.message.content).toBe('You said: Set the tempo to 128');
  });
});
