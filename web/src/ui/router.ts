import { useSyncExternalStore } from 'react';

/** Client-side routes on the History API; unified answers index.html for any of them. */
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());
if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === location.pathname + location.search) return;
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  notify();
}

export function usePath(): string {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => location.pathname,
  );
}

export type Route = { name: 'login' } | { name: 'register' } | { name: 'projects' } | { name: 'studio'; projectId: string } | { name: 'billing' } | { name: 'ops' } | { name: 'not-found' };

export function matchRoute(path: string): Route {
  if (path === '/login') return { name: 'login' };
  if (path === '/register') return { name: 'register' };
  if (path === '/' || path === '/projects') return { name: 'projects' };
  if (path === '/billing') return { name: 'billing' };
  if (path === '/ops') return { name: 'ops' };
  const studio = /^\/projects\/([0-9a-f-]{36})\/?$/i.exec(path);
  if (studio) return { name: 'studio', projectId: studio[1]! };
  return { name: 'not-found' };
}
