import type { GenerationProvidersEnv, GenerationQueueEnv } from '@dawg/platform';

/** Injection token for GenerationWorkerSettings. */
export const GENERATION_WORKER_SETTINGS = Symbol('GENERATION_WORKER_SETTINGS');

export interface GenerationWorkerSettings {
  concurrency: number;
  attempts: number;
  timeoutMs: number;
  lockMs: number;
  /** How long one call to an external provider may take; a job that calls one gets this much more time. */
  providerTimeoutMs: number;
  /** Testing only (GENERATION_STAGE_DELAY_MS): a pause before each stage. */
  stageDelayMs: number;
}

export function generationWorkerSettingsFrom(env: GenerationQueueEnv & Pick<GenerationProvidersEnv, 'GENERATION_PROVIDER_TIMEOUT_MS'>): GenerationWorkerSettings {
  return {
    concurrency: env.GENERATION_CONCURRENCY,
    attempts: env.GENERATION_ATTEMPTS,
    timeoutMs: env.GENERATION_TIMEOUT_MS,
    lockMs: env.GENERATION_LOCK_MS,
    providerTimeoutMs: env.GENERATION_PROVIDER_TIMEOUT_MS,
    stageDelayMs: env.GENERATION_STAGE_DELAY_MS,
  };
}
