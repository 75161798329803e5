/**
 * Generation jobs from the studio's side: requests through the typed api
 * client, and one tracker per signed-in session that follows every job the
 * studio started (the generate panel's and the assistant's) through the
 * api's `generation:*` events to `user:<id>`, with a status read as a safety
 * net for events missed while the socket was reconnecting.
 */
import {
  type ArrangementRequest,
  type AutomixRequest,
  type BeatRequest,
  type ChordsRequest,
  type ClientToServerEvents,
  type GenerationAccepted,
  type GenerationKind,
  type GenerationStatus,
  type LyricsRequest,
  type MasterRequest,
  type MelodyRequest,
  serverEventSchemas,
  type ServerToClientEvents,
} from '@dawg/contracts';
import { io, type Socket } from 'socket.io-client';
import type { Api } from '../api/api';
import { unwrap } from '../api/client';
import { ApiError } from '../api/errors';
import { createStore, type Store } from '../state/store';
import { applyJobEvent, isFinished, type JobEvent, type JobState, queuedJob } from './job-card';

export interface GenerationRequests {
  beat: BeatRequest;
  melody: MelodyRequest;
  chords: ChordsRequest;
  arrangement: ArrangementRequest;
  lyrics: LyricsRequest;
  master: MasterRequest;
  automix: AutomixRequest;
}
export type RequestableKind = keyof GenerationRequests;

/** Input shapes (defaults not yet applied by the api). */
type Body<K extends RequestableKind> = Partial<GenerationRequests[K]> & Record<string, unknown>;

export async function requestGeneration<K extends RequestableKind>(api: Api, kind: K, body: Body<K>, idempotencyKey?: string): Promise<GenerationAccepted> {
  const headers = idempotencyKey ? { 'idempotency-key': idempotencyKey } : undefined;
  const c = api.client;
  const b = body as never;
  const o = { body: b, ...(headers ? { headers } : {}) };
  switch (kind) {
    case 'beat':
      return (await unwrap(c.POST('/api/v1/generate/beat', o))) as GenerationAccepted;
    case 'melody':
      return (await unwrap(c.POST('/api/v1/generate/melody', o))) as GenerationAccepted;
    case 'chords':
      return (await unwrap(c.POST('/api/v1/generate/chords', o))) as GenerationAccepted;
    case 'arrangement':
      return (await unwrap(c.POST('/api/v1/generate/arrangement', o))) as GenerationAccepted;
    case 'lyrics':
      return (await unwrap(c.POST('/api/v1/generate/lyrics', o))) as GenerationAccepted;
    case 'master':
      return (await unwrap(c.POST('/api/v1/generate/master', o))) as GenerationAccepted;
    default:
      return (await unwrap(c.POST('/api/v1/generate/automix', o))) as GenerationAccepted;
  }
}

export async function generationStatus(api: Api, jobId: string): Promise<GenerationStatus> {
  return (await unwrap(api.client.GET('/api/v1/generate/status/{jobId}', { params: { path: { jobId } } }))) as GenerationStatus;
}

export async function cancelGeneration(api: Api, jobId: string): Promise<GenerationStatus> {
  return (await unwrap(api.client.POST('/api/v1/generate/{jobId}/cancel', { params: { path: { jobId } } }))) as GenerationStatus;
}

/** A finished job's file, through its presigned URL. */
export async function generationFile(api: Api, jobId: string, name: string): Promise<ArrayBuffer> {
  const presigned = await unwrap(api.client.GET('/api/v1/generate/{jobId}/files/{name}', { params: { path: { jobId, name } } }));
  const response = await fetch(presigned.url, { headers: presigned.headers });
  if (!response.ok) throw await ApiError.from(response);
  return response.arrayBuffer();
}

type ApiSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TrackerState {
  jobs: Record<string, JobState>;
  /** Newest first: the order cards are shown in. */
  order: string[];
}

/** How often an unfinished job's status is read while no event about it arrives. */
const SAFETY_POLL_MS = 3_000;

