import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { readJsonBody, waitForRequest } from './fake-vendor';

export interface SunoRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/**
 * What the clips of the next generate request do. Each poll of a clip
 * (GET /api/get naming it) moves it on: `submitted` → `queued` → `streaming`
 * (for `streamingPolls` polls, default 1) → `complete`, or from `queued` to
 * `error` after `polls` polls (default 1).
 */
export type SunoScript =
  | { outcome: 'complete'; audio: Uint8Array; contentType?: string; durationSeconds?: number; streamingPolls?: number }
  | { outcome: 'error'; errorMessage: string; polls?: number }
  /** Stays `queued` for ever. */
  | { outcome: 'hang' };

export type SunoClipStatus = 'submitted' | 'queued' | 'streaming' | 'complete' | 'error';

export interface FakeSunoClip {
  id: string;
  status: SunoClipStatus;
  /** The request body that made it. */
  request: Record<string, unknown>;
  polls: number;
}

export interface FakeSunoOptions {
  /** When set, API requests must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Clips made per generate request (Suno makes two). */
  clipsPerRequest?: number;
  /** The `model_name` clips report. */
  modelName?: string;
}

export interface FakeSuno {
  /** The API base URL (routes are under /api). */
  url: string;
  requests: SunoRequest[];
  clips: ReadonlyMap<string, FakeSunoClip>;
  /** Queues the behaviour of the next generate requests, one script per request; with none queued its clips end in `error`. */
  script(...scripts: SunoScript[]): void;
  /** Answers the next `times` API requests that match (all when no match is given) with `status`. */
  failRequests(status: number, times?: number, match?: (req: SunoRequest) => boolean): void;
  waitFor(match: (req: SunoRequest) => boolean, timeoutMs?: number): Promise<SunoRequest>;
  close(): Promise<void>;
}

interface StoredClip extends FakeSunoClip {
  script: SunoScript;
  createdAt: string;
}

/**
 * A local stand-in for the Suno-compatible HTTP API most self-hosters run
 * (gcui-art/suno-api): POST /api/generate and /api/custom_generate answer a
 * list of clips, GET /api/get?ids=a,b reports them as they progress, and
 * the audio is served as Suno's CDN would: a partial stream while
 * `streaming`, the whole MP3 once `complete`.
 */
