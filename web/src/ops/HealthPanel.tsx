import { useCallback } from 'react';
import { formatLatency, formatRelative, formatUptime, uptimeLevel } from './format';
import { reported, useNow, usePolled } from './hooks';
import type { OpsApi } from './ops-api';

/** How often the console asks for health: the api samples every service itself; this only reads it. */
export const HEALTH_POLL_MS = 5000;

const STATUS_WORDS = { up: 'Healthy', degraded: 'Degraded', down: 'Down' } as const;

/** Every service's readiness, latency and 24 h uptime, refreshed live. */
export function HealthPanel(props: { ops: OpsApi; onError: (err: unknown) => void }) {
  const { ops, onError } = props;
  const load = useCallback(() => reported(ops.health(), onError), [ops, onError]);
  const health = usePolled(load, HEALTH_POLL_MS);
  const now = useNow();
  const report = health.data;

  return (
    <section className="ops-card ops-health" aria-labelledby="ops-health-title">
      <div className="ops-card-head">
        <h2 id="ops-health-title">Service health</h2>
        {report && (
          <span className={`status-pill ${report.status}`} data-testid="overall-status">
            {STATUS_WORDS[report.status]}
          </span>
        )}
        <span className="muted small" aria-live="polite">
          {health.at ? `Checked ${formatRelative(new Date(health.at).toISOString(), now)} · every ${HEALTH_POLL_MS / 1000} s` : 'Checking…'}
          {report ? ` · ${report.mode === 'in-process' ? 'all modules in this process' : 'each service at its URL'}` : ''}
        </span>
      </div>
      {health.error && (
        <p className="form-error" role="alert">
          Health could not be read: {health.error}
        </p>
      )}
      {report && (
        <table className="ops-table">
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Status</th>
              <th scope="col">Latency</th>
              <th scope="col">Uptime (24 h)</th>
              <th scope="col">Dependencies</th>
            </tr>
          </thead>
          <tbody>
            {report.services.map((service) => (
              <tr key={service.name} data-service={service.name}>
                <th scope="row">{service.name}</th>
                <td>
                  <span className={`status-dot ${service.status}`} aria-hidden="true" />
                  {STATUS_WORDS[service.status]}
                  {service.lastError && <span className="muted small ops-error-text"> · {service.lastError}</span>}
                </td>
                <td className="num">{formatLatency(service.latencyMs)}</td>
                <td className="num">
                  <span className={`uptime ${uptimeLevel(service.uptime24h)}`}>{formatUptime(service.uptime24h)}</span>
                  <span className="muted small"> ({service.samples24h} samples)</span>
                </td>
                <td>
                  <ul className="ops-checks">
                    {Object.entries(service.checks).map(([name, check]) => (
                      <li key={name} title={check.error}>
                        <span className={`status-dot ${check.status}`} aria-hidden="true" />
                        {name} {check.status === 'up' ? formatLatency(check.latencyMs) : 'down'}
                      </li>
                    ))}
                    {Object.keys(service.checks).length === 0 && <li className="muted">no answer</li>}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
