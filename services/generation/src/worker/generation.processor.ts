import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import {
  COMPOSE_KINDS,
  type ComposeKind,
  GENERATION_CANCELLED_REASON,
  type GenerationFile,
  type GenerationJobData,
  type GenerationKind,
  type GenerationProgress,
  type GenerationRequest,
  type GenerationResult,
  type GenerationStage,
} from '@dawg/contracts';
import { generationCancelKey, PLATFORM_ENV, type PlatformEnv, REDIS_CLIENT, ROOT_LOGGER } from '@dawg/platform';
import type { Lyrics } from '@dawg/music';
import { type LyricsWriter } from '../providers/lyrics-writer';
import { durationFor, musicPrompt } from '../providers/prompt';
import { GenerationProviderError } from '../providers/provider-error';
import { LYRICS_WRITER, MUSIC_PROVIDER_REGISTRY, type MusicProviderRegistry } from '../providers/providers.module';
import { GenerationEventsRepository } from './generation-events';
import { GenerationFilesRepository } from './generation-files.repository';
import { GenerationJobsRepository } from './generation-jobs.repository';
import { PROVIDER_AUDIO, type SourceFile, sourceFilesFor, storedPathOf } from './render-generation';
import { RenderRunner } from './render-runner';
import { GENERATION_WORKER_SETTINGS, type GenerationWorkerSettings } from './generation-worker.settings';

export type GenerationQueueJob = Job<GenerationJobData, GenerationResult, GenerationKind>;

const SAMPLE_RATE = 44_100;
const CANCEL_POLL_MS = 250;

class JobCancelled extends Error {}
class JobTimedOut extends Error {}

/**
 * One generation job, in stages: compose, render, mix, master, encode (in a
 * render thread), then store and record. Idempotent, so a retry or a
 * take-over after a worker died is harmless: files go to keys fixed by the
 * job id, the row is upserted by the job id, and a job already recorded as
 * succeeded returns its recorded result without rendering again.
 */
@Injectable()
export class GenerationProcessor {
  constructor(
    private readonly jobs: GenerationJobsRepository,
    private readonly files: GenerationFilesRepository,
    private readonly renders: RenderRunner,
    private readonly events: GenerationEventsRepository,
    @Inject(GENERATION_WORKER_SETTINGS) private readonly settings: GenerationWorkerSettings,
    @Inject(MUSIC_PROVIDER_REGISTRY) private readonly musicProviders: MusicProviderRegistry,
    @Inject(LYRICS_WRITER) private readonly lyricsWriter: LyricsWriter | null,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(PLATFORM_ENV) private readonly env: PlatformEnv,
    @Inject(ROOT_LOGGER) private readonly rootLogger: Logger,
  ) {}

