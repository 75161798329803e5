import { ApiError } from './errors';
import { AUTH_STORAGE_KEY, AuthSession, type LockManagerLike } from './session';
import type { TokenPair, User } from './types';

const user: User = { id: 'u1', email: 'a@example.com', displayName: 'A', roles: ['user'], createdAt: '2026-01-01T00:00:00Z', version: 1 };
const pair = (n: number, expiresIn = 900): TokenPair => ({ tokenType: 'Bearer', accessToken: `access-${n}`, refreshToken: `refresh-${n}`, expiresIn });

/** One storage shared by "tabs", as localStorage is. */
const sharedStorage = () => {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
};

/** The Web Locks API's exclusive lock, in memory. */
const locks = (): LockManagerLike => {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    request: <T>(_name: string, callback: () => Promise<T>) => {
      const run = tail.then(callback, callback);
      tail = run.catch(() => undefined);
      return run;
    },
  };
};

/** The api's rotation rule: each refresh token works once; a reused one is refused. */
const rotatingServer = () => {
  let current = 'refresh-0';
  let issued = 0;
  const calls: string[] = [];
  return {
    calls,
    refresh: async (token: string) => {
      calls.push(token);
      await new Promise((r) => setTimeout(r, 5));
      if (token !== current) throw new ApiError(401, 'UNAUTHENTICATED', 'refresh token reused');
      const next = pair(++issued);
      current = next.refreshToken;
      return next;
    },
  };
};

describe('the session', () => {
  let now = 1_000_000;
  const clock = () => now;

  it('refreshes once for many callers when the access token is about to expire', async () => {
    const server = rotatingServer();
    const session = new AuthSession({ storage: sharedStorage(), refresh: server.refresh, now: clock, autoRefresh: false });
    session.signIn({ user, tokens: pair(0, 60) });
    now += 58_000;
    const tokens = await Promise.all([session.token(), session.token(), session.token()]);
    expect(tokens).toEqual(['access-1', 'access-1', 'access-1']);
    expect(server.calls).toEqual(['refresh-0']);
  });

  it('never presents a rotated refresh token twice across tabs: the second tab adopts the first one’s result', async () => {
    const server = rotatingServer();
    const storage = sharedStorage();
    const lock = locks();
    const tabA = new AuthSession({ storage, refresh: server.refresh, now: clock, locks: lock, autoRefresh: false });
    tabA.signIn({ user, tokens: pair(0, 60) });
    const tabB = new AuthSession({ storage, refresh: server.refresh, now: clock, locks: lock, autoRefresh: false });
    now += 59_000;
    const [a, b] = await Promise.all([tabA.token(), tabB.token()]);
    expect([a, b]).toEqual(['access-1', 'access-1']);
    expect(server.calls).toEqual(['refresh-0']);
    expect(tabB.status).toBe('signed-in');
  });

  it('recovers from a 401 with a fresh token, or with the one another call already got', async () => {
    const server = rotatingServer();
    const session = new AuthSession({ storage: sharedStorage(), refresh: server.refresh, now: clock, autoRefresh: false });
    session.signIn({ user, tokens: pair(0) });
    expect(await session.recover('access-0')).toBe('access-1');
    expect(await session.recover('access-0')).toBe('access-1');
    expect(server.calls).toHaveLength(1);
  });

  it('when the login is gone, waits for the musician to sign in again, then carries on', async () => {
    const session = new AuthSession({
      storage: sharedStorage(),
      refresh: async () => {
        throw new ApiError(401, 'UNAUTHENTICATED', 'revoked');
      },
      now: clock,
      autoRefresh: false,
    });
    session.signIn({ user, tokens: pair(0) });
    const waiting = session.recover('access-0');
    await new Promise((r) => setTimeout(r, 10));
    expect(session.status).toBe('expired');
    session.signIn({ user, tokens: pair(7) });
    expect(await waiting).toBe('access-7');
    expect(session.status).toBe('signed-in');
  });

  it('keeps the session through a network error (the request fails, the login stays)', async () => {
    const session = new AuthSession({
      storage: sharedStorage(),
      refresh: async () => {
        throw new TypeError('Failed to fetch');
      },
      now: clock,
      autoRefresh: false,
    });
    session.signIn({ user, tokens: pair(0) });
    await expect(session.recover('access-0')).rejects.toThrow('Failed to fetch');
    expect(session.status).toBe('signed-in');
  });

  it('is kept in storage for the next visit, and signing out clears it', () => {
    const storage = sharedStorage();
    const session = new AuthSession({ storage, refresh: rotatingServer().refresh, now: clock, autoRefresh: false });
    session.signIn({ user, tokens: pair(0) });
    expect(new AuthSession({ storage, refresh: rotatingServer().refresh, now: clock, autoRefresh: false }).user).toEqual(user);
    session.signOut();
    expect(storage.getItem(AUTH_STORAGE_KEY)).toBeNull();
    expect(session.status).toBe('signed-out');
  });
});
