import { act, fireEvent, render, screen } from '@testing-library/react';
import { Api } from '../api/api';
import { AuthPage } from './AuthPage';
import { ShortcutSheet } from './ShortcutSheet';
import { SHORTCUTS } from '../studio/shortcuts';

/** The api at the network boundary: answers by route, records what was asked. */
function fakeApi(routes: Record<string, (body: unknown) => { status: number; body: unknown }>) {
  const requests: Array<{ method: string; path: string; body: unknown }> = [];
  const send = (async (input: Request) => {
    const path = new URL(input.url).pathname;
    const body = input.method === 'GET' ? undefined : await input.json().catch(() => undefined);
    requests.push({ method: input.method, path, body });
    const answer = routes[`${input.method} ${path}`]?.(body) ?? { status: 404, body: { error: { code: 'NOT_FOUND', message: 'No such route', requestId: 'r' } } };
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
  return { api: new Api({ baseUrl: 'http://localhost', storage: window.localStorage, fetch: send }), requests };
}

const session = {
  user: { id: 'u1', email: 'mara@example.com', displayName: 'Mara', roles: ['user'], createdAt: '2026-01-01T00:00:00Z', version: 1 },
  tokens: { tokenType: 'Bearer', accessToken: 'a1', refreshToken: 'r1', expiresIn: 900 },
};

describe('signing in', () => {
  beforeEach(() => window.localStorage.clear());

  it('shows the api’s one generic error, and keeps what was typed', async () => {
    const { api } = fakeApi({ 'POST /api/v1/auth/login': () => ({ status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'Wrong email or password.', requestId: 'r' } } }) });
    render(<AuthPage api={api} mode="login" />);
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'mara@example.com' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'nope' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sign in' })));
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong email or password.');
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('mara@example.com');
    expect(api.session.status).toBe('signed-out');
  });

  it('registers, keeps the session for the next visit, and sends no unknown field', async () => {
    const { api, requests } = fakeApi({ 'POST /api/v1/auth/register': () => ({ status: 201, body: session }) });
    render(<AuthPage api={api} mode="register" />);
    fireEvent.change(screen.getByLabelText('Display name'), { target: { value: 'Mara' } });
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'mara@example.com' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'correct horse battery' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Create account' })));
    expect(requests).toEqual([{ method: 'POST', path: '/api/v1/auth/register', body: { email: 'mara@example.com', password: 'correct horse battery', displayName: 'Mara' } }]);
    expect(api.session.status).toBe('signed-in');
    expect(JSON.parse(window.localStorage.getItem('dawg:auth')!)).toMatchObject({ refreshToken: 'r1', user: { email: 'mara@example.com' } });
  });

  it('retries a request refused with 401 once, with the refreshed token', async () => {
    let refreshed = false;
    const { api, requests } = fakeApi({
      'POST /api/v1/auth/login': () => ({ status: 200, body: session }),
      'POST /api/v1/auth/refresh': () => ((refreshed = true), { status: 200, body: { ...session.tokens, accessToken: 'a2', refreshToken: 'r2' } }),
      'GET /api/v1/me': () => (refreshed ? { status: 200, body: session.user } : { status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'expired', requestId: 'r' } } }),
    });
    await api.login({ email: 'mara@example.com', password: 'correct horse battery' });
    expect(await api.me()).toEqual(session.user);
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/v1/auth/login', 'GET /api/v1/me', 'POST /api/v1/auth/refresh', 'GET /api/v1/me']);
    expect(requests[2]!.body).toEqual({ refreshToken: 'r1' });
  });
});

describe('the shortcut sheet', () => {
  it('lists every shortcut the studio answers to', () => {
    render(<ShortcutSheet onClose={() => undefined} />);
    const rows = screen.getAllByRole('row');
    expect(rows).toHaveLength(SHORTCUTS.length);
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeTruthy();
    expect(screen.getByText('Undo')).toBeTruthy();
  });
});
