import { useCallback, useId, useMemo, useState } from 'react';
import { BarChart } from './BarChart';
import { lastDays, pivotByDay } from './chart-scale';
import { formatUsd } from './format';
import { reported, usePolled } from './hooks';
import type { OpsApi, OpsMetrics } from './ops-api';

const RANGES = [7, 14, 30, 90] as const;
const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;

/** Accounts, projects, generation jobs and AI spend, as numbers and SVG charts. */
export function MetricsPanel(props: { ops: OpsApi; onError: (err: unknown) => void }) {
  const { ops, onError } = props;
  const [days, setDays] = useState<(typeof RANGES)[number]>(14);
  const rangeId = useId();
  const load = useCallback(() => reported(ops.metrics(days), onError), [ops, onError, days]);
  const metrics = usePolled(load, 60_000);
  const data = metrics.data;

  return (
    <section className="ops-card ops-metrics" aria-labelledby="ops-metrics-title">
      <div className="ops-card-head">
        <h2 id="ops-metrics-title">Business metrics</h2>
        <label htmlFor={rangeId} className="small muted">
          Range
        </label>
        <select id={rangeId} value={days} onChange={(e) => setDays(Number(e.target.value) as (typeof RANGES)[number])}>
          {RANGES.map((d) => (
            <option key={d} value={d}>
              last {d} days
            </option>
          ))}
        </select>
      </div>
      {metrics.error && (
        <p className="form-error" role="alert">
          Metrics could not be read: {metrics.error}
        </p>
      )}
      {data && <MetricsBody data={data} days={days} />}
    </section>
  );
}

function MetricsBody(props: { data: OpsMetrics; days: number }) {
  const { data, days } = props;
  const today = data.generatedAt.slice(0, 10);
  const growth = useMemo(
    () => ({
      series: ['new accounts', 'new projects'],
      points: data.daily.map((d) => ({ label: d.day, values: { 'new accounts': d.newUsers, 'new projects': d.newProjects } })),
    }),
    [data.daily],
  );
  const cost = useMemo(
    () =>
      pivotByDay(
        data.aiCost?.costByProviderPerDay ?? [],
        lastDays(today, days),
        (r) => r.day,
        (r) => r.provider,
        (r) => r.costUsd,
      ),
    [data.aiCost, today, days],
  );
  const jobs = data.generationJobs;
  const jobMax = jobs ? Math.max(1, ...JOB_STATUSES.map((s) => jobs.jobsByStatus[s])) : 1;

  return (
    <>
      <dl className="kpis">
        <Kpi label="Accounts" value={data.users.total} note={`${data.users.new7d} new in 7 days`} />
        <Kpi label="Active (24 h)" value={data.users.active24h} note={`${data.users.new24h} new in 24 h`} />
        <Kpi label="Projects" value={data.projects.total} />
        <Kpi label="Generation jobs" value={jobs ? jobs.total : '—'} note={jobs ? `${jobs.createdLast24h} in 24 h` : 'generation did not answer'} />
        <Kpi label={`AI cost (${days} d)`} value={data.aiCost ? formatUsd(data.aiCost.totalCostUsd) : '—'} note={data.aiCost ? `${cost.series.length} provider${cost.series.length === 1 ? '' : 's'}` : 'ai-brain did not answer'} />
      </dl>
      {data.missing.length > 0 && (
        <p className="ops-warning" role="status">
          Left out: {data.missing.map((m) => `${m.part} (${m.service}: ${m.error})`).join('; ')}
        </p>
      )}
      <div className="chart-grid">
        <div>
          <h3>AI cost per provider per day</h3>
          <BarChart title="AI cost per provider per day, US dollars" series={cost.series} points={cost.points} stacked format={formatUsd} emptyText="No AI spend in this range" />
        </div>
        <div>
          <h3>New accounts and projects per day</h3>
          <BarChart title="New accounts and projects per day" series={growth.series} points={growth.points} integer emptyText="No sign-ups or projects in this range" />
        </div>
        <div>
          <h3>Generation jobs by status</h3>
          {jobs ? (
            <ul className="hbars" aria-label="Generation jobs by status">
              {JOB_STATUSES.map((status) => (
                <li key={status}>
                  <span className="hbar-label">{status}</span>
                  <span className="hbar-track" aria-hidden="true">
                    <span className={`hbar-fill ${status}`} style={{ width: `${(jobs.jobsByStatus[status] / jobMax) * 100}%` }} />
                  </span>
                  <span className="hbar-value">{jobs.jobsByStatus[status]}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">The generation service did not answer.</p>
          )}
        </div>
      </div>
    </>
  );
}

function Kpi(props: { label: string; value: number | string; note?: string }) {
  return (
    <div className="kpi">
      <dt>{props.label}</dt>
      <dd>
        <span className="kpi-value">{props.value}</span>
        {props.note && <span className="muted small">{props.note}</span>}
      </dd>
    </div>
  );
}
