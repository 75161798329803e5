import { useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import type { Api } from '../api/api';
import { ApiError } from '../api/errors';
import { Logo } from '../ui/AuthPage';
import { navigate } from '../ui/router';
import { UserMenu } from '../ui/UserMenu';
import { AuditPanel } from './AuditPanel';
import { GatewayPanel } from './GatewayPanel';
import { GenerationPanel } from './GenerationPanel';
import { HealthPanel } from './HealthPanel';
import { MetricsPanel } from './MetricsPanel';
import { opsApi } from './ops-api';
import './ops.css';

/** Whether the signed-in account may see the console (the api decides again on every call). */
export const isAdmin = (user: { roles: readonly string[] } | null): boolean => Boolean(user?.roles.includes('admin'));

/** The operators' console: health, metrics, generation failures, the SSH gateway and the audit log. */
export function OpsPage(props: { api: Api }) {
  const { api } = props;
  const user = useSyncExternalStore(api.session.subscribe.bind(api.session), () => api.session.user);
  const ops = useMemo(() => opsApi(api), [api]);
  // An account whose admin role was taken away still holds a token that says admin until it renews.
  const [refused, setRefused] = useState(false);
  const onError = useCallback((err: unknown) => {
    if (err instanceof ApiError && err.status === 403) setRefused(true);
  }, []);

  const allowed = isAdmin(user) && !refused;
  return (
    <div className="page ops-page">
      <header className="page-head">
        <div className="brand">
          <Logo />
          <span>DAWG AI</span>
          <span className="ops-crumb">Ops console</span>
        </div>
        <nav aria-label="Pages" className="ops-nav">
          <a
            href="/"
            onClick={(e) => {
              e.preventDefault();
              navigate('/');
            }}
          >
            Projects
          </a>
        </nav>
        <UserMenu api={api} />
      </header>
      {!allowed ? (
        <main className="page center ops-refused">
          <h1>Admins only</h1>
          <p className="muted" role="alert">
            The ops console is for administrators of this installation. Ask an admin to grant you the role (<code>npm run admin -- grant &lt;email&gt;</code>), then sign in again.
          </p>
          <button type="button" className="button primary" onClick={() => navigate('/')}>
            Back to your projects
          </button>
        </main>
      ) : (
        <main className="ops">
          <h1 className="visually-hidden">Ops console</h1>
          <HealthPanel ops={ops} onError={onError} />
          <GatewayPanel api={api} ops={ops} onError={onError} />
          <GenerationPanel ops={ops} onError={onError} />
          <MetricsPanel ops={ops} onError={onError} />
          <AuditPanel ops={ops} onError={onError} />
        </main>
      )}
    </div>
  );
}
