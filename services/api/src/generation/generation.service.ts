import { createHash, randomInt, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import {
  COMPOSE_KINDS,
  type ComposeKind,
  GENERATION_CANCELLED_REASON,
  type GenerationAccepted,
  type GenerationDeadLetterPage,
  type GenerationDeadLettersQuery,
  type GenerationJobData,
  type GenerationKind,
  type GenerationProgress,
  type GenerationRecentJob,
  type GenerationRecentJobPage,
  type GenerationRecentJobsQuery,
  type GenerationRequest,
  type GenerationState,
  type GenerationStatus,
  MAX_SEED,
  type PresignedRequest,
} from '@dawg/contracts';
import { AppError } from '@dawg/platform';
import { OBJECT_STORAGE, type ObjectStorage } from '@dawg/storage';
import { EntitlementsService } from '../billing/entitlements.service';
import { ProjectAccess } from '../projects/project-access';
import { AutomixSourceRepository } from './automix-source.repository';
import { GENERATION_QUEUE_SETTINGS, type GenerationQueueSettings } from './generation.tokens';
import { type GenerationJob, GenerationQueueRepository, type QueueJobState } from './generation-queue.repository';

const DOWNLOAD_URL_TTL_SECONDS = 15 * 60;
const BEATS_PER_BAR = 4;
/** An arrangement's `bars` is per section; without a structure, the genre's own one is assumed to have this many. */
const DEFAULT_ARRANGEMENT_SECTIONS = 6;
/** The request's correlation id and, when the caller sent one, its Idempotency-Key. */
export interface GenerationRequestContext {
  requestId: string;
  idempotencyKey?: string;
}

const IDEMPOTENT_WAIT_TRIES = 20;
const IDEMPOTENT_WAIT_MS = 100;

/** A UUID (version 8: custom) from the user and their key, so the same key of another user is another job. */
export function idempotentJobId(userId: string, key: string): string {
  const hex = createHash('sha256').update(`${userId}:${key}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Failed jobs the dead-letter view looks through. */
const DEAD_LETTER_SCAN = 1_000;
/** Jobs of each queue state the recent-jobs view looks through. */
const RECENT_JOBS_SCAN = 1_000;
/** The queue states each job state is read from (failed and cancelled jobs share BullMQ's failed set). */
const QUEUE_STATES: Record<GenerationState, readonly QueueJobState[]> = {
  queued: ['waiting', 'prioritized', 'delayed', 'waiting-children'],
  running: ['active'],
  succeeded: ['completed'],
  failed: ['failed'],
  cancelled: ['failed'],
};
/** Lyrics are text, not audio: one minute each, whatever their length. */
const LYRICS_MINUTES = 1;

/**
 * Generation requests: validated by the controller, charged against the
 * plan's generation minutes here, then queued for the generation worker,
 * which renders, stores and records them. Status is read from the queue.
 */
@Injectable()
export class GenerationJobsService {
  constructor(
    private readonly queue: GenerationQueueRepository,
    private readonly entitlements: EntitlementsService,
    private readonly access: ProjectAccess,
    private readonly automixSource: AutomixSourceRepository,
    @Inject(GENERATION_QUEUE_SETTINGS) private readonly settings: GenerationQueueSettings,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  /**
   * Validates, charges and queues. With an Idempotency-Key the job id is
   * derived from the user and the key, so a retried request (its answer lost
   * to a dropped connection or a dying replica) finds the job the first one
   * queued and answers it again, charged once; a claim in Redis keeps two
   * concurrent requests with one key from both charging.
   */
  async request<K extends GenerationKind>(userId: string, kind: K, request: GenerationRequest<K>, context: GenerationRequestContext): Promise<GenerationAccepted> {
    const jobId = context.idempotencyKey ? idempotentJobId(userId, context.idempotencyKey) : randomUUID();
    if (context.idempotencyKey) {
      const earlier = await this.earlierRequest(userId, kind, jobId);
      if (earlier) return earlier;
    }
    try {
      const data = await this.jobData(userId, kind, request, context.requestId);
      await this.entitlements.consume(userId, 'generationMinutes', data.chargedMinutes);
      await this.queue.enqueue(jobId, data);
      return { jobId, status: 'queued', kind, seed: data.seed, chargedMinutes: data.chargedMinutes };
    } catch (err) {
      // Refused (invalid, over the plan, queue down): the key may be used again once the cause is fixed.
      if (context.idempotencyKey) await this.queue.releaseClaim(jobId).catch(() => undefined);
      throw err;
    }
  }

  /** The job an earlier request with the same key queued, or undefined when this request is the first (its claim is taken). */
  private async earlierRequest(userId: string, kind: GenerationKind, jobId: string): Promise<GenerationAccepted | undefined> {
    const accepted = (job: GenerationJob): GenerationAccepted => {
      if (job.data.kind !== kind) throw new AppError('CONFLICT', `This Idempotency-Key was used for a ${job.data.kind} request.`, { jobId, kind: job.data.kind });
      return { jobId, status: 'queued', kind, seed: job.data.seed, chargedMinutes: job.data.chargedMinutes };
    };
    const existing = await this.queue.find(jobId);
    if (existing?.data.userId === userId) return accepted(existing);
    if (await this.queue.claim(jobId)) return undefined;
    // Another request with this key is being queued right now; its job appears within moments.
    for (let i = 0; i < IDEMPOTENT_WAIT_TRIES; i++) {
      await sleep(IDEMPOTENT_WAIT_MS);
      const job = await this.queue.find(jobId);
      if (job?.data.userId === userId) return accepted(job);
    }
    throw new AppError('CONFLICT', 'A request with this Idempotency-Key did not queue a job (it failed, or its job was cancelled); use a new key.', { jobId });
  }

  async status(userId: string, jobId: string): Promise<GenerationStatus> {
    const job = await this.queue.find(jobId);
    if (job && job.data.userId === userId) return this.describe(job);
    const cancelled = job ? undefined : await this.queue.cancelled(jobId);
    if (cancelled?.userId === userId) return cancelledBeforeStart(jobId, cancelled);
    throw notFound();
  }

  /** A queued job is removed at once; a running one is stopped by its worker at the next check (within a second). */
  async cancel(userId: string, jobId: string): Promise<GenerationStatus> {
    const job = await this.owned(userId, jobId);
    const state = await this.queue.state(job);
    if (state === 'completed' || state === 'failed') throw new AppError('CONFLICT', 'The job has already finished.', { state: toState(state, job) });
    const record = { userId, kind: job.data.kind, seed: job.data.seed, createdAt: job.timestamp };
    await this.queue.markCancelled(jobId, record);
    if (state !== 'active' && (await this.queue.removeIfIdle(job))) {
      await this.refund(job, 'cancelled before it started');
      return cancelledBeforeStart(jobId, record);
    }
    return this.describe((await this.queue.find(jobId)) ?? job);
  }

  /**
   * Gives back the minutes a job was charged when it failed for good or was
   * cancelled. Called when the queue reports the failure (every api replica
   * hears it), when a queued job is cancelled, and whenever such a job's
   * status is read, so a refund missed while no api was listening still
   * happens; the refund is keyed by the job id, so it is applied once.
   */
  async refund(job: GenerationJob, reason: string): Promise<boolean> {
    return this.entitlements.refund(job.id!, job.data.userId, 'generationMinutes', job.data.chargedMinutes, new Date(job.timestamp), reason);
  }

  /** Jobs that failed for good, newest first, for operators (cancelled ones are not failures). */
  async deadLetters(query: GenerationDeadLettersQuery): Promise<GenerationDeadLetterPage> {
    const failed = (await this.queue.newestFailed(DEAD_LETTER_SCAN)).filter((job) => job.failedReason !== GENERATION_CANCELLED_REASON);
    const { page, pageSize } = query;
    const items = failed.slice((page - 1) * pageSize, page * pageSize).map((job) => ({
      jobId: job.id!,
      kind: job.data.kind,
      userId: job.data.userId,
      requestId: job.data.requestId,
      error: job.failedReason ?? 'failed',
      attempts: job.attemptsStarted,
      chargedMinutes: job.data.chargedMinutes,
      params: { ...job.data.params },
      createdAt: new Date(job.timestamp).toISOString(),
      failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    }));
    return { items, page, pageSize, total: failed.length };
  }

  /**
   * Jobs of every state (or of one), newest first by when they were queued,
   * for operators. Read only: unlike an owner's status read, listing a
   * failed job does not settle its refund.
   */
  async recentJobs(query: GenerationRecentJobsQuery): Promise<GenerationRecentJobPage> {
    const states = query.status ? QUEUE_STATES[query.status] : [...new Set(Object.values(QUEUE_STATES).flat())];
    const jobs = (await this.queue.newestIn(states, RECENT_JOBS_SCAN))
      .map(({ job, state }) => ({ job, state: toState(state, job) }))
      .filter(({ state }) => !query.status || state === query.status)
      .sort((a, b) => b.job.timestamp - a.job.timestamp || a.job.id!.localeCompare(b.job.id!));
    const { page, pageSize } = query;
    const items = jobs.slice((page - 1) * pageSize, page * pageSize).map(({ job, state }) => recentJob(job, state));
    return { items, page, pageSize, total: jobs.length };
  }

  /**
   * Puts a dead letter back on the queue with fresh attempts (an operator's
   * call, after fixing what made it fail). Its minutes stay refunded: the
   * retry is on the house, and a second failure refunds nothing more.
   */
  async retryDeadLetter(jobId: string): Promise<GenerationStatus> {
    const job = await this.queue.find(jobId);
    if (!job) throw notFound();
    const state = await this.queue.state(job);
    if (state !== 'failed' || job.failedReason === GENERATION_CANCELLED_REASON) {
      throw new AppError('CONFLICT', 'Only a job that failed for good can be retried.', { state: toState(state, job) });
    }
    await this.queue.retry(job);
    return this.describe((await this.queue.find(jobId)) ?? job);
  }

  async downloadUrl(userId: string, jobId: string, name: string): Promise<PresignedRequest> {
    const job = await this.owned(userId, jobId);
    const file = job.returnvalue?.files.find((f) => f.name === name);
    if (!file) throw AppError.notFound('The file');
    return this.storage.presignGet(file.key, { expiresSeconds: DOWNLOAD_URL_TTL_SECONDS, downloadName: file.name });
  }

  private async owned(userId: string, jobId: string): Promise<GenerationJob> {
    const job = await this.queue.find(jobId);
    // Another user's job is indistinguishable from one that does not exist.
    if (!job || job.data.userId !== userId) throw notFound();
    return job;
  }

  private async jobData<K extends GenerationKind>(userId: string, kind: K, request: GenerationRequest<K>, requestId: string): Promise<GenerationJobData<K>> {
    if (isCompose(kind)) {
      const params = request as GenerationRequest<ComposeKind>;
      if (params.provider !== 'builtin' && !this.settings.musicProviders.includes(params.provider)) {
        const configured = ['builtin', ...this.settings.musicProviders];
        throw new AppError('VALIDATION_FAILED', `The ${params.provider} provider is not configured on this installation; use one of: ${configured.join(', ')}.`, {
          issues: [{ path: 'provider', message: `not configured (configured: ${configured.join(', ')})` }],
        });
      }
      const seed = params.seed ?? randomInt(0, MAX_SEED + 1);
      return { kind, userId, requestId, params: { ...request, seed }, seed, chargedMinutes: minutesFor(kind, params) };
    }
    if (kind === 'automix') return this.automixData(userId, request as GenerationRequest<'automix'>, requestId) as Promise<GenerationJobData<K>>;
    if (kind === 'lyrics') {
      const seed = (request as GenerationRequest<'lyrics'>).seed ?? randomInt(0, MAX_SEED + 1);
      return { kind, userId, requestId, params: { ...request, seed }, seed, chargedMinutes: LYRICS_MINUTES };
    }
    const { sourceJobId } = request as GenerationRequest<'stems' | 'mix' | 'master'>;
    const source = await this.queue.find(sourceJobId);
    if (!source || source.data.userId !== userId) throw AppError.notFound('The source generation job');
    // The song at the root of the chain: the source itself when composed, else the one its own source worked on.
    const song = isCompose(source.data.kind) ? { kind: source.data.kind, params: source.data.params as GenerationRequest<ComposeKind> & { seed: number } } : source.data.source;
    if (!song || (await this.queue.state(source)) !== 'completed') {
      throw new AppError('CONFLICT', 'The source must be a finished beat, melody, chords, arrangement, stems, mix or master job.', { sourceJobId });
    }
    return {
      kind,
      userId,
      requestId,
      params: request as GenerationJobData<K>['params'],
      seed: source.data.seed,
      chargedMinutes: minutesFor(song.kind, song.params),
      // The worker reads what the source stored rather than rendering it again.
      source: { jobId: sourceJobId, kind: song.kind, params: song.params, jobKind: source.data.kind, files: source.returnvalue?.files ?? [] },
    };
  }

  /** The project's audio as it is now, for an editor of it; charged by the length of what plays. */
  private async automixData(userId: string, request: GenerationRequest<'automix'>, requestId: string): Promise<GenerationJobData<'automix'>> {
    await this.access.require(request.projectId, userId, 'edit');
    const tracks = await this.automixSource.tracksOf(request.projectId, request.trackIds);
    if (request.trackIds) {
      const found = new Set(tracks.map((t) => t.trackId));
      const missing = request.trackIds.filter((id) => !found.has(id));
      if (missing.length > 0) throw new AppError('VALIDATION_FAILED', 'Some tracks are not audio tracks of this project with audio on them.', { trackIds: missing });
    }
    if (tracks.length === 0) throw new AppError('CONFLICT', 'The project has no audio tracks with audio on them to mix.', { projectId: request.projectId });
    const seconds = Math.max(...tracks.flatMap((t) => t.clips.map((c) => c.startSeconds + c.durationSeconds)));
    return { kind: 'automix', userId, requestId, params: request, seed: 0, chargedMinutes: Math.max(1, Math.ceil(seconds / 60)), tracks };
  }

  private async describe(job: GenerationJob): Promise<GenerationStatus> {
    const state = toState(await this.queue.state(job), job);
    if (state === 'failed' || state === 'cancelled') await this.refund(job, state);
    const result = state === 'succeeded' ? job.returnvalue : undefined;
    return {
      ...jobSummary(job, state),
      seed: job.data.seed,
      files: result?.files ?? [],
      durationSeconds: result?.durationSeconds ?? null,
      ...(result?.loudness ? { loudness: result.loudness } : {}),
      ...(result?.automix ? { automix: result.automix } : {}),
      finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    };
  }
}

function isCompose(kind: GenerationKind): kind is ComposeKind {
  return (COMPOSE_KINDS as readonly GenerationKind[]).includes(kind);
}

/** Plan minutes for a render: its length at the tempo (4/4), rounded up, at least one. */
export function minutesFor(kind: ComposeKind, params: GenerationRequest<ComposeKind>): number {
  const sections = kind === 'arrangement' ? ((params as GenerationRequest<'arrangement'>).structure?.length ?? DEFAULT_ARRANGEMENT_SECTIONS) : 1;
  return Math.max(1, Math.ceil((params.bars * sections * BEATS_PER_BAR) / params.bpm));
}

function toState(state: string, job: GenerationJob): GenerationState {
  switch (state) {
    case 'completed':
      return 'succeeded';
    case 'failed':
      return job.failedReason === GENERATION_CANCELLED_REASON ? 'cancelled' : 'failed';
    case 'active':
      return 'running';
    default:
      // waiting, prioritized, delayed (a retry waiting out its backoff) and waiting-children.
      return 'queued';
  }
}

function toProgress(progress: unknown, state: GenerationState): GenerationProgress {
  if (state === 'succeeded') return { stage: 'done', percent: 100 };
  const p = progress as Partial<GenerationProgress> | number | undefined;
  if (p && typeof p === 'object' && typeof p.stage === 'string' && typeof p.percent === 'number') return { stage: p.stage, percent: p.percent };
  return { stage: 'queued', percent: 0 };
}

/** What the owner's status and the operators' list both say of a job: which, where it is, how it went. */
function jobSummary(job: GenerationJob, state: GenerationState) {
  const progress = toProgress(job.progress, state);
  return {
    jobId: job.id!,
    kind: job.data.kind,
    state,
    stage: progress.stage,
    percent: progress.percent,
    attempts: job.attemptsStarted,
    error: state === 'failed' ? (job.failedReason ?? 'failed') : null,
    createdAt: new Date(job.timestamp).toISOString(),
  };
}

function recentJob(job: GenerationJob, state: GenerationState): GenerationRecentJob {
  const { projectId } = job.data.params;
  // A job waiting out a retry's backoff keeps the time its last attempt failed.
  const finished = state === 'succeeded' || state === 'failed' || state === 'cancelled';
  return {
    ...jobSummary(job, state),
    userId: job.data.userId,
    requestId: job.data.requestId,
    chargedMinutes: job.data.chargedMinutes,
    projectId: projectId ?? null,
    startedAt: job.processedOn ? new Date(job.processedOn).toISOString() : null,
    finishedAt: finished && job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
  };
}

function cancelledBeforeStart(jobId: string, record: { kind: GenerationKind; seed: number; createdAt: number }): GenerationStatus {
  return {
    jobId,
    kind: record.kind,
    state: 'cancelled',
    stage: 'queued',
    percent: 0,
    seed: record.seed,
    attempts: 0,
    files: [],
    durationSeconds: null,
    error: GENERATION_CANCELLED_REASON,
    createdAt: new Date(record.createdAt).toISOString(),
    finishedAt: null,
  };
}

function notFound(): AppError {
  return AppError.notFound('The generation job');
}
