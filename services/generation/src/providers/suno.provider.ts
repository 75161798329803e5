import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { downloadAudio } from './download-audio';
import type { GeneratedAudio, MusicProvider, MusicRequest } from './music-provider';
import { abortError, errorForStatus, GenerationProviderError, truncate, withDeadline } from './provider-error';

/** Suno reads a description prompt of about this many characters; longer ones are refused. */
export const SUNO_PROMPT_MAX_CHARS = 200;
/** Polls in a row that may fail (an outage, a 5xx) before the generation is given up. */
const POLL_FAILURES_TOLERATED = 3;

export interface SunoSettings {
  /** The Suno-compatible API's base URL (its routes are under /api). */
  baseUrl: string;
  apiKey?: string;
  timeoutMs: number;
  /** The first pause between polls; it grows by half each poll up to `maxPollIntervalMs`. */
  pollIntervalMs?: number;
  maxPollIntervalMs?: number;
  /** A model to ask for (e.g. `chirp-v3-5`); the server's default when unset. */
  model?: string;
}

const clipSchema = z.object({
  id: z.string().min(1),
  status: z.string(),
  audio_url: z.string().nullish(),
  model_name: z.string().nullish(),
  duration: z.union([z.number(), z.string()]).nullish(),
  error_message: z.string().nullish(),
});
type SunoClip = z.infer<typeof clipSchema>;
// gcui-art/suno-api answers a list of clips; Suno's own feed wraps it in `clips`.
const clipListSchema = z.union([z.array(clipSchema), z.object({ clips: z.array(clipSchema) }).transform((body) => body.clips)]);

/**
 * Instrumentals from a Suno-compatible API (the gcui-art/suno-api routes):
 * POST /api/generate without waiting, GET /api/get?ids= until the first
 * clip is `complete`, then its audio (usually MP3). Suno takes no seed and
 * picks its own length, and the API has no cancel: an abort stops polling.
 */
export class SunoProvider implements MusicProvider {
  readonly name = 'suno' as const;

  constructor(private readonly settings: SunoSettings) {}

  async generate(req: MusicRequest, signal: AbortSignal): Promise<GeneratedAudio> {
    const { timeoutMs } = this.settings;
    const deadline = withDeadline(signal, timeoutMs);
    if (deadline.aborted) throw abortError(signal, 'suno', timeoutMs);
    try {
      const body = { prompt: sunoPrompt(req.prompt), make_instrumental: true, wait_audio: false, ...(this.settings.model ? { model: this.settings.model } : {}) };
      const [first] = await this.clips('POST', 'api/generate', body, deadline);
      if (!first) throw new GenerationProviderError('suno', 'INVALID_OUTPUT', 'the generate request answered no clips');
      const clip = await this.untilComplete(first, deadline);
      if (!clip.audio_url) throw new GenerationProviderError('suno', 'INVALID_OUTPUT', `clip ${clip.id} is complete without an audio_url`);
      const audio = await downloadAudio(clip.audio_url, {
        provider: 'suno',
        signal: deadline,
        fallbackType: 'audio/mpeg',
        // The key goes only to the API's own host, never to the CDN the audio usually lives on.
        headers: new URL(clip.audio_url).origin === new URL(this.settings.baseUrl).origin ? this.authHeaders() : undefined,
      });
      const seconds = Number(clip.duration);
      return { ...audio, provider: 'suno', model: clip.model_name ?? this.settings.model ?? 'suno', externalId: clip.id, ...(seconds > 0 ? { durationSeconds: seconds } : {}) };
    } catch (err) {
      if (deadline.aborted) throw abortError(signal, 'suno', timeoutMs);
      throw err;
    }
  }

  private async untilComplete(clip: SunoClip, signal: AbortSignal): Promise<SunoClip> {
    let interval = this.settings.pollIntervalMs ?? 3_000;
    let failures = 0;
    // `streaming` clips already have an audio_url, but to a partial stream: wait for the whole file.
    while (clip.status !== 'complete') {
      if (clip.status === 'error') {
        throw new GenerationProviderError('suno', 'FAILED', `clip ${clip.id} failed: ${clip.error_message || 'no reason given'}`);
      }
      await sleep(interval, undefined, { signal });
      interval = Math.min(interval * 1.5, this.settings.maxPollIntervalMs ?? 10_000);
      try {
        const found = (await this.clips('GET', `api/get?ids=${encodeURIComponent(clip.id)}`, undefined, signal)).find((c) => c.id === clip.id);
        if (!found) throw new GenerationProviderError('suno', 'INVALID_OUTPUT', `clip ${clip.id} is no longer reported by the API`);
        clip = found;
        failures = 0;
      } catch (err) {
        const transient = err instanceof GenerationProviderError && err.code === 'UNAVAILABLE';
        if (!transient || signal.aborted || ++failures > POLL_FAILURES_TOLERATED) throw err;
      }
    }
    return clip;
  }

  private async clips(method: 'GET' | 'POST', path: string, body: unknown, signal: AbortSignal): Promise<SunoClip[]> {
    const base = this.settings.baseUrl.endsWith('/') ? this.settings.baseUrl : `${this.settings.baseUrl}/`;
    let response: Response;
    try {
      response = await fetch(new URL(path, base), {
        method,
        headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...this.authHeaders() },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (err) {
      if (signal.aborted) throw err;
      throw new GenerationProviderError('suno', 'UNAVAILABLE', `the API could not be reached: ${(err as Error).message}`, { cause: err });
    }
    const text = await response.text();
    if (!response.ok) throw errorForStatus('suno', response.status, errorMessage(text));
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new GenerationProviderError('suno', 'INVALID_OUTPUT', `${method} /${path} answered something other than JSON: ${truncate(text, 120)}`);
    }
    const parsed = clipListSchema.safeParse(json);
    if (!parsed.success) throw new GenerationProviderError('suno', 'INVALID_OUTPUT', `${method} /${path} answered an unexpected shape: ${truncate(text, 200)}`);
    return parsed.data;
  }

  private authHeaders(): Record<string, string> {
    return this.settings.apiKey ? { authorization: `Bearer ${this.settings.apiKey}` } : {};
  }
}

/** The prompt cut to Suno's limit, at a comma where one is near, so it stays a list of whole descriptors. */
export function sunoPrompt(prompt: string): string {
  const flat = prompt.replace(/\s+/g, ' ').trim();
  if (flat.length <= SUNO_PROMPT_MAX_CHARS) return flat;
  const cut = flat.slice(0, SUNO_PROMPT_MAX_CHARS);
  const comma = cut.lastIndexOf(',');
  return (comma > SUNO_PROMPT_MAX_CHARS / 2 ? cut.slice(0, comma) : cut).trim();
}

/** gcui-art/suno-api errors are `{error}`; Suno's own are `{detail}`. */
function errorMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: unknown; detail?: unknown };
    return String(body.error ?? body.detail ?? text);
  } catch {
    return text;
  }
}
