import { GoogleGenAI } from '@google/genai';
import { type FakeGemini, startFakeGemini } from './fake-gemini';

let fake: FakeGemini;
let client: GoogleGenAI;
beforeEach(async () => {
  fake = await startFakeGemini();
  // Node's fetch, explicitly: the SDK's default dispatcher is missing from Jest's sandboxed global.
  client = new GoogleGenAI({ vertexai: false, apiKey: fake.apiKey, httpOptions: { baseUrl: fake.url, fetch: (input, init) => fetch(input, init) } });
});
afterEach(() => fake.close());

const tools = [{ functionDeclarations: [{ name: 'set_tempo', parametersJsonSchema: { type: 'object', properties: { bpm: { type: 'number' } } } }] }];

describe('startFakeGemini', () => {
  it('answers generateContent with the scripted text and usage', async () => {
    fake.reply({ text: 'Hello there.', usage: { promptTokens: 12, candidatesTokens: 3 } });
    const response = await client.models.generateContent({ model: 'gemini-3.8-flash', contents: 'Hi' });
    expect(response.text).toBe('Hello there.');
    expect(response.usageMetadata).toMatchObject({ promptTokenCount: 12, candidatesTokenCount: 3, totalTokenCount: 15 });
  });

  it('streams chunks the SDK reads, function calls signed', async () => {
    fake.reply({ text: 'Setting it.', functionCalls: [{ id: 'fc1', name: 'set_tempo', args: { bpm: 128 } }], thoughtSignature: 'c2ln' });
    const parts = [];
    for await (const chunk of await client.models.generateContentStream({ model: 'gemini-3.8-flash', contents: 'Set the tempo', config: { tools } })) parts.push(...(chunk.candidates?.[0]?.content?.parts ?? []));
    expect(parts.map((p) => p.text ?? '').join('')).toBe('Setting it.');
    expect(parts.at(-1)).toEqual({ functionCall: { id: 'fc1', name: 'set_tempo', args: { bpm: 128 } }, thoughtSignature: 'c2ln' });
  });

  it('answers 503 with Google’s error body, which the SDK surfaces with its status', async () => {
    fake.reply({ error: { status: 503 } });
    await expect(client.models.generateContent({ model: 'gemini-3.8-flash', contents: 'Hi' })).rejects.toMatchObject({ status: 503, message: expect.stringContaining('UNAVAILABLE') });
  });

  it('refuses, as Gemini 3 does, a current-turn function call sent back without its thought signature, or with responses that do not match', async () => {
    const call = { role: 'model', parts: [{ functionCall: { id: 'fc1', name: 'set_tempo', args: { bpm: 128 } } }] };
    const response = { role: 'user', parts: [{ functionResponse: { id: 'fc1', name: 'set_tempo', response: { ok: true } } }] };
    const unsigned = client.models.generateContent({ model: 'gemini-3.8-flash', contents: [{ role: 'user', parts: [{ text: 'Set the tempo' }] }, call, response], config: { tools } });
    await expect(unsigned).rejects.toMatchObject({ status: 400, message: expect.stringContaining('missing a thought_signature') });

    const signed = { role: 'model', parts: [{ ...call.parts[0], thoughtSignature: 'skip_thought_signature_validator' }] };
    const twice = { role: 'user', parts: [...response.parts, ...response.parts] };
    const mismatched = client.models.generateContent({ model: 'gemini-3.8-flash', contents: [{ role: 'user', parts: [{ text: 'Set the tempo' }] }, signed, twice] });
    await expect(mismatched).rejects.toMatchObject({ status: 400, message: expect.stringContaining('number of function response parts is equal to the number of function call parts') });

    fake.reply({ text: 'Done.' });
    const accepted = await client.models.generateContent({ model: 'gemini-3.8-flash', contents: [{ role: 'user', parts: [{ text: 'Set the tempo' }] }, signed, response], config: { tools } });
    expect(accepted.text).toBe('Done.');
  });

  it('refuses a wrong key with Google’s 400 API_KEY_INVALID', async () => {
    const stranger = new GoogleGenAI({ vertexai: false, apiKey: 'AIza-wrong', httpOptions: { baseUrl: fake.url, fetch: (input, init) => fetch(input, init) } });
    await expect(stranger.models.generateContent({ model: 'gemini-3.8-flash', contents: 'Hi' })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('API_KEY_INVALID') });
  });
});
