import { useCallback, useEffect, useReducer, useState } from 'react';
import type { Api } from '../api/api';
import { describeError } from '../api/errors';
import { approvalIdFromLink, approvalsReducer, initialApprovals, pendingApprovals, recentDecisions } from './approvals';
import { formatRelative, formatUtc } from './format';
import { reported, useNow, usePolled } from './hooks';
import type { Approval as ApprovalItem, OpsApi } from './ops-api';
import { connectOpsFeed } from './ops-socket';

/** The REST list is read again this often, in case a notification was missed while disconnected. */
const APPROVALS_POLL_MS = 15_000;
const SESSIONS_POLL_MS = 5000;

/** The SSH gateway: pending approvals (live), live sessions, and recent decisions. */
export function GatewayPanel(props: { api: Api; ops: OpsApi; onError: (err: unknown) => void }) {
  const { api, ops, onError } = props;
  const now = useNow();
  const [state, dispatch] = useReducer(approvalsReducer, initialApprovals);
  const [live, setLive] = useState(false);
  const [announcement, setAnnouncement] = useState('');

  const refreshApprovals = useCallback(async () => {
    try {
      // Pending ones first on their own, so a long history of decisions cannot push one out of the list.
      const [waiting, recent] = await Promise.all([reported(ops.approvals('pending'), onError), reported(ops.approvals(), onError)]);
      dispatch({ type: 'listed', items: [...recent, ...waiting] });
    } catch {
      // Shown by the next successful read; the live feed keeps working meanwhile.
    }
  }, [ops, onError]);

  useEffect(() => {
    void refreshApprovals();
    const timer = setInterval(() => void refreshApprovals(), APPROVALS_POLL_MS);
    return () => clearInterval(timer);
  }, [refreshApprovals]);

  useEffect(
    () =>
      connectOpsFeed(api.session, {
        onConnectionChange: (connected) => {
          setLive(connected);
          // Catch up on whatever was requested while the socket was away.
          if (connected) void refreshApprovals();
        },
        onNotification: (event) => {
          const id = approvalIdFromLink(event.link);
          if (!id) return;
          dispatch({ type: 'announced', notification: { id, title: event.title, body: event.body ?? '', at: event.at } });
          setAnnouncement(`${event.title}: ${event.body ?? ''}`);
          ops.approval(id).then(
            (approval) => dispatch({ type: 'fetched', approval }),
            () => undefined,
          );
        },
      }),
    [api, ops, refreshApprovals],
  );

  const decide = async (approval: ApprovalItem, verb: 'approve' | 'deny', reason: string) => {
    dispatch({ type: 'deciding', id: approval.id, verb });
    try {
      const decided = await (verb === 'approve' ? ops.approve(approval.id, reason || undefined) : ops.deny(approval.id, reason || undefined));
      dispatch({ type: 'decided', approval: decided });
      setAnnouncement(`${verb === 'approve' ? 'Approved' : 'Denied'}: ${approval.line}`);
    } catch (err) {
      onError(err);
      dispatch({ type: 'failed', id: approval.id, error: describeError(err) });
      void refreshApprovals();
    }
  };

  const pending = pendingApprovals(state, now);
  const announced = Object.values(state.announced);
  const decisions = recentDecisions(state);

  return (
    <section className="ops-card ops-gateway" aria-labelledby="ops-gateway-title">
      <div className="ops-card-head">
        <h2 id="ops-gateway-title">SSH gateway</h2>
        <span className={`live ${live ? 'on' : 'off'}`}>{live ? 'Live' : 'Reconnecting…'}</span>
      </div>
      <div className="visually-hidden" role="status" aria-live="assertive">
        {announcement}
      </div>

      <h3 id="ops-approvals-title">Pending approvals</h3>
      {pending.length === 0 && announced.length === 0 ? (
        <p className="empty small">No command is waiting for approval. New requests appear here as they are made.</p>
      ) : (
        <ul className="approvals" aria-labelledby="ops-approvals-title">
          {announced.map((a) => (
            <li key={a.id} className="approval announced">
              <strong>{a.title}</strong>
              <span className="muted small">{a.body}</span>
            </li>
          ))}
          {pending.map((approval) => (
            <ApprovalRow key={approval.id} approval={approval} now={now} deciding={state.deciding[approval.id]} error={state.errors[approval.id]} onDecide={decide} />
          ))}
        </ul>
      )}

      <SessionsTable ops={ops} onError={onError} now={now} />

      {decisions.length > 0 && (
        <>
          <h3>Recent decisions</h3>
          <ul className="decisions">
            {decisions.map((a) => (
              <li key={a.id}>
                <span className={`decision ${a.status}`}>{a.status}</span> <code>{a.line}</code>
                <span className="muted small">
                  {' '}
                  · {a.agent ? `agent ${a.agent}` : 'user'} {a.requesterId.slice(0, 8)}
                  {a.decidedAt ? ` · ${formatRelative(a.decidedAt, now)}` : ''}
                  {a.reason ? ` · “${a.reason}”` : ''}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ApprovalRow(props: { approval: ApprovalItem; now: number; deciding?: 'approve' | 'deny'; error?: string; onDecide: (a: ApprovalItem, verb: 'approve' | 'deny', reason: string) => Promise<void> }) {
  const { approval, now, deciding } = props;
  const [reason, setReason] = useState('');
  const reasonId = `reason-${approval.id}`;
  return (
    <li className="approval" data-approval={approval.id}>
      <div className="approval-main">
        <code className="approval-line">{approval.line}</code>
        <span className="muted small">
          {approval.agent ? `agent ${approval.agent} of ` : ''}user <span title={approval.requesterId}>{approval.requesterId.slice(0, 8)}</span> · rule {approval.rule} · in {approval.cwd} · requested{' '}
          {formatRelative(approval.requestedAt, now)} · <span title={formatUtc(approval.expiresAt)}>expires {formatRelative(approval.expiresAt, now)}</span>
        </span>
        {props.error && (
          <span className="form-error small" role="alert">
            {props.error}
          </span>
        )}
      </div>
      <div className="approval-actions">
        <label htmlFor={reasonId} className="visually-hidden">
          Reason for the decision on {approval.line}
        </label>
        <input id={reasonId} placeholder="Reason (optional)" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
        <button type="button" className="button small primary" disabled={deciding !== undefined} onClick={() => void props.onDecide(approval, 'approve', reason)} aria-label={`Approve ${approval.line}`}>
          {deciding === 'approve' ? 'Approving…' : 'Approve'}
        </button>
        <button type="button" className="button small danger" disabled={deciding !== undefined} onClick={() => void props.onDecide(approval, 'deny', reason)} aria-label={`Deny ${approval.line}`}>
          {deciding === 'deny' ? 'Denying…' : 'Deny'}
        </button>
      </div>
    </li>
  );
}

function SessionsTable(props: { ops: OpsApi; onError: (err: unknown) => void; now: number }) {
  const { ops, onError, now } = props;
  const load = useCallback(() => reported(ops.sessions(), onError), [ops, onError]);
  const sessions = usePolled(load, SESSIONS_POLL_MS);
  const [ending, setEnding] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const end = async (id: string) => {
    setEnding(id);
    setError(null);
    try {
      await ops.endSession(id);
      await sessions.reload();
    } catch (err) {
      onError(err);
      setError(describeError(err));
    } finally {
      setEnding(null);
    }
  };

  const items = sessions.data ?? [];
  return (
    <>
      <h3 id="ops-sessions-title">Live sessions</h3>
      {(sessions.error ?? error) && (
        <p className="form-error" role="alert">
          {sessions.error ?? error}
        </p>
      )}
      {items.length === 0 ? (
        <p className="empty small">{sessions.loading ? 'Loading…' : 'No SSH session is open.'}</p>
      ) : (
        <table className="ops-table" aria-labelledby="ops-sessions-title">
          <thead>
            <tr>
              <th scope="col">Who</th>
              <th scope="col">From</th>
              <th scope="col">Started</th>
              <th scope="col">Last activity</th>
              <th scope="col">Running</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((s) => (
              <tr key={s.id} data-session={s.id}>
                <th scope="row">
                  {s.agent ? `${s.agent} · ` : ''}
                  <span title={s.userId}>{s.userId.slice(0, 8)}</span>
                </th>
                <td>
                  {s.ip} <span className="muted small">({s.replica})</span>
                </td>
                <td title={formatUtc(s.startedAt)}>{formatRelative(s.startedAt, now)}</td>
                <td>{formatRelative(s.lastActivityAt, now)}</td>
                <td>{s.running ? <code>{s.running}</code> : <span className="muted">idle</span>}</td>
                <td>
                  <button type="button" className="button small danger-text" disabled={ending !== null} onClick={() => void end(s.id)} aria-label={`End session ${s.id.slice(0, 8)}`}>
                    {ending === s.id ? 'Ending…' : 'End'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
