import { setTimeout as sleep } from 'node:timers/promises';
import Replicate, { type Prediction } from 'replicate';
import { downloadAudio } from './download-audio';
import type { GeneratedAudio, MusicProvider, MusicRequest } from './music-provider';
import { abortError, errorForStatus, GenerationProviderError, withDeadline } from './provider-error';

/** MusicGen was trained on 30-second clips; longer requests drift and cost more, so we ask for at most this. */
export const MUSICGEN_MAX_SECONDS = 30;

export interface MusicgenSettings {
  apiToken: string;
  /** The Replicate API, e.g. https://api.replicate.com/v1. */
  baseUrl: string;
  /** `owner/name:version` (run by version) or `owner/name` (an official model, run by name). */
  model: string;
  timeoutMs: number;
  /** The first pause between polls; it doubles up to `maxPollIntervalMs`. */
  pollIntervalMs?: number;
  maxPollIntervalMs?: number;
  userAgent?: string;
}

/** The duration MusicGen is asked for: whole seconds (the model takes an integer), 1 to MUSICGEN_MAX_SECONDS, rounded up to cover the request. */
export function musicgenDuration(seconds: number): number {
  return Math.min(MUSICGEN_MAX_SECONDS, Math.max(1, Math.ceil(seconds)));
}

const DONE: ReadonlySet<Prediction['status']> = new Set(['succeeded', 'failed', 'canceled', 'aborted']);
const CANCEL_TIMEOUT_MS = 10_000;

/**
 * Meta's MusicGen on Replicate, through the official SDK: creates a
 * prediction, polls it to the end, downloads the WAV it made.
 */
export class MusicgenProvider implements MusicProvider {
  readonly name = 'musicgen' as const;
  private readonly client: Replicate;
  private readonly target: { version: string } | { model: string };

  constructor(private readonly settings: MusicgenSettings) {
    this.client = new Replicate({ auth: settings.apiToken, baseUrl: settings.baseUrl, userAgent: settings.userAgent ?? 'dawg-ai-generation' });
    const [model, version] = settings.model.split(':') as [string, string | undefined];
    this.target = version ? { version } : { model };
  }

  async generate(req: MusicRequest, signal: AbortSignal): Promise<GeneratedAudio> {
    const { timeoutMs } = this.settings;
    const deadline = withDeadline(signal, timeoutMs);
    const aborted = () => abortError(signal, 'musicgen', timeoutMs);
    if (deadline.aborted) throw aborted();

    const durationSeconds = musicgenDuration(req.durationSeconds);
    const input = {
      prompt: req.prompt,
      duration: durationSeconds,
      // The text-only stereo model: the melody models want a melody clip we do not send.
      model_version: 'stereo-large',
      output_format: 'wav',
      normalization_strategy: 'loudness',
      seed: req.seed,
    };

    // Created without `Prefer: wait`, and not cut off by an abort: we need the
    // prediction's id to cancel it, or it runs (and bills) to the end.
    const creating = this.client.predictions.create({ ...this.target, input, signal: AbortSignal.timeout(timeoutMs) });
    let prediction: Prediction;
    try {
      prediction = await untilAborted(creating, deadline);
    } catch (err) {
      if (deadline.aborted) {
        void creating.then((late) => this.cancel(late.id), () => undefined);
        throw aborted();
      }
      throw apiError(err);
    }

    let interval = this.settings.pollIntervalMs ?? 1_000;
    while (!DONE.has(prediction.status)) {
      try {
        await sleep(interval, undefined, { signal: deadline });
        prediction = await this.client.predictions.get(prediction.id, { signal: deadline });
      } catch (err) {
        if (!deadline.aborted) throw apiError(err);
        await this.cancel(prediction.id);
        throw aborted();
      }
      interval = Math.min(interval * 2, this.settings.maxPollIntervalMs ?? 5_000);
    }

    if (prediction.status === 'failed') {
      throw new GenerationProviderError('musicgen', 'FAILED', `prediction ${prediction.id} failed: ${errorText(prediction.error)}`);
    }
    if (prediction.status !== 'succeeded') {
      throw new GenerationProviderError('musicgen', 'FAILED', `prediction ${prediction.id} was ${prediction.status} on Replicate`);
    }
    const url = outputUrl(prediction.output);
    if (!url) throw new GenerationProviderError('musicgen', 'INVALID_OUTPUT', `prediction ${prediction.id} succeeded without an output URL`);

    try {
      // No token on the download: outputs live on a separate CDN that needs none.
      const audio = await downloadAudio(url, { provider: 'musicgen', signal: deadline, fallbackType: 'audio/wav' });
      return { ...audio, provider: 'musicgen', model: modelOf(prediction, this.settings.model), externalId: prediction.id, durationSeconds };
    } catch (err) {
      if (deadline.aborted) throw aborted();
      throw err;
    }
  }

  /** Best effort: the job is over for us either way, but a running prediction keeps billing. */
  private async cancel(id: string): Promise<void> {
    await this.client.predictions.cancel(id, { signal: AbortSignal.timeout(CANCEL_TIMEOUT_MS) }).catch(() => undefined);
  }
}

/** Settles like `promise`, or rejects as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * The SDK's errors: an ApiError (a non-2xx answer, after its own retries of
 * 429 and, for GETs, 5xx) carries the response; anything else is the network.
 */
function apiError(err: unknown): GenerationProviderError {
  if (err instanceof GenerationProviderError) return err;
  const response = (err as { response?: unknown }).response;
  if (err instanceof Error && err.name === 'ApiError' && response instanceof Response) {
    return errorForStatus('musicgen', response.status, detailOf(err.message), err);
  }
  return new GenerationProviderError('musicgen', 'UNAVAILABLE', `Replicate could not be reached: ${(err as Error).message}`, { cause: err });
}

/** Replicate answers errors as problem JSON (`{title, detail, status}`); the SDK puts the body at the end of its message. */
function detailOf(message: string): string {
  const body = /failed with status \d+[^:]*: (.*)\.$/s.exec(message)?.[1] ?? message;
  try {
    const parsed = JSON.parse(body) as { detail?: unknown; title?: unknown };
    return String(parsed.detail ?? parsed.title ?? body);
  } catch {
    return body;
  }
}

function errorText(error: unknown): string {
  if (error === undefined || error === null || error === '') return 'no reason given';
  return typeof error === 'string' ? error : JSON.stringify(error);
}

/** MusicGen's output is one URL; a model with several outputs gives a list, and `run()` would give FileOutputs. */
function outputUrl(output: unknown): string | undefined {
  const first: unknown = Array.isArray(output) ? output[0] : output;
  if (typeof first === 'string') return first;
  if (first && typeof (first as { url?: unknown }).url === 'function') return String((first as { url(): URL }).url());
  return undefined;
}

function modelOf(prediction: Prediction, configured: string): string {
  return prediction.model && prediction.version && prediction.version !== 'hidden' ? `${prediction.model}:${prediction.version}` : configured;
}
