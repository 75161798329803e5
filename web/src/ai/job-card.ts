/**
 * A generation job as the studio follows it, and the pure mapping from its
 * state to what its card shows. Events (`generation:progress|complete|error`)
 * and status answers fold into one `JobState` with `applyJobEvent`, in any
 * order: a late progress event never takes a finished job back to running.
 */
import {
  GENERATION_CANCELLED_REASON,
  type GenerationCompleteEvent,
  type GenerationErrorEvent,
  type GenerationFile,
  type GenerationKind,
  type GenerationLoudness,
  type GenerationProgressEvent,
  type GenerationStage,
  type GenerationState,
  type GenerationStatus,
  type AutomixTrackSetting,
} from '@dawg/contracts';

export interface JobState {
  jobId: string;
  kind: GenerationKind;
  seed: number;
  state: GenerationState;
  stage: GenerationStage;
  percent: number;
  files: GenerationFile[];
  durationSeconds: number | null;
  loudness?: GenerationLoudness;
  automix?: AutomixTrackSetting[];
  error: string | null;
  /** The worker failed an attempt and will try again. */
  retrying: boolean;
}

export type JobEvent =
  | { type: 'progress'; event: GenerationProgressEvent }
  | { type: 'complete'; event: GenerationCompleteEvent }
  | { type: 'error'; event: GenerationErrorEvent }
  | { type: 'status'; status: GenerationStatus };

export function queuedJob(jobId: string, kind: GenerationKind, seed: number): JobState {
  return { jobId, kind, seed, state: 'queued', stage: 'queued', percent: 0, files: [], durationSeconds: null, error: null, retrying: false };
}

const FINISHED: ReadonlySet<GenerationState> = new Set(['succeeded', 'failed', 'cancelled']);
export const isFinished = (job: Pick<JobState, 'state'>) => FINISHED.has(job.state);

export function applyJobEvent(job: JobState, e: JobEvent): JobState {
  if (e.type === 'status') {
    const s = e.status;
    // A status read can be older than an event already applied; a finished job stays finished.
    if (isFinished(job) && !isFinished(s)) return job;
    return {
      ...job,
      state: s.state,
      stage: s.stage,
      percent: s.percent,
      seed: s.seed,
      files: s.files,
      durationSeconds: s.durationSeconds,
      error: s.error,
      retrying: false,
      ...(s.loudness ? { loudness: s.loudness } : {}),
      ...(s.automix ? { automix: s.automix } : {}),
    };
  }
  if (isFinished(job)) return job;
  switch (e.type) {
    case 'progress': {
      const { stage, percent } = e.event;
      if (stage === 'done') return { ...job, stage, percent: 100 };
      // Percent only grows within an attempt; a retry starts again from its first stage.
      const restarted = job.retrying;
      return { ...job, state: stage === 'queued' ? job.state : 'running', stage, percent: restarted ? percent : Math.max(job.percent, percent), retrying: false };
    }
    case 'complete': {
      const r = e.event;
      return {
        ...job,
        state: 'succeeded',
        stage: 'done',
        percent: 100,
        seed: r.seed,
        files: r.files,
        durationSeconds: r.durationSeconds,
        error: null,
        retrying: false,
        ...(r.loudness ? { loudness: r.loudness } : {}),
        ...(r.automix ? { automix: r.automix } : {}),
      };
    }
    case 'error': {
      const { error, willRetry } = e.event;
      if (willRetry) return { ...job, error, retrying: true };
      return { ...job, state: error === GENERATION_CANCELLED_REASON ? 'cancelled' : 'failed', error, retrying: false };
    }
  }
}

export const KIND_NAMES: Record<GenerationKind, string> = {
  beat: 'Beat',
  melody: 'Melody',
  chords: 'Chords',
  arrangement: 'Arrangement',
  stems: 'Stems',
  mix: 'Mix',
  master: 'Master',
  lyrics: 'Lyrics',
  automix: 'Mix and master',
};

export const STAGE_NAMES: Record<GenerationStage, string> = {
  queued: 'Waiting in the queue',
  compose: 'Composing',
  render: 'Rendering audio',
  mix: 'Mixing',
  master: 'Mastering',
  encode: 'Encoding',
  store: 'Saving files',
  record: 'Recording the result',
  done: 'Done',
};

export type JobTone = 'neutral' | 'active' | 'success' | 'danger' | 'muted';

/** What a job card shows: a title, a status line, a progress bar (or none) and which actions make sense. */
export interface JobCardView {
  title: string;
  /** The state in one word, also the card's accessible status. */
  label: 'Queued' | 'Running' | 'Done' | 'Failed' | 'Cancelled';
  /** The stage in words, or what went wrong. */
  detail: string;
  /** 0–100 for the bar; null when there is no bar to show (failed, cancelled). */
  percent: number | null;
  /** The bar moves without a known amount (waiting in the queue). */
  indeterminate: boolean;
  tone: JobTone;
  canCancel: boolean;
  canUse: boolean;
}

export function jobCardView(job: JobState): JobCardView {
  // An automix has no seed of its own: it mixes what the project holds.
  const title = job.kind === 'automix' ? KIND_NAMES[job.kind] : `${KIND_NAMES[job.kind]} · seed ${job.seed}`;
  switch (job.state) {
    case 'queued':
      return { title, label: 'Queued', detail: STAGE_NAMES.queued, percent: 0, indeterminate: true, tone: 'neutral', canCancel: true, canUse: false };
    case 'running':
      return {
        title,
        label: 'Running',
        detail: job.retrying ? `Retrying after an error: ${job.error ?? 'unknown'}` : `${STAGE_NAMES[job.stage]} · ${Math.round(job.percent)}%`,
        percent: clampPercent(job.percent),
        indeterminate: false,
        tone: 'active',
        canCancel: true,
        canUse: false,
      };
    case 'succeeded':
      return { title, label: 'Done', detail: job.durationSeconds ? `Ready · ${formatSeconds(job.durationSeconds)}` : 'Ready', percent: 100, indeterminate: false, tone: 'success', canCancel: false, canUse: true };
    case 'failed':
      return { title, label: 'Failed', detail: job.error ?? 'The job failed.', percent: null, indeterminate: false, tone: 'danger', canCancel: false, canUse: false };
    case 'cancelled':
      return { title, label: 'Cancelled', detail: 'Cancelled; its generation minutes were given back.', percent: null, indeterminate: false, tone: 'muted', canCancel: false, canUse: false };
  }
}

const clampPercent = (p: number) => Math.min(100, Math.max(0, p));

export function formatSeconds(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** "−14.0 LUFS", or a dash for silence. */
export function formatLufs(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${value.toFixed(1).replace('-', '−')} LUFS`;
}
