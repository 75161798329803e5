import { type FakeSuno, startFakeSuno } from '@dawg/testing';
import { GenerationProviderError } from './provider-error';
import { SUNO_PROMPT_MAX_CHARS, SunoProvider, type SunoSettings, sunoPrompt } from './suno.provider';

// An MP3 frame header, then filler: the provider hands the bytes on untouched.
const MP3 = Uint8Array.from({ length: 32_000 }, (_, i) => (i < 4 ? [0xff, 0xfb, 0x90, 0x64][i]! : (i * 13) % 256));
const REQUEST = { prompt: 'lo-fi hip hop beat, 80 BPM, D Dorian, jazzy Rhodes piano chords', durationSeconds: 24, seed: 7 };
const API_KEY = 'suno-test-key';

let suno: FakeSuno;
beforeEach(async () => {
  suno = await startFakeSuno({ apiKey: API_KEY });
});
afterEach(() => suno.close());

function provider(overrides: Partial<SunoSettings> = {}): SunoProvider {
  return new SunoProvider({ baseUrl: suno.url, apiKey: API_KEY, timeoutMs: 10_000, pollIntervalMs: 5, maxPollIntervalMs: 20, ...overrides });
}

const polls = () => suno.requests.filter((r) => r.path === '/api/get');
const rejection = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected a rejection'); }, (err: unknown) => err);

describe('SunoProvider', () => {
  it('asks for an instrumental without waiting, polls the first clip until complete and returns its whole audio', async () => {
    suno.script({ outcome: 'complete', audio: MP3, durationSeconds: 131.5, streamingPolls: 2 });

    const audio = await provider().generate(REQUEST, new AbortController().signal);

    const generate = suno.requests.find((r) => r.path === '/api/generate');
    expect(generate).toMatchObject({ method: 'POST', headers: { authorization: `Bearer ${API_KEY}` }, body: { prompt: REQUEST.prompt, make_instrumental: true, wait_audio: false } });
    const [first, second] = [...suno.clips.values()];
    expect(audio).toMatchObject({ contentType: 'audio/mpeg', provider: 'suno', model: 'chirp-v3-5', externalId: first!.id, durationSeconds: 131.5 });
    // The whole file, not the partial stream a `streaming` clip points at.
    expect(audio.bytes).toEqual(MP3);
    // queued, streaming, streaming, complete: only the first clip is asked about.
    expect(polls().map((r) => r.query.ids)).toEqual([first!.id, first!.id, first!.id, first!.id]);
    expect(second!.polls).toBe(0);
  });

  it("surfaces an error clip's message", async () => {
    suno.script({ outcome: 'error', errorMessage: 'Unable to generate: prompt flagged by moderation', polls: 2 });
    const err = await rejection(provider().generate(REQUEST, new AbortController().signal));
    expect(err).toBeInstanceOf(GenerationProviderError);
    expect(err).toMatchObject({ provider: 'suno', code: 'FAILED', retryable: false });
    expect((err as Error).message).toMatch(/failed: Unable to generate: prompt flagged by moderation/);
  });

  it('stops polling when the caller aborts, and rejects with the caller’s reason', async () => {
    suno.script({ outcome: 'hang' });
    const abort = new AbortController();
    const generating = rejection(provider().generate(REQUEST, abort.signal));
    await suno.waitFor((r) => r.path === '/api/get');
    const reason = new Error('cancelled by the user');
    abort.abort(reason);

    expect(await generating).toBe(reason);
    const seen = suno.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(suno.requests).toHaveLength(seen);
  });

  it('reports a timeout when the clip never finishes within the provider deadline', async () => {
    suno.script({ outcome: 'hang' });
    const err = await rejection(provider({ timeoutMs: 120 }).generate(REQUEST, new AbortController().signal));
    expect(err).toMatchObject({ code: 'TIMEOUT', retryable: true });
  });

  it('explains a refused key', async () => {
    const err = await rejection(provider({ apiKey: 'wrong' }).generate(REQUEST, new AbortController().signal));
    expect(err).toMatchObject({ code: 'UNAUTHORIZED', status: 401 });
    expect((err as Error).message).toMatch(/refused \(HTTP 401\): Unauthorized/);
  });

  it('rides out a few failed polls, but not a failing generate request', async () => {
    suno.script({ outcome: 'complete', audio: MP3 });
    suno.failRequests(503, 2, (r) => r.path === '/api/get');
    expect((await provider().generate(REQUEST, new AbortController().signal)).bytes).toEqual(MP3);

    suno.failRequests(500, 1, (r) => r.path === '/api/generate');
    const err = await rejection(provider().generate(REQUEST, new AbortController().signal));
    expect(err).toMatchObject({ code: 'UNAVAILABLE', status: 500, retryable: true });
  });

  it(`cuts a long prompt to ${SUNO_PROMPT_MAX_CHARS} characters at a comma`, () => {
    const long = Array.from({ length: 40 }, (_, i) => `descriptor ${i}`).join(', ');
    const cut = sunoPrompt(long);
    expect(cut.length).toBeLessThanOrEqual(SUNO_PROMPT_MAX_CHARS);
    expect(long.startsWith(cut)).toBe(true);
    expect(cut).toMatch(/descriptor \d+$/);
    expect(sunoPrompt('  short   prompt ')).toBe('short prompt');
  });
});
