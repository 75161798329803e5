import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A live SSH key and who it belongs to, as the gateway authenticates it. */
export interface RegisteredKey {
  sshKeyId: string;
  userId: string;
  agent: string | null;
  /** `<algorithm> <base64>`. */
  publicKey: string;
  scopes: string[];
  roles: string[];
  /** Set when an admin has locked the user out of the gateway. */
  lockedAt: Date | null;
}

/**
 * Reads of tables the api owns: `ssh_keys` (registered through
 * POST /api/v1/ssh-keys) and `users` (roles, and who the admins are).
 *
 * Why the gateway reads them instead of calling the api: a lookup happens
 * on every SSH authentication attempt, including attackers' (so it must be
 * cheap and must not put load on the api), the gateway must keep
 * authenticating while the api is redeployed, and the gateway holds no
 * credential to call the api with (it only verifies tokens). So these are
 * narrow, read-only queries on an indexed column; every write (register,
 * revoke) stays in the api, which owns the schema. If the api changes these
 * tables, this file is the one place that follows (expand/contract keeps
 * both working during a rollout).
 */
@Injectable()
export class SshKeyReader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findLiveByFingerprint(fingerprint: string): Promise<RegisteredKey | undefined> {
    const rows = (await this.db.query(
      `SELECT k.id, k.user_id, k.agent, k.public_key, k.scopes, u.roles, l.locked_at
         FROM ssh_keys k
         JOIN users u ON u.id = k.user_id
         LEFT JOIN gateway_principal_locks l ON l.user_id = k.user_id
        WHERE k.fingerprint = $1 AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())`,
      [fingerprint],
    )) as Array<{ id: string; user_id: string; agent: string | null; public_key: string; scopes: string[]; roles: string[]; locked_at: Date | null }>;
    const row = rows[0];
    return row ? { sshKeyId: row.id, userId: row.user_id, agent: row.agent, publicKey: row.public_key, scopes: row.scopes, roles: row.roles, lockedAt: row.locked_at } : undefined;
  }

  /** Of these keys, the ones that are no longer usable (revoked, expired, deleted) or whose user is locked: their sessions must end. */
  async unusable(sshKeyIds: string[]): Promise<Map<string, 'key-revoked' | 'locked'>> {
    const result = new Map<string, 'key-revoked' | 'locked'>();
    if (sshKeyIds.length === 0) return result;
    const rows = (await this.db.query(
      `SELECT ids.id, k.id IS NOT NULL AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now()) AS live, l.user_id IS NOT NULL AS locked
         FROM unnest($1::uuid[]) AS ids(id)
         LEFT JOIN ssh_keys k ON k.id = ids.id
         LEFT JOIN gateway_principal_locks l ON l.user_id = k.user_id`,
      [sshKeyIds],
    )) as Array<{ id: string; live: boolean; locked: boolean }>;
    for (const row of rows) {
      if (!row.live) result.set(row.id, 'key-revoked');
      else if (row.locked) result.set(row.id, 'locked');
    }
    return result;
  }

  /** Every admin: who hears about approval requests. */
  async adminIds(): Promise<string[]> {
    const rows = (await this.db.query(`SELECT id FROM users WHERE 'admin' = ANY(roles)`)) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }
}