  async process(job: GenerationQueueJob): Promise<GenerationResult> {
    const jobId = job.id!;
    const { data } = job;
    const logger = this.rootLogger.child({ jobId, kind: data.kind, requestId: data.requestId, attempt: job.attemptsStarted });
    const recorded = await this.jobs.find(jobId);
    if (recorded?.status === 'succeeded' && recorded.result) {
      logger.info('job already recorded as succeeded; returning its result');
      return recorded.result as GenerationResult;
    }

    const abort = new AbortController();
    // A job that waits on an external model gets that model's time on top of its own.
    const timeoutMs = this.settings.timeoutMs + (this.usesProvider(data) ? this.settings.providerTimeoutMs : 0);
    const timeout = setTimeout(() => abort.abort(new JobTimedOut(`timed out after ${timeoutMs} ms`)), timeoutMs);
    const cancelKey = generationCancelKey(this.env.REDIS_KEY_PREFIX, jobId);
    const watch = setInterval(() => {
      this.redis.exists(cancelKey).then(
        (n) => n > 0 && abort.abort(new JobCancelled(GENERATION_CANCELLED_REASON)),
        () => undefined,
      );
    }, CANCEL_POLL_MS);
    let stage: GenerationStage = 'compose';
    const report = (next: GenerationStage, percent: number) => {
      stage = next;
      const progress: GenerationProgress = { stage: next, percent };
      // Progress is advisory: a failed write must not fail the job.
      void job.updateProgress(progress).catch(() => undefined);
      void this.jobs.progress(jobId, next, percent).catch(() => undefined);
      this.events.emit(data.userId, 'generation:progress', { jobId, kind: data.kind, ...progress });
    };
    const pause = () => (this.settings.stageDelayMs > 0 ? sleep(this.settings.stageDelayMs, undefined, { signal: abort.signal }).catch(() => undefined) : undefined);
    const check = () => abort.signal.throwIfAborted();

    try {
      await this.jobs.started(jobId, data, job.attemptsStarted);
      if ((await this.redis.exists(cancelKey)) > 0) throw new JobCancelled(GENERATION_CANCELLED_REASON);
      logger.info('generation started');
      report('compose', 5);
      await pause();
      check();
      // Stems, mix and master work on what their source stored; reading it is I/O, so it happens here, not in the render.
      const sourceFiles: SourceFile[] = [];
      for (const file of sourceFilesFor(data.kind, data.source?.files)) {
        sourceFiles.push({ name: file.name, ...(file.stem === undefined ? {} : { stem: file.stem }), bytes: await this.files.get(file.key) });
      }
      // An automix plays the user's own uploads, each read once however many clips use it.
      for (const key of new Set(data.tracks?.flatMap((t) => t.clips.map((c) => c.storageKey)))) {
        sourceFiles.push({ name: key, bytes: await this.files.get(key) });
      }
      check();
      const external = await this.fromProviders(data, abort.signal, logger);
      if (external.audio) sourceFiles.push(external.audio);
      check();
      const output = await this.renders.run(
        { kind: data.kind, params: data.params, seed: data.seed, source: data.source, tracks: data.tracks, sourceFiles, lyrics: external.lyrics, sampleRate: SAMPLE_RATE },
        { signal: abort.signal, onProgress: report },
      );

      report('store', 80);
      await pause();
      check();
      const files: GenerationFile[] = [];
      for (const file of output.files) {
        const key = GenerationFilesRepository.keyOf(data.userId, jobId, storedPathOf(file));
        const sizeBytes = await this.files.put(key, file.kind, file.bytes);
        files.push({
          name: file.name,
          kind: file.kind,
          key,
          sizeBytes,
          ...(file.durationSeconds === undefined ? {} : { durationSeconds: file.durationSeconds }),
          ...(file.stem === undefined ? {} : { stem: file.stem }),
        });
      }

      report('record', 95);
      await pause();
      check();
      const result: GenerationResult = {
        seed: data.seed,
        durationSeconds: output.durationSeconds,
        files,
        ...(output.loudness ? { loudness: output.loudness } : {}),
        ...(output.automix ? { automix: output.automix } : {}),
        ...(external.provider ? { provider: external.provider } : {}),
      };
      await this.jobs.succeeded(jobId, result);
      this.events.emit(data.userId, 'generation:complete', { jobId, kind: data.kind, ...result });
      logger.info({ files: files.length, durationSeconds: output.durationSeconds }, 'generation succeeded');
      return result;
    } catch (caught) {
      const err = abort.signal.aborted && !(caught instanceof JobCancelled) ? (abort.signal.reason as Error) : (caught as Error);
      const cancelled = err instanceof JobCancelled;
      const willRetry = !cancelled && !(err instanceof GenerationProviderError && !err.retryable) && job.attemptsStarted < (job.opts.attempts ?? 1);
      const message = err instanceof JobTimedOut ? `${stage}: ${err.message}` : err.message;
      await this.jobs.stopped(jobId, cancelled ? 'cancelled' : willRetry ? 'queued' : 'failed', message).catch(() => undefined);
      this.events.emit(data.userId, 'generation:error', { jobId, kind: data.kind, error: message, willRetry });
      logger.warn({ err, stage, willRetry }, cancelled ? 'generation cancelled' : 'generation attempt failed');
      // A cancelled job is never retried; its failure reason tells the api it was cancelled.
      if (cancelled) throw new UnrecoverableError(GENERATION_CANCELLED_REASON);
      // A refused key or a prompt the model failed on will fail the same way again.
      if (err instanceof GenerationProviderError && !err.retryable) throw new UnrecoverableError(message);
      throw new Error(message);
    } finally {
      clearTimeout(timeout);
      clearInterval(watch);
    }
  }

  private usesProvider(data: GenerationJobData): boolean {
    return (isCompose(data.kind) && (data.params as GenerationRequest<ComposeKind>).provider !== 'builtin') || (data.kind === 'lyrics' && this.lyricsWriter !== null);
  }

  /**
   * The I/O half of an external generation: audio from the music model a
   * composed job asked for (decoded and mastered in the render), or lyrics
   * from the lyrics model when one is configured — falling back to the
   * offline generator, with the reason recorded, when the model fails.
   */
  private async fromProviders(data: GenerationJobData, signal: AbortSignal, logger: Logger): Promise<{ audio?: SourceFile; lyrics?: Lyrics; provider?: GenerationResult['provider'] }> {
    if (isCompose(data.kind)) {
      const params = data.params as GenerationRequest<ComposeKind> & { seed: number };
      if (params.provider === 'builtin') return {};
      const provider = this.musicProviders.get(params.provider);
      if (!provider) throw new GenerationProviderError(params.provider, 'REJECTED', 'this provider is not configured on the worker');
      const audio = await provider.generate({ prompt: musicPrompt(data.kind, params), durationSeconds: durationFor(params), seed: data.seed }, signal);
      logger.info({ provider: audio.provider, model: audio.model, externalId: audio.externalId, bytes: audio.bytes.length }, 'external model answered');
      return { audio: { name: PROVIDER_AUDIO, bytes: audio.bytes }, provider: { name: audio.provider, model: audio.model, externalId: audio.externalId } };
    }
    if (data.kind !== 'lyrics' || !this.lyricsWriter) return {};
    const { topic, mood, genre, structure, linesPerSection } = data.params as GenerationRequest<'lyrics'>;
    try {
      const lyrics = await this.lyricsWriter.write({ topic, mood, genre, structure, linesPerSection, seed: data.seed }, signal);
      return { lyrics, provider: { name: 'openai', model: this.lyricsWriter.model } };
    } catch (err) {
      if (signal.aborted) throw err;
      logger.warn({ err }, 'the lyrics model failed; writing them offline');
      return { provider: { name: 'offline', fallbackReason: (err as Error).message } };
    }
  }
}

function isCompose(kind: GenerationKind): kind is ComposeKind {
  return (COMPOSE_KINDS as readonly GenerationKind[]).includes(kind);
}
