import type { ExternalMusicProviderName } from '@dawg/contracts';

/** Injection token for GenerationQueueSettings. */
export const GENERATION_QUEUE_SETTINGS = Symbol('GENERATION_QUEUE_SETTINGS');

/** Per-job retry policy set when a job is enqueued (GENERATION_ATTEMPTS, GENERATION_BACKOFF_MS). */
export interface GenerationQueueSettings {
  attempts: number;
  backoffMs: number;
  /** External music providers the installation configures (REPLICATE_API_TOKEN, SUNO_API_URL); a request for another is refused. */
  musicProviders: readonly ExternalMusicProviderName[];
}
