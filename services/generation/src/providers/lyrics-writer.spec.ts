import type { LyricSectionKind } from '@dawg/music';
import { type FakeOpenAI, startFakeOpenAI } from '@dawg/testing';
import { LYRICS_JSON_SCHEMA, type LyricsWriteParams, OpenAiLyricsWriter, type OpenAiLyricsSettings } from './lyrics-writer';
import { GenerationProviderError } from './provider-error';

const PARAMS: LyricsWriteParams = { mood: 'hopeful', genre: 'edm-pop', topic: 'city lights', linesPerSection: 4, seed: 1234 };
const HOOK = 'midnight fire';
const CHORUS = ['Midnight fire, we are burning bright', 'City lights are calling through the night', 'Hold me close and never let me go', 'Midnight fire, the only way I know'];

/** A reply that fits the brief: the chorus is the same each time and opens with the hook. */
function reply(structure: readonly LyricSectionKind[], linesPerSection = 4) {
  return {
    hook: HOOK,
    sections: structure.map((kind, i) => {
      const count = kind === 'intro' || kind === 'outro' ? 2 : linesPerSection;
      const rhymeScheme = 'AABBCCDD'.slice(0, count);
      if (kind === 'chorus') return { kind, rhymeScheme, lines: Array.from({ length: count }, (_, n) => CHORUS[n % CHORUS.length]!) };
      return { kind, rhymeScheme, lines: Array.from({ length: count }, (_, n) => `${kind} ${i} line ${n + 1}`) };
    }),
  };
}
const DEFAULT_STRUCTURE: LyricSectionKind[] = ['verse', 'chorus', 'verse', 'chorus', 'bridge', 'chorus'];

let openai: FakeOpenAI;
beforeEach(async () => {
  openai = await startFakeOpenAI();
});
afterEach(() => openai.close());

function writer(overrides: Partial<OpenAiLyricsSettings> = {}): OpenAiLyricsWriter {
  return new OpenAiLyricsWriter({ apiKey: openai.apiKey, baseUrl: openai.url, model: 'gpt-4.1-mini', timeoutMs: 10_000, ...overrides });
}
const rejection = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected a rejection'); }, (err: unknown) => err);
const write = (params: LyricsWriteParams = PARAMS) => writer().write(params, new AbortController().signal);

