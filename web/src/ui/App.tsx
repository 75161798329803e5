import { lazy, Suspense, useEffect, useSyncExternalStore } from 'react';
import type { Api } from '../api/api';
import { AuthPage, ReloginDialog } from './AuthPage';
import { ProjectsPage } from './ProjectsPage';
import { matchRoute, navigate, usePath } from './router';

// The studio (timeline, audio engine, exports) loads when a project opens, not with the sign-in page.
const StudioPage = lazy(() => import('./StudioPage').then((m) => ({ default: m.StudioPage })));
const BillingPage = lazy(() => import('../billing/BillingPage').then((m) => ({ default: m.BillingPage })));
const OpsPage = lazy(() => import('../ops/OpsPage').then((m) => ({ default: m.OpsPage })));

/** The app shell: who is signed in decides between the sign-in pages and the studio. */
export function App(props: { api: Api }) {
  const { api } = props;
  const status = useSyncExternalStore(api.session.subscribe.bind(api.session), () => api.session.status);
  const path = usePath();
  const route = matchRoute(path);

  useEffect(() => {
    // Another tab signed in, rotated the tokens or signed out.
    const onStorage = (e: StorageEvent) => e.key === 'dawg:auth' && api.session.syncFromStorage();
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [api]);

  useEffect(() => {
    if (status === 'signed-out' && route.name !== 'login' && route.name !== 'register') navigate(`/login${path !== '/' ? `?next=${encodeURIComponent(path)}` : ''}`, { replace: true });
    if (status !== 'signed-out' && (route.name === 'login' || route.name === 'register')) navigate('/', { replace: true });
  }, [status, route.name, path]);

  if (status === 'signed-out') {
    const next = new URLSearchParams(location.search).get('next') ?? undefined;
    return <AuthPage api={api} mode={route.name === 'register' ? 'register' : 'login'} next={next} />;
  }

  return (
    <>
      {route.name === 'studio' ? (
        <Suspense fallback={<div className="page center muted">Opening the studio…</div>}>
          <StudioPage key={route.projectId} api={api} projectId={route.projectId} />
        </Suspense>
      ) : route.name === 'billing' ? (
        <Suspense fallback={<div className="page center muted">Loading your plan…</div>}>
          <BillingPage api={api} />
        </Suspense>
      ) : route.name === 'ops' ? (
        <Suspense fallback={<div className="page center muted">Opening the ops console…</div>}>
          <OpsPage api={api} />
        </Suspense>
      ) : route.name === 'not-found' ? (
        <main className="page center">
          <h1>Nothing here</h1>
          <button type="button" className="button primary" onClick={() => navigate('/')}>
            Go to your projects
          </button>
        </main>
      ) : (
        <ProjectsPage api={api} />
      )}
      {status === 'expired' && <ReloginDialog api={api} />}
    </>
  );
}
