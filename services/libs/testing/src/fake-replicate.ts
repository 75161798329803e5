import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readJsonBody, vendorId, waitForRequest } from './fake-vendor';

/** A request as the fake saw it: path without the query, JSON body parsed. */
export interface ReplicateRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/**
 * What the next created prediction does. It is `starting` when created and
 * `processing` on each poll until `polls` polls have been answered; the
 * poll after that sees the end (default `polls`: 1).
 */
export type PredictionScript =
  /** Succeeds; its output is a URL on this server serving `audio` (a one-element list with `outputAsList`). */
  | { outcome: 'succeeded'; audio: Uint8Array; contentType?: string; fileName?: string; polls?: number; outputAsList?: boolean }
  /** Fails with `error` as the prediction's error text. */
  | { outcome: 'failed'; error: string; polls?: number }
  /** Stays `processing` until cancelled. */
  | { outcome: 'hang' };

export type PredictionStatus = 'starting' | 'processing' | 'succeeded' | 'failed' | 'canceled';

export interface FakePrediction {
  id: string;
  model: string;
  version: string;
  input: Record<string, unknown>;
  status: PredictionStatus;
  /** GET /predictions/:id answered so far. */
  polls: number;
  /** True once POST /predictions/:id/cancel arrived while it ran. */
  cancelled: boolean;
}

export interface FakeReplicateOptions {
  /** The API token the fake accepts (`Authorization: Bearer <token>` or `Token <token>`). */
  token?: string;
  /** `owner/name` → version id for POST /models/{owner}/{name}/predictions; any model is accepted when unset. */
  models?: Record<string, string>;
}

export interface FakeReplicate {
  /** The API base URL, for `new Replicate({ baseUrl })`: `http://127.0.0.1:<port>/v1`. */
  url: string;
  token: string;
  /** Every request received, oldest first (file downloads included). */
  requests: ReplicateRequest[];
  /** Every prediction created, by id. */
  predictions: ReadonlyMap<string, FakePrediction>;
  /** Queues the behaviour of the next created predictions, in order; with none queued a prediction fails with "no scripted outcome". */
  script(...scripts: PredictionScript[]): void;
  /** Answers the next `times` API requests that match (all when no match is given) with `status` and a problem body. */
  failRequests(status: number, times?: number, match?: (req: ReplicateRequest) => boolean): void;
  /** Resolves with the first request (earlier ones included) that matches. */
  waitFor(match: (req: ReplicateRequest) => boolean, timeoutMs?: number): Promise<ReplicateRequest>;
  close(): Promise<void>;
}

interface StoredPrediction extends FakePrediction {
  script: PredictionScript;
  output: unknown;
  error: string | null;
  createdAt: string;
  startedAt?: string;
  completedAt?: string;
}

const VERSION_ID = /^[0-9a-f]{64}$/;

/**
 * A local stand-in for the Replicate HTTP API, enough of it for the real
 * `replicate` SDK: bearer-token auth, POST /v1/predictions (by version) and
 * POST /v1/models/{owner}/{name}/predictions (by model) answering 201 with a
 * `starting` prediction (or, with `Prefer: wait`, the finished one), GET
 * /v1/predictions/{id} moving it through `processing` to its end, POST
 * /v1/predictions/{id}/cancel, and the output files themselves (outside
 * /v1, without auth, as replicate.delivery serves them). Errors are
 * Replicate's problem JSON: `{title, detail, status}`.
 */
