import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { GatewayPrincipalLockEntity } from '@dawg/db';

/** gateway_principal_locks: users an admin has locked out of the gateway. */
@Injectable()
export class PrincipalLocksRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Locks (or re-locks, keeping the first time) a user; false when the user does not exist. */
  async lock(userId: string, lockedBy: string, reason: string | null): Promise<GatewayPrincipalLockEntity | undefined> {
    const rows = (await this.db.query(
      `INSERT INTO gateway_principal_locks (user_id, locked_by, reason)
       SELECT id, $2, $3 FROM users WHERE id = $1
       ON CONFLICT (user_id) DO UPDATE SET locked_by = EXCLUDED.locked_by, reason = EXCLUDED.reason
       RETURNING user_id`,
      [userId, lockedBy, reason],
    )) as Array<{ user_id: string }>;
    if (!rows.length) return undefined;
    return (await this.db.getRepository(GatewayPrincipalLockEntity).findOneBy({ userId })) ?? undefined;
  }

  async unlock(userId: string): Promise<boolean> {
    const result = await this.db.getRepository(GatewayPrincipalLockEntity).delete({ userId });
    return (result.affected ?? 0) > 0;
  }

  list(): Promise<GatewayPrincipalLockEntity[]> {
    return this.db.getRepository(GatewayPrincipalLockEntity).find({ order: { lockedAt: 'DESC' } });
  }
}
