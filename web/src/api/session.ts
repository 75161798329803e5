/**
 * The signed-in session: the access token (short-lived JWT) and the refresh
 * token (opaque, rotating: each use answers a new one, and presenting a used
 * one revokes the whole login). So refreshes must never race:
 *  - one at a time per tab (single flight), and across tabs through the Web
 *    Locks API; inside the lock the stored session is read again, and if
 *    another tab already rotated the token, its result is adopted;
 *  - refreshed shortly before expiry (so Socket.IO handshakes carry a live
 *    token), and on a 401.
 * When the session cannot be renewed, it is "expired": requests wait for the
 * musician to sign in again (a dialog over the studio) and then go through,
 * so no edit is lost to an expired session.
 */
import type { KeyValueStorage } from '../history/command-stack';
import { ApiError } from './errors';
import type { Session, TokenPair, User } from './types';

export interface StoredAuth {
  user: User;
  accessToken: string;
  /** Epoch ms. */
  accessExpiresAt: number;
  refreshToken: string;
}

export type AuthStatus = 'signed-out' | 'signed-in' | 'expired';

export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

export interface AuthSessionOptions {
  storage: KeyValueStorage | null;
  /** POST /auth/refresh. */
  refresh: (refreshToken: string) => Promise<TokenPair>;
  now?: () => number;
  locks?: LockManagerLike | null;
  /** Refresh this long before the access token expires. */
  marginMs?: number;
  /** Set false in tests that drive refreshes by hand. */
  autoRefresh?: boolean;
}

export const AUTH_STORAGE_KEY = 'dawg:auth';
const LOCK_NAME = 'dawg:auth-refresh';
const EXPIRED = Symbol('expired');

export class AuthSession {
  private auth: StoredAuth | null;
  private expired = false;
  private inFlight: Promise<string | null | typeof EXPIRED> | null = null;
  private waiters: Array<(token: string | null) => void> = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly now: () => number;
  private readonly marginMs: number;

  constructor(private readonly options: AuthSessionOptions) {
    this.now = options.now ?? Date.now;
    this.marginMs = options.marginMs ?? 60_000;
    this.auth = this.read();
    this.schedule();
  }

  get status(): AuthStatus {
    if (!this.auth) return 'signed-out';
    return this.expired ? 'expired' : 'signed-in';
  }
  get user(): User | null {
    return this.auth?.user ?? null;
  }
  /** The access token as it is now (possibly stale), for Socket.IO handshakes; prefer token(). */
  get currentAccessToken(): string | null {
    return this.auth?.accessToken ?? null;
  }

  /** Sent with POST /auth/logout to end this login on the server too. */
  get refreshTokenForLogout(): string | null {
    return this.auth?.refreshToken ?? null;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  signIn(session: Session | { user: User; tokens: TokenPair }): void {
    this.store({ user: session.user, ...this.fromPair(session.tokens) });
    this.expired = false;
    this.release(this.auth!.accessToken);
    this.changed();
  }

  /** Forgets the session here (the caller tells the api with POST /auth/logout). */
  signOut(): void {
    this.auth = null;
    this.expired = false;
    this.options.storage?.removeItem(AUTH_STORAGE_KEY);
    clearTimeout(this.timer);
    this.release(null);
    this.changed();
  }

  setUser(user: User): void {
    if (!this.auth) return;
    this.store({ ...this.auth, user });
    this.changed();
  }

  /** A live access token: refreshed first when it is about to expire; waits for a new sign-in when expired. */
  async token(): Promise<string | null> {
    if (!this.auth) return null;
    if (this.expired) return this.waitForSignIn();
    if (this.auth.accessExpiresAt - this.now() > 5_000) return this.auth.accessToken;
    return this.refresh(this.auth.refreshToken);
  }

  /** After a 401 with `rejected`: a newer token, by refresh or (when the session is gone) by signing in again. */
  async recover(rejected: string): Promise<string | null> {
    if (!this.auth) return null;
    if (this.auth.accessToken !== rejected && !this.expired) return this.auth.accessToken;
    if (this.expired) return this.waitForSignIn();
    return this.refresh(this.auth.refreshToken);
  }

  /** Another tab changed the stored session (the 'storage' event). */
  syncFromStorage(): void {
    const stored = this.read();
    if (!stored) {
      if (this.auth) {
        this.auth = null;
        this.release(null);
        this.changed();
      }
      return;
    }
    if (stored.refreshToken !== this.auth?.refreshToken) {
      this.auth = stored;
      this.expired = false;
      this.release(stored.accessToken);
      this.schedule();
      this.changed();
    }
  }

  private async refresh(used: string): Promise<string | null> {
    this.inFlight ??= (async () => {
      try {
        const locks = this.options.locks;
        return await (locks ? locks.request(LOCK_NAME, () => this.refreshOnce(used)) : this.refreshOnce(used));
      } finally {
        this.inFlight = null;
      }
    })();
    const token = await this.inFlight;
    // Refused: wait (outside the cross-tab lock) for the musician to sign in again.
    return token === EXPIRED ? this.waitForSignIn() : token;
  }

  private async refreshOnce(used: string): Promise<string | null | typeof EXPIRED> {
    // Another tab may have rotated the token while this one waited for the lock.
    const stored = this.read();
    if (stored && stored.refreshToken !== used) {
      this.auth = stored;
      this.schedule();
      this.changed();
      return stored.accessToken;
    }
    if (!this.auth) return null;
    try {
      const pair = await this.options.refresh(used);
      this.store({ ...this.auth, ...this.fromPair(pair) });
      this.changed();
      return this.auth.accessToken;
    } catch (err) {
      // Refused (used, revoked or expired refresh token): sign in again. Anything else (offline,
      // rate limited, a server error) keeps the session and surfaces as that request's error.
      if (err instanceof ApiError && (err.status === 401 || err.status === 400 || err.status === 403)) {
        this.expired = true;
        clearTimeout(this.timer);
        this.changed();
        return EXPIRED;
      }
      throw err;
    }
  }

  private waitForSignIn(): Promise<string | null> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private release(token: string | null): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve(token);
  }

  private fromPair(pair: TokenPair): Pick<StoredAuth, 'accessToken' | 'accessExpiresAt' | 'refreshToken'> {
    return { accessToken: pair.accessToken, accessExpiresAt: this.now() + pair.expiresIn * 1000, refreshToken: pair.refreshToken };
  }

  private store(auth: StoredAuth): void {
    this.auth = auth;
    try {
      this.options.storage?.setItem(AUTH_STORAGE_KEY, JSON.stringify(auth));
    } catch {
      // Private mode without storage: the session lives as long as the tab.
    }
    this.schedule();
  }

  private read(): StoredAuth | null {
    try {
      const raw = this.options.storage?.getItem(AUTH_STORAGE_KEY);
      const parsed = raw ? (JSON.parse(raw) as StoredAuth) : null;
      return parsed && typeof parsed.refreshToken === 'string' && parsed.user ? parsed : null;
    } catch {
      return null;
    }
  }

  /** Refreshes ahead of expiry so idle tabs and socket reconnects keep a live token. */
  private schedule(): void {
    clearTimeout(this.timer);
    if (!this.auth || this.expired || this.options.autoRefresh === false) return;
    const due = Math.max(1_000, this.auth.accessExpiresAt - this.marginMs - this.now());
    const used = this.auth.refreshToken;
    this.timer = setTimeout(() => {
      if (this.auth?.refreshToken === used) void this.refresh(used).catch(() => undefined);
    }, due);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