export class GenerationTracker {
  readonly store: Store<TrackerState> = createStore<TrackerState>({ jobs: {}, order: [] });
  private socket: ApiSocket | null = null;
  private users = 0;
  private readonly waiters = new Map<string, Array<(job: JobState) => void>>();
  private readonly lastHeard = new Map<string, number>();
  private poll: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly api: Api) {}

  /** A panel (or a job waiting to be added) needs the events; answers the release. */
  retain(): () => void {
    this.users++;
    this.connect();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.users--;
      this.maybeDisconnect();
    };
  }

  job(jobId: string): JobState | undefined {
    return this.store.get().jobs[jobId];
  }

  /** Follows a job just queued (or named by an assistant's tool card). */
  follow(jobId: string, kind: GenerationKind, seed: number): void {
    if (!this.job(jobId)) {
      this.store.set((s) => ({ jobs: { ...s.jobs, [jobId]: queuedJob(jobId, kind, seed) }, order: [jobId, ...s.order] }));
      this.lastHeard.set(jobId, Date.now());
    }
    this.connect();
    void this.refresh(jobId);
  }

  /** Follows a job known only by id (an assistant's card from an earlier visit): its status says what it is. */
  async adopt(jobId: string): Promise<void> {
    if (this.job(jobId)) return;
    const status = await generationStatus(this.api, jobId);
    if (this.job(jobId)) return;
    this.store.set((s) => ({ jobs: { ...s.jobs, [jobId]: applyJobEvent(queuedJob(jobId, status.kind, status.seed), { type: 'status', status }) }, order: [...s.order, jobId] }));
    if (!isFinished(status)) this.connect();
  }

  /** Resolves once the job has finished (at once if it has). */
  finished(jobId: string): Promise<JobState> {
    const job = this.job(jobId);
    if (job && isFinished(job)) return Promise.resolve(job);
    const release = this.retain();
    return new Promise<JobState>((resolve) => {
      const list = this.waiters.get(jobId) ?? [];
      list.push((done) => {
        release();
        resolve(done);
      });
      this.waiters.set(jobId, list);
    });
  }

  async cancel(jobId: string): Promise<void> {
    const status = await cancelGeneration(this.api, jobId);
    this.apply(jobId, { type: 'status', status });
  }

  dismiss(jobId: string): void {
    this.store.set((s) => {
      const { [jobId]: _gone, ...jobs } = s.jobs;
      return { jobs, order: s.order.filter((id) => id !== jobId) };
    });
  }

  private apply(jobId: string, event: JobEvent): void {
    const current = this.job(jobId);
    if (!current) return;
    this.lastHeard.set(jobId, Date.now());
    const next = applyJobEvent(current, event);
    if (next !== current) this.store.set((s) => ({ jobs: { ...s.jobs, [jobId]: next } }));
    if (isFinished(next)) {
      const waiting = this.waiters.get(jobId) ?? [];
      this.waiters.delete(jobId);
      for (const resolve of waiting) resolve(next);
      this.maybeDisconnect();
    }
  }

  private async refresh(jobId: string): Promise<void> {
    try {
      this.apply(jobId, { type: 'status', status: await generationStatus(this.api, jobId) });
    } catch {
      // The next event or poll will tell.
    }
  }

  private pending(): string[] {
    return Object.values(this.store.get().jobs)
      .filter((j) => !isFinished(j))
      .map((j) => j.jobId);
  }

  private connect(): void {
    if (this.socket) return;
    const session = this.api.session;
    const socket: ApiSocket = io({
      path: '/socket.io',
      auth: (cb: (data: object) => void) => void session.token().then((token) => cb({ token })),
      transports: ['websocket', 'polling'],
    });
    this.socket = socket;
    // Connected (again): events sent while away are gone, so read the status of what is still running.
    socket.on('connect', () => {
      for (const id of this.pending()) void this.refresh(id);
    });
    socket.on('generation:progress', (payload) => {
      const parsed = serverEventSchemas['generation:progress'].safeParse(payload);
      if (parsed.success) this.apply(parsed.data.jobId, { type: 'progress', event: parsed.data });
    });
    socket.on('generation:complete', (payload) => {
      const parsed = serverEventSchemas['generation:complete'].safeParse(payload);
      if (parsed.success) this.apply(parsed.data.jobId, { type: 'complete', event: parsed.data });
    });
    socket.on('generation:error', (payload) => {
      const parsed = serverEventSchemas['generation:error'].safeParse(payload);
      if (parsed.success) this.apply(parsed.data.jobId, { type: 'error', event: parsed.data });
    });
    this.poll = setInterval(() => {
      const now = Date.now();
      for (const id of this.pending()) if (now - (this.lastHeard.get(id) ?? 0) > SAFETY_POLL_MS) void this.refresh(id);
    }, SAFETY_POLL_MS);
  }

  private maybeDisconnect(): void {
    if (this.users > 0 || this.pending().length > 0 || this.waiters.size > 0 || !this.socket) return;
    clearInterval(this.poll);
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.socket = null;
  }
}

const trackers = new WeakMap<Api, GenerationTracker>();

/** The session's tracker, shared by the chat and generate panels. */
export function generationTracker(api: Api): GenerationTracker {
  let tracker = trackers.get(api);
  if (!tracker) {
    tracker = new GenerationTracker(api);
    trackers.set(api, tracker);
  }
  return tracker;
}