export async function startFakeReplicate(options: FakeReplicateOptions = {}): Promise<FakeReplicate> {
  const token = options.token ?? 'r8_fake_token';
  const requests: ReplicateRequest[] = [];
  const predictions = new Map<string, StoredPrediction>();
  const files = new Map<string, { bytes: Uint8Array; contentType: string }>();
  const scripts: PredictionScript[] = [];
  const failures: Array<{ status: number; left: number; match: (req: ReplicateRequest) => boolean }> = [];
  const waiters = new Set<() => void>();
  let base = '';

  const view = (p: StoredPrediction) => ({
    id: p.id,
    model: p.model,
    version: p.version,
    input: p.input,
    logs: p.status === 'starting' ? '' : 'Generating audio...\n',
    output: p.status === 'succeeded' ? p.output : null,
    data_removed: false,
    error: p.error,
    status: p.status,
    source: 'api',
    created_at: p.createdAt,
    ...(p.startedAt ? { started_at: p.startedAt } : {}),
    ...(p.completedAt ? { completed_at: p.completedAt, metrics: { predict_time: 1.5, total_time: 2 } } : {}),
    urls: { get: `${base}/v1/predictions/${p.id}`, cancel: `${base}/v1/predictions/${p.id}/cancel`, web: `https://replicate.com/p/${p.id}` },
  });

  const finish = (p: StoredPrediction) => {
    const now = new Date().toISOString();
    p.startedAt ??= now;
    p.completedAt = now;
    if (p.script.outcome === 'succeeded') {
      const name = p.script.fileName ?? 'out.wav';
      files.set(`/files/${p.id}/${name}`, { bytes: p.script.audio, contentType: p.script.contentType ?? 'audio/wav' });
      const url = `${base}/files/${p.id}/${name}`;
      p.status = 'succeeded';
      p.output = p.script.outputAsList ? [url] : url;
    } else if (p.script.outcome === 'failed') {
      p.status = 'failed';
      p.error = p.script.error;
    }
  };

  const create = (req: ReplicateRequest, model: string, version: string) => {
    const body = req.body as { input?: unknown } | undefined;
    if (!body || typeof body.input !== 'object' || body.input === null || Array.isArray(body.input)) {
      return problem(422, 'Input validation failed', '- input: Invalid type. Expected: object');
    }
    const id = vendorId(26);
    const prediction: StoredPrediction = {
      id,
      model,
      version,
      input: body.input as Record<string, unknown>,
      status: 'starting',
      polls: 0,
      cancelled: false,
      script: scripts.shift() ?? { outcome: 'failed', error: 'fake-replicate: no scripted outcome for this prediction' },
      output: null,
      error: null,
      createdAt: new Date().toISOString(),
    };
    predictions.set(id, prediction);
    // `Prefer: wait` holds the request until the prediction ends; here it ends at once (unless it hangs).
    if (/^wait\b/.test(String(req.headers.prefer ?? '')) && prediction.script.outcome !== 'hang') finish(prediction);
    return { status: 201, body: view(prediction) };
  };

  const route = (req: ReplicateRequest): { status: number; body: unknown; contentType?: string } => {
    const file = req.method === 'GET' ? files.get(req.path) : undefined;
    if (file) return { status: 200, body: file.bytes, contentType: file.contentType };
    if (!req.path.startsWith('/v1/')) return problem(404, 'Not found', 'The requested resource could not be found.');

    const auth = String(req.headers.authorization ?? '');
    if (auth !== `Bearer ${token}` && auth !== `Token ${token}`) return problem(401, 'Unauthenticated', 'You did not pass a valid authentication token');
    const failure = failures.find((f) => f.left > 0 && f.match(req));
    if (failure) {
      failure.left--;
      return problem(failure.status, failure.status === 429 ? 'Too Many Requests' : 'Internal Server Error', `fake-replicate: scripted ${failure.status}`);
    }

    if (req.method === 'POST' && req.path === '/v1/predictions') {
      const requested = String((req.body as { version?: unknown } | undefined)?.version ?? '');
      // The version field takes a bare id, or `owner/name:id`.
      const [model, version] = requested.includes(':') ? (requested.split(':') as [string, string]) : ['', requested];
      if (!VERSION_ID.test(version)) return problem(422, 'Invalid version or not permitted', 'The specified version does not exist (or perhaps you don\'t have permission to use it?)');
      const known = Object.entries(options.models ?? {}).find(([, v]) => v === version)?.[0];
      return create(req, model || known || 'unknown/model', version);
    }
    const byModel = /^\/v1\/models\/([^/]+)\/([^/]+)\/predictions$/.exec(req.path);
    if (req.method === 'POST' && byModel) {
      const model = `${byModel[1]}/${byModel[2]}`;
      const version = options.models ? options.models[model] : 'hidden';
      if (!version) return problem(404, 'Not found', `Model ${model} was not found`);
      return create(req, model, version);
    }
    const get = /^\/v1\/predictions\/([^/]+)$/.exec(req.path);
    if (req.method === 'GET' && get) {
      const prediction = predictions.get(get[1]!);
      if (!prediction) return problem(404, 'Not found', 'Prediction not found');
      if (prediction.status === 'starting' || prediction.status === 'processing') {
        const polls = prediction.script.outcome === 'hang' ? Infinity : (prediction.script.polls ?? 1);
        if (prediction.polls >= polls) finish(prediction);
        else {
          prediction.status = 'processing';
          prediction.startedAt ??= new Date().toISOString();
        }
      }
      prediction.polls++;
      return { status: 200, body: view(prediction) };
    }
    const cancel = /^\/v1\/predictions\/([^/]+)\/cancel$/.exec(req.path);
    if (req.method === 'POST' && cancel) {
      const prediction = predictions.get(cancel[1]!);
      if (!prediction) return problem(404, 'Not found', 'Prediction not found');
      if (prediction.status === 'starting' || prediction.status === 'processing') {
        prediction.status = 'canceled';
        prediction.cancelled = true;
        prediction.completedAt = new Date().toISOString();
      }
      return { status: 200, body: view(prediction) };
    }
    return problem(404, 'Not found', `No route for ${req.method} ${req.path}`);
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void readJsonBody(req).then((body) => {
      const url = new URL(req.url ?? '/', 'http://replicate.local');
      const received: ReplicateRequest = { method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body };
      requests.push(received);
      const answer = route(received);
      if (answer.body instanceof Uint8Array) {
        res.writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/octet-stream', 'content-length': answer.body.byteLength }).end(answer.body);
      } else {
        res.writeHead(answer.status, { 'content-type': answer.status >= 400 ? 'application/problem+json' : 'application/json' }).end(JSON.stringify(answer.body));
      }
      for (const wake of [...waiters]) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${base}/v1`,
    token,
    requests,
    predictions,
    script: (...more) => void scripts.push(...more),
    failRequests: (status, times = 1, match = () => true) => void failures.push({ status, left: times, match }),
    waitFor: (match, timeoutMs = 10_000) => waitForRequest(requests, waiters, match, timeoutMs),
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function problem(status: number, title: string, detail: string) {
  return { status, body: { title, detail, status } };
}
