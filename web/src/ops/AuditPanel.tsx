import { type FormEvent, useEffect, useId, useState } from 'react';
import { describeError } from '../api/errors';
import { formatUtc, utcInputToIso } from './format';
import { Pager } from './GenerationPanel';
import { reported } from './hooks';
import type { AuditFilters, AuditPage, OpsApi } from './ops-api';

const PAGE_SIZE = 25;

/** Who did what, when: search the audit log by action, actor, text and time (UTC). */
export function AuditPanel(props: { ops: OpsApi; onError: (err: unknown) => void }) {
  const { ops, onError } = props;
  const ids = { action: useId(), actor: useId(), q: useId(), from: useId(), to: useId() };
  const [query, setQuery] = useState<{ filters: AuditFilters; page: number }>({ filters: {}, page: 1 });
  const [answer, setAnswer] = useState<{ for: typeof query; page: AuditPage | null; error: string | null } | null>(null);

  useEffect(() => {
    let alive = true;
    reported(ops.audit({ ...query.filters, page: query.page, pageSize: PAGE_SIZE }), onError).then(
      (page) => alive && setAnswer({ for: query, page, error: null }),
      (err: unknown) => alive && setAnswer((last) => ({ for: query, page: last?.page ?? null, error: describeError(err) })),
    );
    return () => {
      alive = false;
    };
  }, [ops, onError, query]);

  const loading = answer?.for !== query;
  const result = answer?.page ?? null;
  const error = answer?.error ?? null;
  const page = query.page;

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    setQuery({ page: 1, filters: { action: text('action'), actor: text('actor'), q: text('q'), from: utcInputToIso(String(form.get('from') ?? '')), to: utcInputToIso(String(form.get('to') ?? '')) } });
  };

  const pages = result ? Math.max(1, Math.ceil(result.total / PAGE_SIZE)) : 1;
  return (
    <section className="ops-card ops-audit" aria-labelledby="ops-audit-title">
      <div className="ops-card-head">
        <h2 id="ops-audit-title">Audit log</h2>
        <span className="muted small">{result ? `${result.total} event${result.total === 1 ? '' : 's'}` : ''}</span>
      </div>
      <form className="audit-form" onSubmit={submit} role="search" aria-label="Search the audit log">
        <div>
          <label htmlFor={ids.action}>Action</label>
          <input id={ids.action} name="action" placeholder="auth.* or ops.execute" />
        </div>
        <div>
          <label htmlFor={ids.actor}>Actor</label>
          <input id={ids.actor} name="actor" placeholder="email or user id" />
        </div>
        <div>
          <label htmlFor={ids.q}>Target or text</label>
          <input id={ids.q} name="q" placeholder="job id, email, plan…" />
        </div>
        <div>
          <label htmlFor={ids.from}>From (UTC)</label>
          <input id={ids.from} name="from" type="datetime-local" />
        </div>
        <div>
          <label htmlFor={ids.to}>To (UTC)</label>
          <input id={ids.to} name="to" type="datetime-local" />
        </div>
        <button type="submit" className="button primary" disabled={loading}>
          Search
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {result && result.items.length === 0 && <p className="empty small">No event matches.</p>}
      {result && result.items.length > 0 && (
        <table className="ops-table audit-table" aria-busy={loading}>
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">Action</th>
              <th scope="col">Actor</th>
              <th scope="col">Details</th>
              <th scope="col">Request</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((event) => (
              <tr key={event.id}>
                <td className="nowrap">{formatUtc(event.occurredAt).replace(' UTC', '')}</td>
                <th scope="row">
                  <code>{event.action}</code>
                </th>
                <td>{event.actor ? <span title={event.actor.id}>{event.actor.email ?? event.actor.id.slice(0, 8)}</span> : <span className="muted">system</span>}</td>
                <td className="audit-details">
                  <code title={JSON.stringify(event.details, null, 1)}>{JSON.stringify(event.details)}</code>
                </td>
                <td className="muted small">
                  {event.ip ?? ''}
                  {event.requestId ? <span title={event.requestId}> · {event.requestId.slice(0, 8)}</span> : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 && <Pager page={page} pages={pages} onPage={(next) => setQuery((q) => ({ ...q, page: next }))} label="Audit log pages" />}
    </section>
  );
}
