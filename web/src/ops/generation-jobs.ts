/** Words for the ops console's list of recent generation jobs: states, progress and run times. Pure. */
import type { RecentJob, RecentJobState } from './ops-api';

/** The states in the order a job goes through them, for the filter. */
export const JOB_STATES: readonly RecentJobState[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];

const LABELS: Record<RecentJobState, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export function jobStateLabel(state: RecentJobState): string {
  return LABELS[state];
}

/** The badge's classes: its colour comes from the state. */
export function jobStateClass(state: RecentJobState): string {
  return `job-state ${state}`;
}

/**
 * Where the job is: `waiting`, `waiting to retry` (a failed attempt is
 * waiting out its backoff), `render · 40%`, `done`, or where a failed or
 * cancelled one stopped.
 */
export function formatJobProgress(job: Pick<RecentJob, 'state' | 'stage' | 'percent' | 'attempts'>): string {
  switch (job.state) {
    case 'queued':
      return job.attempts > 0 ? 'waiting to retry' : 'waiting';
    case 'running':
      return `${job.stage} · ${Math.round(job.percent)}%`;
    case 'succeeded':
      return 'done';
    default:
      return job.stage === 'queued' ? 'before its first stage' : `at ${job.stage}`;
  }
}

/** `850 ms`, `4.2 s`, `42 s`, `3 min 05 s`, `2 h 07 min`; `—` when unknown. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.floor(seconds)} s`;
  const whole = Math.floor(seconds);
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
  return `${Math.floor(whole / 3600)} h ${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')} min`;
}

/**
 * How long the latest attempt ran: until it finished, or until `now` while
 * it runs; null before a worker took it (a cancelled job that never started
 * included).
 */
export function jobRunMs(job: Pick<RecentJob, 'state' | 'startedAt' | 'finishedAt'>, now: number): number | null {
  if (!job.startedAt || job.state === 'queued') return null;
  const started = Date.parse(job.startedAt);
  const ended = job.state === 'running' ? now : job.finishedAt ? Date.parse(job.finishedAt) : Number.NaN;
  const ms = ended - started;
  return Number.isFinite(ms) ? Math.max(0, ms) : null;
}
