import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import type { EntityManager } from 'typeorm';
import type { LoginRequest, RegisterRequest, SessionResponse, TokenPair, UpdateMeRequest, User } from '@dawg/contracts';
import { JwtSigner, type Role, ROLES } from '@dawg/auth';
import type { UserEntity } from '@dawg/db';
import { AppError } from '@dawg/platform';
import { AuditRepository } from '../audit/audit.repository';
import { AccountsRepository } from './accounts.repository';

export const ACCOUNTS_SETTINGS = Symbol('ACCOUNTS_SETTINGS');
export interface AccountsSettings {
  accessTtlSeconds: number;
  refreshTtlDays: number;
}

export interface ClientInfo {
  userAgent: string | null;
  ip: string | null;
  requestId: string | null;
}

const ARGON2 = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
const BAD_LOGIN = 'The email or password is incorrect.';

/** Accounts: registration, password login, rotating refresh tokens with reuse detection, the caller's profile. */
@Injectable()
export class AccountsService {
  // A real hash to verify against when the email is unknown, so both cases cost the same.
  private readonly dummyHash = argon2.hash(randomBytes(16).toString('hex'), ARGON2);

  constructor(
    private readonly accounts: AccountsRepository,
    private readonly audit: AuditRepository,
    private readonly signer: JwtSigner,
    @Inject(ACCOUNTS_SETTINGS) private readonly settings: AccountsSettings,
  ) {}

  async register(request: RegisterRequest, client: ClientInfo): Promise<SessionResponse> {
    // Hashed before the transaction, so no connection is held during the slow part.
    const passwordHash = await argon2.hash(request.password, ARGON2);
    const session = await this.accounts.transaction(async (em) => {
      const user = await this.accounts.createUser({ email: request.email, passwordHash, displayName: request.displayName }, em);
      if (!user) return undefined;
      await this.audit.record({ action: 'account.registered', actorId: user.id, ...who(client) }, em);
      return { user: toUser(user), tokens: await this.startSession(user, randomUUID(), client, em) };
    });
    if (!session) throw new AppError('CONFLICT', 'An account with this email already exists.');
    return session;
  }

  async login(request: LoginRequest, client: ClientInfo): Promise<SessionResponse> {
    const user = await this.accounts.findUserByEmail(request.email);
    const ok = await argon2.verify(user?.passwordHash ?? (await this.dummyHash), request.password);
    if (!user || !ok) {
      await this.audit.record({ action: 'auth.login.failed', actorId: user?.id ?? null, ...who(client), details: { email: request.email } });
      throw AppError.unauthenticated(BAD_LOGIN);
    }
    return this.accounts.transaction(async (em) => {
      await this.audit.record({ action: 'auth.login.succeeded', actorId: user.id, ...who(client) }, em);
      return { user: toUser(user), tokens: await this.startSession(user, randomUUID(), client, em) };
    });
  }

  /**
   * Exchanges a refresh token for a new pair. A token can be exchanged once:
   * presenting it again means it leaked, so the whole login (its family) is revoked.
   */
  async refresh(refreshToken: string, client: ClientInfo): Promise<TokenPair> {
    const outcome = await this.accounts.transaction(async (em) => {
      const session = await this.accounts.lockSessionByHash(em, hashToken(refreshToken));
      if (!session || session.revokedAt) return { kind: 'invalid' as const };
      if (session.usedAt) {
        await this.accounts.revokeFamily(session.familyId, 'reuse', em);
        await this.audit.record({ action: 'auth.refresh.reused', actorId: session.userId, ...who(client), details: { familyId: session.familyId } }, em);
        return { kind: 'reused' as const };
      }
      if (session.expiresAt.getTime() <= Date.now()) return { kind: 'invalid' as const };
      const user = await this.accounts.findUserById(session.userId, em);
      if (!user) return { kind: 'invalid' as const };
      await this.accounts.markUsed(em, session.id);
      return { kind: 'ok' as const, tokens: await this.startSession(user, session.familyId, client, em) };
    });
    // Thrown only after the transaction committed, so a reuse revocation sticks.
    if (outcome.kind === 'reused') throw AppError.unauthenticated('This refresh token was already used; the session is revoked. Sign in again.');
    if (outcome.kind === 'invalid') throw AppError.unauthenticated('The refresh token is invalid or expired.');
    return outcome.tokens;
  }

  /** Ends the login the refresh token belongs to. Unknown tokens are ignored: logging out is idempotent. */
  async logout(refreshToken: string, client: ClientInfo): Promise<void> {
    await this.accounts.transaction(async (em) => {
      const session = await this.accounts.lockSessionByHash(em, hashToken(refreshToken));
      if (!session) return;
      await this.accounts.revokeFamily(session.familyId, 'logout', em);
      await this.audit.record({ action: 'auth.logout', actorId: session.userId, ...who(client), details: { familyId: session.familyId } }, em);
    });
  }

  async me(userId: string): Promise<User> {
    const user = await this.accounts.findUserById(userId);
    if (!user) throw AppError.notFound('The account');
    return toUser(user);
  }

  async updateMe(userId: string, request: UpdateMeRequest): Promise<User> {
    const updated = await this.accounts.updateDisplayName(userId, request.displayName, request.version);
    if (updated) return toUser(updated);
    const current = await this.accounts.findUserById(userId);
    if (!current) throw AppError.notFound('The account');
    throw new AppError('CONFLICT', 'The account was changed since you read it; reload and try again.', { currentVersion: current.version });
  }

  private async startSession(
    user: UserEntity,
    familyId: string,
    client: ClientInfo,
    em: EntityManager,
  ): Promise<TokenPair> {
    const refreshToken = randomBytes(32).toString('base64url');
    await this.accounts.insertSession(
      {
        userId: user.id,
        familyId,
        tokenHash: hashToken(refreshToken),
        expiresAt: new Date(Date.now() + this.settings.refreshTtlDays * 86_400_000),
        userAgent: client.userAgent?.slice(0, 512) ?? null,
        ip: client.ip,
      },
      em,
    );
    const roles = user.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r));
    return {
      tokenType: 'Bearer',
      accessToken: this.signer.sign({ sub: user.id, roles, sid: familyId }),
      expiresIn: this.settings.accessTtlSeconds,
      refreshToken,
    };
  }
}

function who(client: ClientInfo): { requestId: string | null; ip: string | null } {
  return { requestId: client.requestId, ip: client.ip };
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function toUser(user: UserEntity): User {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    roles: user.roles,
    createdAt: user.createdAt.toISOString(),
    version: user.version,
  };
}
