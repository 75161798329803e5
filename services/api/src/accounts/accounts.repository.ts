import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { RefreshSessionEntity, UserEntity } from '@dawg/db';

const UNIQUE_VIOLATION = '23505';

export interface NewRefreshSession {
  userId: string;
  familyId: string;
  tokenHash: string;
  expiresAt: Date;
  userAgent: string | null;
  ip: string | null;
}

/** All I/O of accounts: users and their refresh sessions, in Postgres. */
@Injectable()
export class AccountsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Inserts a user; resolves `undefined` when the email is taken (case-insensitively). */
  async createUser(user: Pick<UserEntity, 'email' | 'passwordHash' | 'displayName'>, em: EntityManager = this.db.manager): Promise<UserEntity | undefined> {
    try {
      return await em.save(em.create(UserEntity, user));
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) return undefined;
      throw err;
    }
  }

  findUserByEmail(email: string): Promise<UserEntity | null> {
    return this.db.getRepository(UserEntity).createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email }).getOne();
  }

  findUserById(id: string, em: EntityManager = this.db.manager): Promise<UserEntity | null> {
    return em.findOneBy(UserEntity, { id });
  }

  /** Changes the display name only if `version` is still current; `undefined` when it is stale. */
  async updateDisplayName(id: string, displayName: string, version: number): Promise<UserEntity | undefined> {
    const result = await this.db
      .createQueryBuilder()
      .update(UserEntity)
      .set({ displayName, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return result.affected ? ((await this.findUserById(id)) ?? undefined) : undefined;
  }

  insertSession(session: NewRefreshSession, em: EntityManager = this.db.manager): Promise<RefreshSessionEntity> {
    return em.save(em.create(RefreshSessionEntity, { ...session, usedAt: null, revokedAt: null, revokedReason: null }));
  }

  /** Runs `work` in one transaction. */
  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** The session of a refresh token, locked until the transaction ends, so two refreshes of one token serialise. */
  lockSessionByHash(em: EntityManager, tokenHash: string): Promise<RefreshSessionEntity | null> {
    return em.findOne(RefreshSessionEntity, { where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
  }

  async markUsed(em: EntityManager, id: string): Promise<void> {
    await em.update(RefreshSessionEntity, { id }, { usedAt: new Date() });
  }

  async revokeFamily(familyId: string, reason: string, em: EntityManager = this.db.manager): Promise<void> {
    await em.update(RefreshSessionEntity, { familyId, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: reason });
  }
}
