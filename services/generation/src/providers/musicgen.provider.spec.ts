import { DEFAULT_MUSICGEN_MODEL } from '@dawg/platform';
import { type FakeReplicate, startFakeReplicate } from '@dawg/testing';
import { MUSICGEN_MAX_SECONDS, MusicgenProvider, type MusicgenSettings } from './musicgen.provider';
import { GenerationProviderError } from './provider-error';

const VERSION = DEFAULT_MUSICGEN_MODEL.split(':')[1]!;
// Not a real WAV: the provider hands bytes on untouched, which is what these tests prove.
const AUDIO = Uint8Array.from({ length: 48_000 }, (_, i) => (i * 37 + 11) % 256);
const REQUEST = { prompt: 'trap beat, 140 BPM, F minor, booming 808 bass', durationSeconds: 13.7, seed: 42 };

let replicate: FakeReplicate;
beforeEach(async () => {
  replicate = await startFakeReplicate({ models: { 'meta/musicgen': VERSION } });
});
afterEach(() => replicate.close());

function provider(overrides: Partial<MusicgenSettings> = {}): MusicgenProvider {
  return new MusicgenProvider({ apiToken: replicate.token, baseUrl: replicate.url, model: DEFAULT_MUSICGEN_MODEL, timeoutMs: 10_000, pollIntervalMs: 5, maxPollIntervalMs: 20, ...overrides });
}

const creates = () => replicate.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/predictions'));
const rejection = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected a rejection'); }, (err: unknown) => err);

