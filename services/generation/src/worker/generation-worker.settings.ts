import type { GenerationQueueEnv } from '@dawg/platform';

/** Injection token for GenerationWorkerSettings. */
export const GENERATION_WORKER_SETTINGS = Symbol('GENERATION_WORKER_SETTINGS');

export interface GenerationWorkerSettings {
  concurrency: number;
  attempts: number;
  timeoutMs: number;
  lockMs: number;
  /** Testing only (GENERATION_STAGE_DELAY_MS): a pause before each stage. */
  stageDelayMs: number;
}

export function generationWorkerSettingsFrom(env: GenerationQueueEnv): GenerationWorkerSettings {
  return {
    concurrency: env.GENERATION_CONCURRENCY,
    attempts: env.GENERATION_ATTEMPTS,
    timeoutMs: env.GENERATION_TIMEOUT_MS,
    lockMs: env.GENERATION_LOCK_MS,
    stageDelayMs: env.GENERATION_STAGE_DELAY_MS,
  };
}
