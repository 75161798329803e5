import { type ChangeEvent, useCallback, useId, useState } from 'react';
import { describeError } from '../api/errors';
import { formatRelative, formatUtc } from './format';
import { formatDuration, formatJobProgress, JOB_STATES, jobRunMs, jobStateClass, jobStateLabel } from './generation-jobs';
import { type Polled, reported, useNow, usePolled } from './hooks';
import type { OpsApi, RecentJobPage, RecentJobState } from './ops-api';

const PAGE_SIZE = 10;
/** The dead letters are read again this often, and at once after a retry. */
const REFRESH_MS = 30_000;
/** The recent jobs change as fast as the queue works: read more often, so a job is seen moving. */
const RECENT_REFRESH_MS = 5_000;

/**
 * The generation queue for operators: its recent jobs of every state, and
 * the jobs that failed for good, with their last error and a retry once the
 * cause is fixed.
 */
export function GenerationPanel(props: { ops: OpsApi; onError: (err: unknown) => void }) {
  const { ops, onError } = props;
  const [page, setPage] = useState(1);
  const load = useCallback(() => reported(ops.deadLetters(page, PAGE_SIZE), onError), [ops, onError, page]);
  const failed = usePolled(load, REFRESH_MS);
  const [recentQuery, setRecentQuery] = useState<{ status: RecentJobState | undefined; page: number }>({ status: undefined, page: 1 });
  const loadRecent = useCallback(() => reported(ops.recentJobs(recentQuery.status, recentQuery.page, PAGE_SIZE), onError), [ops, onError, recentQuery]);
  const recent = usePolled(loadRecent, RECENT_REFRESH_MS);
  const now = useNow(5000);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const data = failed.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  const retry = async (jobId: string) => {
    setBusy(jobId);
    try {
      const status = await ops.retryJob(jobId);
      setMessage(`Job ${jobId.slice(0, 8)} (${status.kind}) is queued again.`);
      await Promise.all([failed.reload(), recent.reload()]);
    } catch (err) {
      onError(err);
      setMessage(`Job ${jobId.slice(0, 8)} could not be retried: ${describeError(err)}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <section className="ops-card ops-generation" aria-labelledby="ops-generation-title">
        <div className="ops-card-head">
          <h2 id="ops-generation-title">Failed generation jobs</h2>
          <span className="muted small">{data ? `${data.total} failed for good (kept 30 days)` : 'Loading…'}</span>
        </div>
        {failed.error && (
          <p className="form-error" role="alert">
            {failed.error}
          </p>
        )}
        <p className="muted small" role="status">
          {message}
        </p>
        {data && data.items.length === 0 && <p className="empty small">No failed jobs. Everything the queue took on finished or is still running.</p>}
        {data && data.items.length > 0 && (
          <table className="ops-table">
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">Kind</th>
                <th scope="col">Failed</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last error</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((job) => (
                <tr key={job.jobId}>
                  <th scope="row">
                    <code title={job.jobId}>{job.jobId.slice(0, 8)}</code>
                  </th>
                  <td>{job.kind}</td>
                  <td title={job.failedAt ? formatUtc(job.failedAt) : undefined}>{job.failedAt ? formatRelative(job.failedAt, now) : '—'}</td>
                  <td className="num">{job.attempts}</td>
                  <td className="ops-error-text">{job.error}</td>
                  <td>
                    <button type="button" className="button small" disabled={busy !== null} onClick={() => void retry(job.jobId)} aria-label={`Retry job ${job.jobId.slice(0, 8)}`}>
                      {busy === job.jobId ? 'Retrying…' : 'Retry'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {pages > 1 && <Pager page={page} pages={pages} onPage={setPage} label="Failed jobs pages" />}
      </section>
      <RecentJobs
        recent={recent}
        status={recentQuery.status}
        page={recentQuery.page}
        onStatus={(status) => setRecentQuery({ status, page: 1 })}
        onPage={(next) => setRecentQuery((q) => ({ ...q, page: next }))}
        now={now}
      />
    </>
  );
}

/** The newest jobs of every state, or of the one chosen, a page at a time. */
function RecentJobs(props: {
  recent: Polled<RecentJobPage>;
  status: RecentJobState | undefined;
  page: number;
  onStatus: (status: RecentJobState | undefined) => void; 
  onPage: (page: number) => void;
  now: number;
}) {
  const { recent, status, page, now } = props;
  const filterId = useId();
  const data = recent.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const choose = (e: ChangeEvent<HTMLSelectElement>) => props.onStatus((JOB_STATES as readonly string[]).includes(e.target.value) ? (e.target.value as RecentJobState) : undefined);

  return (
    <section className="ops-card ops-recent-jobs" aria-labelledby="ops-recent-jobs-title">
      <div className="ops-card-head">
        <h2 id="ops-recent-jobs-title">Recent generation jobs</h2>
        <span className="muted small">{data ? `${data.total} job${data.total === 1 ? '' : 's'}${status ? ` ${jobStateLabel(status).toLowerCase()}` : ''}` : 'Loading…'}</span>
        <span className="ops-filter">
          <label htmlFor={filterId} className="small muted">
            Status
          </label>
          <select id={filterId} value={status ?? ''} onChange={choose}>
            <option value="">All states</option>
            {JOB_STATES.map((state) => (
              <option key={state} value={state}>
                {jobStateLabel(state)}
              </option>
            ))}
          </select>
        </span>
      </div>
      {recent.error && (
        <p className="form-error" role="alert">
          {recent.error}
        </p>
      )}
      {data && data.items.length === 0 && <p className="empty small">{status ? `No ${jobStateLabel(status).toLowerCase()} jobs on the queue.` : 'No generation jobs on the queue.'}</p>}
      {data && data.items.length > 0 && (
        <table className="ops-table" aria-label="Recent jobs">
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">Kind</th>
              <th scope="col">Status</th>
              <th scope="col">Owner</th>
              <th scope="col">Progress</th>
              <th scope="col">Queued</th>
              <th scope="col">Duration</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((job) => (
              <tr key={job.jobId}>
                <th scope="row">
                  <code title={job.jobId}>{job.jobId.slice(0, 8)}</code>
                </th>
                <td>{job.kind}</td>
                <td>
                  <span className={jobStateClass(job.state)}>{jobStateLabel(job.state)}</span>
                </td>
                <td>
                  <code title={job.projectId ? `${job.userId} · project ${job.projectId}` : job.userId}>{job.userId.slice(0, 8)}</code>
                </td>
                <td>
                  {formatJobProgress(job)}
                  {job.error && <div className="ops-error-text small">{job.error}</div>}
                </td>
                <td className="nowrap" title={formatUtc(job.createdAt)}>
                  {formatRelative(job.createdAt, now)}
                </td>
                <td className="num">{formatDuration(jobRunMs(job, now))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 && <Pager page={page} pages={pages} onPage={props.onPage} label="Recent jobs pages" />}
    </section>
  );
}

export function Pager(props: { page: number; pages: number; onPage: (page: number) => void; label: string }) {
  const { page, pages, onPage } = props;
  return (
    <nav className="pager" aria-label={props.label}>
      <button type="button" className="button small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous
      </button>
      <span className="small muted">
        Page {page} of {pages}
      </span>
      <button type="button" className="button small" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Next
      </button>
    </nav>
  );
}
