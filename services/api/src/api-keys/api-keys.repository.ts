import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { ApiKeyEntity } from '@dawg/db';

export interface ApiKeyOwner {
  key: ApiKeyEntity;
  roles: string[];
}

/** All I/O of API keys, in Postgres. */
@Injectable()
export class ApiKeysRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  insert(key: Pick<ApiKeyEntity, 'userId' | 'name' | 'prefix' | 'keyHash' | 'scopes' | 'expiresAt'>): Promise<ApiKeyEntity> {
    const repo = this.db.getRepository(ApiKeyEntity);
    return repo.save(repo.create({ ...key, lastUsedAt: null, revokedAt: null }));
  }

  listForUser(userId: string): Promise<ApiKeyEntity[]> {
    return this.db.getRepository(ApiKeyEntity).find({ where: { userId }, order: { createdAt: 'DESC' } });
  }

  /** Revokes one of the user's keys; false when it is not theirs (or does not exist). Revoking twice is fine. */
  async revoke(userId: string, id: string): Promise<boolean> {
    const key = await this.db.getRepository(ApiKeyEntity).findOneBy({ id, userId });
    if (!key) return false;
    await this.db.getRepository(ApiKeyEntity).update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
    return true;
  }

  /** A live key by its hash, with its owner's roles. */
  async findActiveByHash(keyHash: string): Promise<ApiKeyOwner | undefined> {
    const row = await this.db
      .getRepository(ApiKeyEntity)
      .createQueryBuilder('k')
      .innerJoin('users', 'u', 'u.id = k.user_id')
      .addSelect('u.roles', 'owner_roles')
      .where('k.key_hash = :keyHash', { keyHash })
      .andWhere('k.revoked_at IS NULL')
      .andWhere('(k.expires_at IS NULL OR k.expires_at > now())')
      .getRawAndEntities<{ owner_roles: string[] }>();
    const key = row.entities[0];
    return key ? { key, roles: row.raw[0]!.owner_roles } : undefined;
  }

  /** Records use at minute granularity, so a busy key does not write on every request. */
  async touch(id: string): Promise<void> {
    await this.db.query(`UPDATE api_keys SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`, [id]);
  }
}
