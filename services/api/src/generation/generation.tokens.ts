/** Injection token for GenerationQueueSettings. */
export const GENERATION_QUEUE_SETTINGS = Symbol('GENERATION_QUEUE_SETTINGS');

/** Per-job retry policy set when a job is enqueued (GENERATION_ATTEMPTS, GENERATION_BACKOFF_MS). */
export interface GenerationQueueSettings {
  attempts: number;
  backoffMs: number;
}
