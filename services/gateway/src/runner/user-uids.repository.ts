import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** gateway_user_uids: each user's own number, for a uid of their own (GATEWAY_USER_UID_BASE + ordinal). */
@Injectable()
export class UserUidsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The user's ordinal (0, 1, 2, ...), given on first use and never reused. */
  async ordinal(userId: string): Promise<number> {
    await this.db.query(`INSERT INTO gateway_user_uids (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING`, [userId]);
    const rows = (await this.db.query(`SELECT ordinal FROM gateway_user_uids WHERE user_id = $1`, [userId])) as Array<{ ordinal: number }>;
    return Number(rows[0]!.ordinal);
  }
}
