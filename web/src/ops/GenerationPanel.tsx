import { useCallback, useState } from 'react';
import { describeError } from '../api/errors';
import { formatRelative, formatUtc } from './format';
import { reported, useNow, usePolled } from './hooks';
import type { OpsApi } from './ops-api';

const PAGE_SIZE = 10;

/** Generation jobs that failed for good, with their last error, and a retry once the cause is fixed. */
export function GenerationPanel(props: { ops: OpsApi; onError: (err: unknown) => void }) {
  const { ops, onError } = props;
  const [page, setPage] = useState(1);
  const load = useCallback(() => reported(ops.deadLetters(page, PAGE_SIZE), onError), [ops, onError, page]);
  const failed = usePolled(load, 30_000);
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
      await failed.reload();
    } catch (err) {
      onError(err);
      setMessage(`Job ${jobId.slice(0, 8)} could not be retried: ${describeError(err)}`);
    } finally {
      setBusy(null);
    }
  };

  return (
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
