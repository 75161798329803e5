import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { SshKeyEntity } from '@dawg/db';

/** All I/O of SSH keys, in Postgres (the api owns ssh_keys; the gateway only reads it). */
@Injectable()
export class SshKeysRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Inserts a key; undefined when a live key with the same fingerprint exists (the unique index decides, so two replicas cannot both win). */
  async insert(key: Pick<SshKeyEntity, 'userId' | 'name' | 'agent' | 'algorithm' | 'publicKey' | 'fingerprint' | 'scopes' | 'expiresAt'>): Promise<SshKeyEntity | undefined> {
    const rows = (await this.db.query(
      `INSERT INTO ssh_keys (user_id, name, agent, algorithm, public_key, fingerprint, scopes, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (fingerprint) WHERE revoked_at IS NULL DO NOTHING
       RETURNING id`,
      [key.userId, key.name, key.agent, key.algorithm, key.publicKey, key.fingerprint, key.scopes, key.expiresAt],
    )) as Array<{ id: string }>;
    const id = rows[0]?.id;
    return id ? ((await this.db.getRepository(SshKeyEntity).findOneBy({ id })) ?? undefined) : undefined;
  }

  listForUser(userId: string): Promise<SshKeyEntity[]> {
    return this.db.getRepository(SshKeyEntity).find({ where: { userId }, order: { createdAt: 'DESC' } });
  }

  /** Revokes one of the user's keys; false when it is not theirs (or does not exist). Revoking twice is fine. */
  async revoke(userId: string, id: string): Promise<boolean> {
    const key = await this.db.getRepository(SshKeyEntity).findOneBy({ id, userId });
    if (!key) return false;
    await this.db.getRepository(SshKeyEntity).update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
    return true;
  }
}
