import type { ReactNode } from 'react';
import { jobCardView, type JobState } from './job-card';

/** A generation job: its state, a progress bar with the stage in words, and what can be done with it. */
export function JobCard(props: { job: JobState; title?: string; onCancel?: () => void; children?: ReactNode }) {
  const { job, onCancel, children } = props;
  const view = jobCardView(job);
  const title = props.title ?? view.title;
  return (
    <section className={`job-card tone-${view.tone}`} aria-label={title} data-job-id={job.jobId} data-state={job.state}>
      <div className="job-card-head">
        <strong className="job-card-title">{title}</strong>
        <span className="job-card-state">{view.label}</span>
      </div>
      {view.percent !== null ? (
        <div
          className={`job-progress${view.indeterminate ? ' indeterminate' : ''}`}
          role="progressbar"
          aria-label={`${title} progress`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={view.indeterminate ? undefined : Math.round(view.percent)}
          aria-valuetext={view.detail}
        >
          <div className="job-progress-fill" style={{ width: `${view.indeterminate ? 100 : view.percent}%` }} />
        </div>
      ) : null}
      <p className="job-card-detail" role="status">
        {view.detail}
      </p>
      {view.canCancel && onCancel ? (
        <div className="job-card-actions">
          <button type="button" className="button small" onClick={onCancel}>
            Cancel job
          </button>
        </div>
      ) : null}
      {children}
    </section>
  );
}
