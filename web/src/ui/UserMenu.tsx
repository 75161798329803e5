import { type ReactNode, useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import type { Api } from '../api/api';
import { navigate } from './router';
import './UserMenu.css';

/** The signed-in account: a disclosure with the plan page, the ops console (admins only) and the way out. */
export function UserMenu(props: { api: Api }) {
  const { api } = props;
  const user = useSyncExternalStore(api.session.subscribe.bind(api.session), () => api.session.user);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const listId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      toggle.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  if (!user) return null;
  const go = (to: string) => {
    setOpen(false);
    navigate(to);
  };
  return (
    <div className="user-menu" ref={root}>
      <button
        ref={toggle}
        type="button"
        className="user-menu-toggle"
        aria-label={`Account menu for ${user.displayName}`}
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="avatar" aria-hidden="true" title={user.displayName}>
          {initials(user.displayName)}
        </span>
        <span className="user-name">{user.displayName}</span>
      </button>
      <ul id={listId} className="user-menu-list" hidden={!open}>
        <li className="user-menu-email muted">{user.email}</li>
        <li>
          <MenuLink to="/billing" onGo={go}>
            Plan &amp; usage
          </MenuLink>
        </li>
        {user.roles.includes('admin') && (
          <li>
            <MenuLink to="/ops" onGo={go}>
              Ops console
            </MenuLink>
          </li>
        )}
        <li>
          <button type="button" className="user-menu-item" onClick={() => void api.logout().then(() => navigate('/login'))}>
            Sign out
          </button>
        </li>
      </ul>
    </div>
  );
}

function MenuLink(props: { to: string; onGo: (to: string) => void; children: ReactNode }) {
  return (
    <a
      className="user-menu-item"
      href={props.to}
      aria-current={location.pathname === props.to ? 'page' : undefined}
      onClick={(e) => {
        e.preventDefault();
        props.onGo(props.to);
      }}
    >
      {props.children}
    </a>
  );
}

export const initials = (name: string): string =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('') || '?';
