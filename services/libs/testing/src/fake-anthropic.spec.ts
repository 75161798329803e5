import Anthropic from '@anthropic-ai/sdk';
import { type FakeAnthropic, startFakeAnthropic } from './fake-anthropic';

let fake: FakeAnthropic;
let client: Anthropic;
beforeEach(async () => {
  fake = await startFakeAnthropic();
  client = new Anthropic({ apiKey: fake.apiKey, baseURL: fake.url, maxRetries: 0 });
});
afterEach(() => fake.close());

const tools = [{ name: 'set_tempo', description: 'Set the tempo.', input_schema: { type: 'object' as const, properties: { bpm: { type: 'number' } } } }];
const messages = [{ role: 'user' as const, content: 'Set the tempo to 128' }];

describe('startFakeAnthropic', () => {
  it('answers a message the SDK parses, with the scripted content and usage', async () => {
    fake.reply({ text: 'Hello there.', usage: { inputTokens: 12, outputTokens: 3 } });
    const message = await client.messages.create({ model: 'claude-sonnet-5-5', max_tokens: 100, messages });
    expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: 'Hello there.' })]);
    expect(message).toMatchObject({ role: 'assistant', model: 'claude-sonnet-5-5', stop_reason: 'end_turn', usage: { input_tokens: 12, output_tokens: 3 } });
  });

  it('streams thinking, text and tool input fragments that the SDK’s own stream helper assembles', async () => {
    fake.reply({ thinking: 'Plan.', signature: 'sig-1', text: 'Setting it.', toolCalls: [{ id: 'toolu_1', name: 'set_tempo', input: { bpm: 128 } }], usage: { inputTokens: 50, outputTokens: 20 } });
    const final = await client.messages.stream({ model: 'claude-sonnet-5-5', max_tokens: 100, messages, tools }).finalMessage();
    expect(final.content).toEqual([
      expect.objectContaining({ type: 'thinking', thinking: 'Plan.', signature: 'sig-1' }),
      expect.objectContaining({ type: 'text', text: 'Setting it.' }),
      expect.objectContaining({ type: 'tool_use', id: 'toolu_1', name: 'set_tempo', input: { bpm: 128 } }),
    ]);
    expect(final).toMatchObject({ stop_reason: 'tool_use', usage: { input_tokens: 50, output_tokens: 20 } });
  });

  it('answers 529 with an overloaded_error body, which the SDK surfaces as OverloadedError', async () => {
    fake.reply({ error: { status: 529 } });
    await expect(client.messages.create({ model: 'claude-sonnet-5-5', max_tokens: 100, messages })).rejects.toMatchObject({ status: 529, type: 'overloaded_error' });
  });

  it('refuses a wrong key, and a tool_use left without its tool_result, as the API does', async () => {
    const stranger = new Anthropic({ apiKey: 'sk-ant-wrong', baseURL: fake.url, maxRetries: 0 });
    await expect(stranger.messages.create({ model: 'claude-sonnet-5-5', max_tokens: 100, messages })).rejects.toMatchObject({ status: 401, type: 'authentication_error' });

    const unanswered = client.messages.create({
      model: 'claude-sonnet-5-5',
      max_tokens: 100,
      messages: [...messages, { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'set_tempo', input: {} }] }, { role: 'user', content: 'and?' }],
    });
    await expect(unanswered).rejects.toMatchObject({ status: 400, message: expect.stringContaining('`tool_use` ids were found without `tool_result` blocks') });
    expect(fake.pending()).toBe(0);
  });
});
