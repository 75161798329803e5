import { formatDuration, formatJobProgress, JOB_STATES, jobRunMs, jobStateClass, jobStateLabel } from './generation-jobs';

describe('recent generation jobs, in words', () => {
  it('names every state and gives each its own badge class', () => {
    expect(JOB_STATES.map(jobStateLabel)).toEqual(['Queued', 'Running', 'Succeeded', 'Failed', 'Cancelled']);
    expect(JOB_STATES.map(jobStateClass)).toEqual(['job-state queued', 'job-state running', 'job-state succeeded', 'job-state failed', 'job-state cancelled']);
  });

  it('says where a job is: waiting, retrying, the running stage, done, or where it stopped', () => {
    const at = (state: (typeof JOB_STATES)[number], stage: Parameters<typeof formatJobProgress>[0]['stage'], percent: number, attempts = 1) =>
      formatJobProgress({ state, stage, percent, attempts });
    expect(at('queued', 'queued', 0, 0)).toBe('waiting');
    expect(at('queued', 'render', 40, 1)).toBe('waiting to retry');
    expect(at('running', 'render', 40.4)).toBe('render · 40%');
    expect(at('succeeded', 'done', 100)).toBe('done');
    expect(at('failed', 'mix', 60)).toBe('at mix');
    expect(at('failed', 'queued', 0)).toBe('before its first stage');
    expect(at('cancelled', 'compose', 10)).toBe('at compose');
  });

  it('writes durations from milliseconds to hours, with a dash when unknown', () => {
    expect([0, 850, 1000, 4_240, 42_900, 185_000, 3_599_999, 7_620_000].map(formatDuration)).toEqual([
      '0 ms',
      '850 ms',
      '1.0 s',
      '4.2 s',
      '42 s',
      '3 min 05 s',
      '59 min 59 s',
      '2 h 07 min',
    ]);
    expect([null, undefined, Number.NaN, -1].map(formatDuration)).toEqual(['—', '—', '—', '—']);
  });

  it('times the latest attempt: until it finished, until now while it runs, and not at all before it started', () => {
    const now = Date.parse('2026-01-01T12:00:30Z');
    const startedAt = '2026-01-01T12:00:00Z';
    expect(jobRunMs({ state: 'succeeded', startedAt, finishedAt: '2026-01-01T12:00:12Z' }, now)).toBe(12_000);
    expect(jobRunMs({ state: 'running', startedAt, finishedAt: null }, now)).toBe(30_000);
    expect(jobRunMs({ state: 'failed', startedAt, finishedAt: '2026-01-01T12:00:02Z' }, now)).toBe(2_000);
    // Waiting out a retry's backoff: the last attempt's times are not this wait's.
    expect(jobRunMs({ state: 'queued', startedAt, finishedAt: null }, now)).toBeNull();
    expect(jobRunMs({ state: 'queued', startedAt: null, finishedAt: null }, now)).toBeNull();
    expect(jobRunMs({ state: 'cancelled', startedAt: null, finishedAt: '2026-01-01T12:00:02Z' }, now)).toBeNull();
    expect(jobRunMs({ state: 'failed', startedAt, finishedAt: null }, now)).toBeNull();
  });
});