describe('OpenAiLyricsWriter', () => {
  it('asks the configured model for lyrics with the seed and a strict JSON schema, and returns them as the offline generator shapes them', async () => {
    openai.reply({ json: reply(DEFAULT_STRUCTURE) });

    const lyrics = await write();

    const [request] = openai.requests;
    expect(request).toMatchObject({ path: '/v1/chat/completions', headers: { authorization: `Bearer ${openai.apiKey}` } });
    expect(request!.body).toMatchObject({
      model: 'gpt-4.1-mini',
      seed: 1234,
      response_format: { type: 'json_schema', json_schema: { name: 'lyrics', strict: true, schema: LYRICS_JSON_SCHEMA } },
    });
    const [system, user] = request!.body.messages as Array<{ role: string; content: string }>;
    expect(system!.role).toBe('system');
    expect(user!.content).toContain('Genre: EDM / pop');
    expect(user!.content).toContain('Mood: hopeful');
    expect(user!.content).toContain('Topic: city lights');
    expect(user!.content).toContain('1. verse: 4 lines\n2. chorus: 4 lines');

    expect(lyrics.title).toBe('Midnight Fire');
    expect(lyrics.hook).toBe(HOOK);
    expect(lyrics.sections.map((s) => s.name)).toEqual(['Verse 1', 'Chorus', 'Verse 2', 'Chorus', 'Bridge', 'Chorus']);
    expect(lyrics.sections.every((s) => s.lines.length === 4 && s.rhymeScheme === 'AABB')).toBe(true);
    expect(lyrics.sections[1]!.lines).toEqual(CHORUS);
    expect(lyrics.text).toBe(`Midnight Fire\n${lyrics.sections.map((s) => `\n[${s.name}]\n${s.lines.join('\n')}`).join('\n')}\n`);
  });

  it('follows a requested structure, with two-line intros and outros', async () => {
    const structure: LyricSectionKind[] = ['intro', 'verse', 'pre-chorus', 'chorus', 'outro'];
    openai.reply({ json: reply(structure, 6) });
    const lyrics = await write({ ...PARAMS, structure, linesPerSection: 6 });
    expect(lyrics.sections.map((s) => [s.name, s.lines.length])).toEqual([['Intro', 2], ['Verse 1', 6], ['Pre-Chorus', 6], ['Chorus', 6], ['Outro', 2]]);
    expect(openai.requests[0]!.body.messages).toEqual(expect.arrayContaining([expect.objectContaining({ content: expect.stringContaining('1. intro: 2 lines\n2. verse: 6 lines') })]));
  });

  it.each([
    ['a section with the wrong number of lines', () => ({ json: { ...reply(DEFAULT_STRUCTURE), sections: reply(DEFAULT_STRUCTURE).sections.map((s, i) => (i === 2 ? { ...s, lines: s.lines.slice(0, 3) } : s)) } }), /section 3 \(verse\) has 3 lines; expected 4/],
    ['a missing section', () => ({ json: reply(DEFAULT_STRUCTURE.slice(0, 5)) }), /expected sections verse, chorus, verse, chorus, bridge, chorus; got verse, chorus, verse, chorus, bridge/],
    ['a reply that is not JSON', () => ({ content: 'Sure! Here are your lyrics: ...' }), /not JSON/],
    ['an empty line', () => ({ json: { ...reply(DEFAULT_STRUCTURE), sections: reply(DEFAULT_STRUCTURE).sections.map((s, i) => (i === 0 ? { ...s, lines: ['a', ' ', 'c', 'd'] } : s)) } }), /section 1 \(verse\) has an empty line/],
    ['a chorus that does not open with the hook', () => ({ json: { ...reply(DEFAULT_STRUCTURE), hook: 'paper moon' } }), /does not open with the hook "paper moon"/],
    ['a refusal', () => ({ refusal: "I'm sorry, I can't help with that." }), /the model refused/],
    ['a reply cut off at the token limit', () => ({ content: '{"hook": "midn', finishReason: 'length' as const }), /cut off/],
  ])('refuses %s', async (_, make, message) => {
    openai.reply(make());
    const err = await rejection(write());
    expect(err).toBeInstanceOf(GenerationProviderError);
    expect(err).toMatchObject({ provider: 'openai', code: 'INVALID_OUTPUT', retryable: false });
    expect((err as Error).message).toMatch(message);
  });

  it('lets the SDK retry a 503 and succeeds with the next reply', async () => {
    openai.reply({ error: { status: 503, retryAfterMs: 0 } }, { json: reply(DEFAULT_STRUCTURE) });
    const lyrics = await write();
    expect(lyrics.title).toBe('Midnight Fire');
    expect(openai.requests).toHaveLength(2);
  });

  it('gives up on a rate limit after the SDK’s retries, as retryable', async () => {
    const limited = { error: { status: 429, retryAfterMs: 0 } };
    openai.reply(limited, limited, limited, limited);
    const err = await rejection(write());
    expect(err).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryable: true });
    expect(openai.requests).toHaveLength(4);
  });

  it('explains a refused key without retrying', async () => {
    const err = await rejection(writer({ apiKey: 'sk-wrong' }).write(PARAMS, new AbortController().signal));
    expect(err).toMatchObject({ code: 'UNAUTHORIZED', status: 401, retryable: false });
    expect((err as Error).message).toMatch(/Incorrect API key provided/);
    expect(openai.requests).toHaveLength(1);
  });

  it('treats an exhausted quota as final, not as a rate limit', async () => {
    openai.reply({ error: { status: 429, code: 'insufficient_quota', message: 'You exceeded your current quota.', retryAfterMs: 0 } });
    const err = await rejection(writer({ maxRetries: 0 }).write(PARAMS, new AbortController().signal));
    expect(err).toMatchObject({ code: 'REJECTED', retryable: false });
  });

  it('rejects with the caller’s reason when aborted mid-request', async () => {
    openai.reply({ json: reply(DEFAULT_STRUCTURE), delayMs: 5_000 });
    const abort = new AbortController();
    const writing = rejection(writer().write(PARAMS, abort.signal));
    await openai.waitFor(() => true);
    const reason = new Error('cancelled by the user');
    abort.abort(reason);
    expect(await writing).toBe(reason);
  });

  it('reports a timeout when the provider deadline passes', async () => {
    openai.reply({ json: reply(DEFAULT_STRUCTURE), delayMs: 5_000 });
    const err = await rejection(writer({ timeoutMs: 100, maxRetries: 0 }).write(PARAMS, new AbortController().signal));
    expect(err).toMatchObject({ code: 'TIMEOUT', retryable: true });
  });
});
