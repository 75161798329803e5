import type { OpsServiceName } from '@dawg/contracts';
import { type OpsEnv, parseServiceUrls } from './ops-env';

export const OPS_SETTINGS = Symbol('OPS_SETTINGS');

export interface OpsSettings {
  /** Unset: every module runs in this process (unified), reached over loopback. */
  serviceUrls: Map<OpsServiceName, string> | undefined;
  healthTimeoutMs: number;
  sampleIntervalMs: number;
  dispatchTimeoutMs: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  breakerFailures: number;
  breakerCoolDownMs: number;
}

export function opsSettingsFrom(env: OpsEnv): OpsSettings {
  return {
    serviceUrls: env.OPS_SERVICE_URLS ? parseServiceUrls(env.OPS_SERVICE_URLS) : undefined,
    healthTimeoutMs: env.OPS_HEALTH_TIMEOUT_MS,
    sampleIntervalMs: env.OPS_HEALTH_SAMPLE_SECONDS * 1_000,
    dispatchTimeoutMs: env.OPS_DISPATCH_TIMEOUT_MS,
    retryBaseDelayMs: env.OPS_RETRY_BASE_DELAY_MS,
    retryMaxDelayMs: env.OPS_RETRY_MAX_DELAY_MS,
    breakerFailures: env.OPS_BREAKER_FAILURES,
    breakerCoolDownMs: env.OPS_BREAKER_COOLDOWN_MS,
  };
}