export async function startFakeSuno(options: FakeSunoOptions = {}): Promise<FakeSuno> {
  const requests: SunoRequest[] = [];
  const clips = new Map<string, StoredClip>();
  const scripts: SunoScript[] = [];
  const failures: Array<{ status: number; left: number; match: (req: SunoRequest) => boolean }> = [];
  const waiters = new Set<() => void>();
  const modelName = options.modelName ?? 'chirp-v3-5';
  let base = '';

  const audioOf = (clip: StoredClip) => (clip.script.outcome === 'complete' ? clip.script : undefined);
  const view = (clip: StoredClip) => {
    const audio = audioOf(clip);
    const body = clip.request;
    const custom = typeof body.tags === 'string';
    return {
      id: clip.id,
      title: typeof body.title === 'string' ? body.title : '',
      image_url: clip.status === 'complete' ? `https://cdn2.suno.ai/image_${clip.id}.jpeg` : null,
      lyric: '',
      audio_url: clip.status === 'streaming' ? `${base}/audiopipe?item_id=${clip.id}` : clip.status === 'complete' ? `${base}/cdn/${clip.id}.mp3` : '',
      video_url: '',
      created_at: clip.createdAt,
      model_name: modelName,
      status: clip.status,
      gpt_description_prompt: custom ? undefined : body.prompt,
      prompt: custom ? body.prompt : '',
      type: 'gen',
      tags: custom ? body.tags : undefined,
      duration: clip.status === 'complete' && audio ? (audio.durationSeconds ?? 120) : undefined,
      error_message: clip.status === 'error' && clip.script.outcome === 'error' ? clip.script.errorMessage : undefined,
    };
  };

  const advance = (clip: StoredClip) => {
    const { script } = clip;
    if (clip.status === 'complete' || clip.status === 'error') return;
    const poll = clip.polls++;
    if (script.outcome === 'hang') clip.status = 'queued';
    else if (script.outcome === 'error') clip.status = poll < (script.polls ?? 1) ? 'queued' : 'error';
    else clip.status = poll === 0 ? 'queued' : poll <= (script.streamingPolls ?? 1) ? 'streaming' : 'complete';
  };

  const generate = (req: SunoRequest) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (typeof body.prompt !== 'string' || body.prompt === '') return { status: 400, body: { error: 'Prompt is required' } };
    const script = scripts.shift() ?? { outcome: 'error', errorMessage: 'fake-suno: no scripted outcome for this request' };
    const made = Array.from({ length: options.clipsPerRequest ?? 2 }, (): StoredClip => {
      const clip: StoredClip = { id: randomUUID(), status: 'submitted', request: body, polls: 0, script, createdAt: new Date().toISOString() };
      clips.set(clip.id, clip);
      return clip;
    });
    // wait_audio: the server polls for the caller until the clips stream (or fail).
    if (body.wait_audio === true && script.outcome !== 'hang') {
      for (const clip of made) while (clip.status !== 'streaming' && clip.status !== 'error' && clip.status !== 'complete') advance(clip);
    }
    return { status: 200, body: made.map(view) };
  };

  const route = (req: SunoRequest): { status: number; body: unknown; contentType?: string } => {
    const streamed = req.path === '/audiopipe' ? clips.get(req.query.item_id ?? '') : undefined;
    if (streamed && streamed.status === 'streaming') {
      const audio = audioOf(streamed)!;
      return { status: 200, body: audio.audio.subarray(0, Math.floor(audio.audio.byteLength / 2)), contentType: audio.contentType ?? 'audio/mpeg' };
    }
    const cdn = /^\/cdn\/([^/]+)\.mp3$/.exec(req.path);
    const finished = cdn ? clips.get(cdn[1]!) : undefined;
    if (finished && finished.status === 'complete') {
      const audio = audioOf(finished)!;
      return { status: 200, body: audio.audio, contentType: audio.contentType ?? 'audio/mpeg' };
    }
    if (!req.path.startsWith('/api/')) return { status: 404, body: { error: 'Not found' } };

    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) return { status: 401, body: { error: 'Unauthorized' } };
    const failure = failures.find((f) => f.left > 0 && f.match(req));
    if (failure) {
      failure.left--;
      return { status: failure.status, body: { error: `Internal server error: "fake-suno: scripted ${failure.status}"` } };
    }

    if (req.method === 'POST' && (req.path === '/api/generate' || req.path === '/api/custom_generate')) return generate(req);
    if (req.method === 'GET' && req.path === '/api/get') {
      const ids = req.query.ids ? req.query.ids.split(',') : [...clips.keys()];
      const found = ids.map((id) => clips.get(id)).filter((clip): clip is StoredClip => clip !== undefined);
      for (const clip of found) advance(clip);
      return { status: 200, body: found.map(view) };
    }
    if (req.method === 'GET' && req.path === '/api/get_limit') {
      return { status: 200, body: { credits_left: 500, period: 'month', monthly_limit: 500, monthly_usage: clips.size * 5 } };
    }
    return { status: 405, body: { error: 'Method Not Allowed' } };
  };

  const server: Server = createServer((req, res) => {
    void readJsonBody(req).then((body) => {
      const url = new URL(req.url ?? '/', 'http://suno.local');
      const received: SunoRequest = { method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body };
      requests.push(received);
      const answer = route(received);
      if (answer.body instanceof Uint8Array) {
        res.writeHead(answer.status, { 'content-type': answer.contentType ?? 'audio/mpeg', 'content-length': answer.body.byteLength }).end(answer.body);
      } else {
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
      }
      for (const wake of [...waiters]) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    requests,
    clips,
    script: (...more) => void scripts.push(...more),
    failRequests: (status, times = 1, match = () => true) => void failures.push({ status, left: times, match }),
    waitFor: (match, timeoutMs = 10_000) => waitForRequest(requests, waiters, match, timeoutMs),
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