describe('MusicgenProvider', () => {
  it('creates a prediction on the pinned version with the MusicGen inputs, polls it to success and returns the audio bytes exactly', async () => {
    replicate.script({ outcome: 'succeeded', audio: AUDIO, polls: 3 });

    const audio = await provider().generate(REQUEST, new AbortController().signal);

    expect(audio.bytes).toEqual(AUDIO);
    expect(audio).toMatchObject({ contentType: 'audio/wav', provider: 'musicgen', model: DEFAULT_MUSICGEN_MODEL, durationSeconds: 14 });
    const [create] = creates();
    expect(create).toMatchObject({ path: '/v1/predictions', headers: { authorization: `Bearer ${replicate.token}`, 'user-agent': 'dawg-ai-generation' } });
    expect(create!.headers.prefer).toBeUndefined();
    expect(create!.body).toEqual({
      version: VERSION,
      input: { prompt: REQUEST.prompt, duration: 14, model_version: 'stereo-large', output_format: 'wav', normalization_strategy: 'loudness', seed: 42 },
    });
    // Three polls answered `processing`, the fourth saw it succeed.
    expect(replicate.predictions.get(audio.externalId)).toMatchObject({ status: 'succeeded', polls: 4, cancelled: false });
    const download = replicate.requests.find((r) => r.path.startsWith('/files/'));
    expect(download?.headers.authorization).toBeUndefined();
  });

  it(`asks for at most ${MUSICGEN_MAX_SECONDS} seconds and reports the length it asked for`, async () => {
    replicate.script({ outcome: 'succeeded', audio: AUDIO, polls: 0 });
    const audio = await provider().generate({ ...REQUEST, durationSeconds: 64 }, new AbortController().signal);
    expect((creates()[0]!.body as { input: { duration: number } }).input.duration).toBe(MUSICGEN_MAX_SECONDS);
    expect(audio.durationSeconds).toBe(MUSICGEN_MAX_SECONDS);
  });

  it('runs an official model by name on the models route, and takes the first URL of a list output', async () => {
    replicate.script({ outcome: 'succeeded', audio: AUDIO, outputAsList: true, fileName: 'take.mp3', contentType: 'audio/mpeg' });
    const audio = await provider({ model: 'meta/musicgen' }).generate(REQUEST, new AbortController().signal);
    expect(creates()[0]!.path).toBe('/v1/models/meta/musicgen/predictions');
    expect(audio).toMatchObject({ contentType: 'audio/mpeg', model: DEFAULT_MUSICGEN_MODEL });
    expect(audio.bytes).toEqual(AUDIO);
  });

  it("surfaces a failed prediction's error text", async () => {
    replicate.script({ outcome: 'failed', error: 'CUDA out of memory. Tried to allocate 2.00 GiB', polls: 1 });
    const err = await rejection(provider().generate(REQUEST, new AbortController().signal));
    expect(err).toBeInstanceOf(GenerationProviderError);
    expect(err).toMatchObject({ provider: 'musicgen', code: 'FAILED', retryable: false });
    expect((err as Error).message).toMatch(/failed: CUDA out of memory/);
  });

  it('cancels the prediction on Replicate when the caller aborts, and rejects with the caller’s reason', async () => {
    replicate.script({ outcome: 'hang' });
    const abort = new AbortController();
    const generating = rejection(provider().generate(REQUEST, abort.signal));
    await replicate.waitFor((r) => r.method === 'GET' && r.path.startsWith('/v1/predictions/'));
    const reason = new Error('cancelled by the user');
    abort.abort(reason);

    expect(await generating).toBe(reason);
    const [prediction] = [...replicate.predictions.values()];
    expect(prediction).toMatchObject({ status: 'canceled', cancelled: true });
    expect(replicate.requests.some((r) => r.method === 'POST' && r.path === `/v1/predictions/${prediction!.id}/cancel`)).toBe(true);
  });

  it('still cancels a prediction whose creation was under way when the caller aborted', async () => {
    replicate.script({ outcome: 'hang' });
    const abort = new AbortController();
    const generating = rejection(provider().generate(REQUEST, abort.signal));
    const reason = new Error('cancelled by the user');
    abort.abort(reason);

    expect(await generating).toBe(reason);
    await replicate.waitFor((r) => r.path.endsWith('/cancel'));
    expect([...replicate.predictions.values()]).toEqual([expect.objectContaining({ status: 'canceled', cancelled: true, polls: 0 })]);
  });

  it('cancels the prediction and reports a timeout when the provider deadline passes', async () => {
    replicate.script({ outcome: 'hang' });
    const err = await rejection(provider({ timeoutMs: 150 }).generate(REQUEST, new AbortController().signal));
    expect(err).toMatchObject({ code: 'TIMEOUT', retryable: true });
    expect([...replicate.predictions.values()][0]).toMatchObject({ status: 'canceled', cancelled: true });
  });

  it('sends nothing when the signal has already aborted', async () => {
    const reason = new Error('job timed out');
    expect(await rejection(provider().generate(REQUEST, AbortSignal.abort(reason)))).toBe(reason);
    expect(replicate.requests).toHaveLength(0);
  });

  it('explains a refused token, without retrying it', async () => {
    const err = await rejection(provider({ apiToken: 'r8_not_the_token' }).generate(REQUEST, new AbortController().signal));
    expect(err).toMatchObject({ code: 'UNAUTHORIZED', status: 401, retryable: false });
    expect((err as Error).message).toMatch(/API key was refused \(HTTP 401\): You did not pass a valid authentication token/);
    expect(creates()).toHaveLength(1);
  });

  it('reports a rate limit that outlasts the SDK’s own retries as retryable', async () => {
    replicate.failRequests(429, 100, (r) => r.method === 'POST');
    const err = await rejection(provider().generate(REQUEST, new AbortController().signal));
    expect(err).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryable: true });
    expect(creates().length).toBeGreaterThan(1);
  });

  it('rides out a server error on a poll, which the SDK retries', async () => {
    replicate.script({ outcome: 'succeeded', audio: AUDIO, polls: 1 });
    replicate.failRequests(503, 2, (r) => r.method === 'GET' && r.path.startsWith('/v1/predictions/'));
    const audio = await provider().generate(REQUEST, new AbortController().signal);
    expect(audio.bytes).toEqual(AUDIO);
  });

  it('reports an unreachable API as unavailable', async () => {
    const url = replicate.url;
    await replicate.close();
    const err = await rejection(provider({ baseUrl: url }).generate(REQUEST, new AbortController().signal));
    expect(err).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    replicate = await startFakeReplicate();
  });
});
