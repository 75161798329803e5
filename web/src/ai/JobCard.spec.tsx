import { render, screen, within } from '@testing-library/react';
import { GENERATION_CANCELLED_REASON, type GenerationStatus } from '@dawg/contracts';
import { applyJobEvent, jobCardView, type JobState, queuedJob } from './job-card';
import { JobCard } from './JobCard';

const beat = () => queuedJob('job-1', 'beat', 42);
const progress = (stage: 'compose' | 'render' | 'master' | 'done', percent: number) => ({ type: 'progress' as const, event: { jobId: 'job-1', kind: 'beat' as const, stage, percent } });
const file = { name: 'beat.wav', kind: 'wav' as const, key: 'generations/u/job-1/beat.wav', sizeBytes: 10, durationSeconds: 13.7 };
const complete = { type: 'complete' as const, event: { jobId: 'job-1', kind: 'beat' as const, seed: 42, durationSeconds: 13.7, files: [file] } };

function renderCard(job: JobState) {
  const view = render(<JobCard job={job} onCancel={() => undefined} />);
  return { card: screen.getByRole('region', { name: 'Beat · seed 42' }), ...view };
}

describe('the job card', () => {
  it('queued: a waiting bar without a value, the queue in words, and Cancel', () => {
    const { card } = renderCard(beat());
    const bar = within(card).getByRole('progressbar', { name: 'Beat · seed 42 progress' });
    expect(bar.getAttribute('aria-valuenow')).toBeNull();
    expect(bar.getAttribute('aria-valuetext')).toBe('Waiting in the queue');
    expect(within(card).getByText('Queued')).toBeTruthy();
    expect(within(card).getByRole('button', { name: 'Cancel job' })).toBeTruthy();
  });

  it('running: the stage named and the bar at its percent', () => {
    const job = [progress('compose', 10), progress('render', 45)].reduce(applyJobEvent, beat());
    const { card } = renderCard(job);
    const bar = within(card).getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('45');
    expect(within(card).getByRole('status').textContent).toBe('Rendering audio · 45%');
    expect((card.querySelector('.job-progress-fill') as HTMLElement).style.width).toBe('45%');
    expect(within(card).getByText('Running')).toBeTruthy();
  });

  it('done: a full bar, the length, no Cancel', () => {
    const job = [progress('render', 50), progress('done', 100), complete].reduce(applyJobEvent, beat());
    const { card } = renderCard(job);
    expect(within(card).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    expect(within(card).getByRole('status').textContent).toBe('Ready · 0:14');
    expect(within(card).queryByRole('button', { name: 'Cancel job' })).toBeNull();
    expect(job.files).toEqual([file]);
  });

  it('failed: the error, no bar; a retried attempt is not a failure', () => {
    let job = applyJobEvent(applyJobEvent(beat(), progress('render', 60)), { type: 'error', event: { jobId: 'job-1', kind: 'beat', error: 'worker crashed', willRetry: true } });
    expect(jobCardView(job)).toMatchObject({ label: 'Running', detail: 'Retrying after an error: worker crashed' });
    // The retry starts again from its first stage: its percent is not held at the earlier 60.
    job = applyJobEvent(job, progress('compose', 5));
    expect(job.percent).toBe(5);
    job = applyJobEvent(job, { type: 'error', event: { jobId: 'job-1', kind: 'beat', error: 'render failed for good', willRetry: false } });
    const { card } = renderCard(job);
    expect(within(card).queryByRole('progressbar')).toBeNull();
    expect(within(card).getByText('Failed')).toBeTruthy();
    expect(within(card).getByRole('status').textContent).toBe('render failed for good');
  });

  it('cancelled: says so and that the minutes came back', () => {
    const job = applyJobEvent(beat(), { type: 'error', event: { jobId: 'job-1', kind: 'beat', error: GENERATION_CANCELLED_REASON, willRetry: false } });
    const { card } = renderCard(job);
    expect(within(card).getByText('Cancelled')).toBeTruthy();
    expect(within(card).getByRole('status').textContent).toMatch(/minutes were given back/);
    expect(within(card).queryByRole('progressbar')).toBeNull();
  });

  it('never goes back from finished: a late progress event or an older status read is ignored', () => {
    const done = applyJobEvent(beat(), complete);
    expect(applyJobEvent(done, progress('render', 40))).toBe(done);
    const olderStatus: GenerationStatus = { jobId: 'job-1', kind: 'beat', state: 'running', stage: 'render', percent: 40, seed: 42, attempts: 1, files: [], durationSeconds: null, error: null, createdAt: '2026-11-24T10:00:00Z', finishedAt: null };
    expect(applyJobEvent(done, { type: 'status', status: olderStatus })).toBe(done);
    // ...but a status read brings a job that missed its events up to date.
    const caughtUp = applyJobEvent(beat(), { type: 'status', status: { ...olderStatus, state: 'succeeded', stage: 'done', percent: 100, files: [file], durationSeconds: 13.7 } });
    expect(jobCardView(caughtUp)).toMatchObject({ label: 'Done', canUse: true });
  });
});
