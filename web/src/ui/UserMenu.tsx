import { useSyncExternalStore } from 'react';
import type { Api } from '../api/api';
import { navigate } from './router';

/** The signed-in account and the way out. */
export function UserMenu(props: { api: Api }) {
  const { api } = props;
  const user = useSyncExternalStore(api.session.subscribe.bind(api.session), () => api.session.user);
  if (!user) return null;
  return (
    <div className="user-menu">
      <span className="avatar" aria-hidden="true" title={user.displayName}>
        {initials(user.displayName)}
      </span>
      <span className="user-name">{user.displayName}</span>
      <button type="button" className="button small" onClick={() => void api.logout().then(() => navigate('/login'))}>
        Sign out
      </button>
    </div>
  );
}

export const initials = (name: string): string =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('') || '?';
