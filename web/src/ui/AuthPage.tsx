import { useId, useState } from 'react';
import type { Api } from '../api/api';
import { describeError } from '../api/errors';
import { navigate } from './router';

/** Sign in, or create an account. */
export function AuthPage(props: { api: Api; mode: 'login' | 'register'; next?: string }) {
  const { api, mode } = props;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { email: useId(), password: useId(), name: useId() };
  const register = mode === 'register';

  return (
    <main className="auth">
      <div className="auth-card">
        <div className="brand">
          <Logo />
          <span>DAWG AI</span>
        </div>
        <h1>{register ? 'Create your studio' : 'Welcome back'}</h1>
        <form
          className="form"
          onSubmit={async (e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            const email = String(form.get('email') ?? '').trim();
            const password = String(form.get('password') ?? '');
            setBusy(true);
            setError(null);
            try {
              if (register) await api.register({ email, password, displayName: String(form.get('displayName') ?? '').trim() });
              else await api.login({ email, password });
              navigate(props.next && props.next !== '/login' && props.next !== '/register' ? props.next : '/', { replace: true });
            } catch (err) {
              setError(describeError(err));
            } finally {
              setBusy(false);
            }
          }}
        >
          {register && (
            <>
              <label htmlFor={ids.name}>Display name</label>
              <input id={ids.name} name="displayName" autoComplete="nickname" required maxLength={80} />
            </>
          )}
          <label htmlFor={ids.email}>Email</label>
          <input id={ids.email} name="email" type="email" autoComplete="email" required maxLength={320} />
          <label htmlFor={ids.password}>Password</label>
          <input id={ids.password} name="password" type="password" autoComplete={register ? 'new-password' : 'current-password'} required minLength={register ? 10 : 1} />
          {register && <p className="hint">At least 10 characters.</p>}
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="button primary wide" disabled={busy}>
            {busy ? 'Please wait…' : register ? 'Create account' : 'Sign in'}
          </button>
        </form>
        <p className="auth-switch">
          {register ? 'Have an account? ' : 'New here? '}
          <a
            href={register ? '/login' : '/register'}
            onClick={(e) => {
              e.preventDefault();
              navigate(register ? '/login' : '/register');
            }}
          >
            {register ? 'Sign in' : 'Create an account'}
          </a>
        </p>
      </div>
    </main>
  );
}

/** Shown over whatever is open when the session cannot be renewed: sign in again, and the waiting edits go through. */
export function ReloginDialog(props: { api: Api }) {
  const { api } = props;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordId = useId();
  const email = api.session.user?.email ?? '';
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="relogin-title">
        <div className="dialog-head">
          <h2 id="relogin-title">Your session has expired</h2>
        </div>
        <p className="dialog-text">Sign in again to carry on. Nothing is lost: your last changes are waiting and will be saved once you are back.</p>
        <form
          className="form"
          onSubmit={async (e) => {
            e.preventDefault();
            setBusy(true);
            setError(null);
            try {
              await api.login({ email, password: String(new FormData(e.currentTarget).get('password') ?? '') });
            } catch (err) {
              setError(describeError(err));
            } finally {
              setBusy(false);
            }
          }}
        >
          <span className="label">Email</span>
          <input value={email} readOnly aria-label="Email" />
          <label htmlFor={passwordId}>Password</label>
          {/* The dialog opened because the session ended: the password is the one thing to type. */}
          {/* eslint-disable-next-line jsx-a11y/no-autofocus */}
          <input id={passwordId} name="password" type="password" autoComplete="current-password" required autoFocus />
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => void api.logout().then(() => navigate('/login'))}>
              Sign out instead
            </button>
            <button type="submit" className="button primary" disabled={busy}>
              Sign in
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}

export function Logo() {
  return (
    <svg viewBox="0 0 32 32" width="26" height="26" aria-hidden="true">
      <rect width="32" height="32" rx="7" fill="#1b1e25" />
      <path d="M6 20v-8M10 24V8M14 18v-4M18 22V10M22 19v-6M26 17v-2" stroke="#ff7a45" strokeWidth="2.4" strokeLinecap="round" />
    </svg>
  );
}
