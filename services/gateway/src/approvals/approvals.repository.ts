import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ApprovalStatus } from '@dawg/contracts';
import { GatewayApprovalEntity } from '@dawg/db';

/**
 * gateway_approvals. Every state change is one conditional UPDATE, so two
 * admins (or two replicas) racing cannot both win, an expired request
 * cannot be approved, and an approval is consumed exactly once.
 */
@Injectable()
export class ApprovalsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(request: Pick<GatewayApprovalEntity, 'sessionId' | 'requesterId' | 'agent' | 'argv' | 'argvSha256' | 'cwd' | 'rule' | 'expiresAt'>): Promise<GatewayApprovalEntity> {
    const rows = (await this.db.query(
      `INSERT INTO gateway_approvals (session_id, requester_id, agent, argv, argv_sha256, cwd, rule, expires_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8) RETURNING id`,
      [request.sessionId, request.requesterId, request.agent, JSON.stringify(request.argv), request.argvSha256, request.cwd, request.rule, request.expiresAt],
    )) as Array<{ id: string }>;
    return (await this.find(rows[0]!.id))!;
  }

  find(id: string): Promise<GatewayApprovalEntity | null> {
    return this.db.getRepository(GatewayApprovalEntity).findOneBy({ id });
  }

  list(status: ApprovalStatus | undefined, limit: number): Promise<GatewayApprovalEntity[]> {
    return this.db.getRepository(GatewayApprovalEntity).find({ where: status ? { status } : {}, order: { requestedAt: 'DESC' }, take: limit });
  }

  /** pending → approved/denied, by someone other than the requester, before it expires. Undefined when the row did not qualify. */
  async decide(id: string, status: 'approved' | 'denied', deciderId: string, reason: string | null): Promise<GatewayApprovalEntity | undefined> {
    const rows = (await this.db.query(
      `UPDATE gateway_approvals SET status = $2, decided_by = $3, decided_at = now(), decision_reason = $4
        WHERE id = $1 AND status = 'pending' AND expires_at > now() AND requester_id <> $3
        RETURNING id`,
      [id, status, deciderId, reason],
    )) as [Array<{ id: string }>, number];
    return rows[0].length ? ((await this.find(id)) ?? undefined) : undefined;
  }

  /** pending → expired once its time is up. */
  async expire(id: string): Promise<boolean> {
    const rows = (await this.db.query(`UPDATE gateway_approvals SET status = 'expired' WHERE id = $1 AND status = 'pending' RETURNING id`, [id])) as [unknown[], number];
    return rows[0].length > 0;
  }

  /** Expires every pending request whose time is up (a replica that died while waiting leaves them behind). */
  async expireOverdue(): Promise<number> {
    const rows = (await this.db.query(`UPDATE gateway_approvals SET status = 'expired' WHERE status = 'pending' AND expires_at <= now() RETURNING id`)) as [unknown[], number];
    return rows[0].length;
  }

  /**
   * approved → consumed, only for the session and the exact argv it was
   * given for, and only once: a replay (the same approval again, or for
   * another command or session) finds no row.
   */
  async consume(id: string, sessionId: string, argvSha256: string): Promise<GatewayApprovalEntity | undefined> {
    const rows = (await this.db.query(
      `UPDATE gateway_approvals SET status = 'consumed', consumed_at = now()
        WHERE id = $1 AND status = 'approved' AND session_id = $2 AND argv_sha256 = $3
        RETURNING id`,
      [id, sessionId, argvSha256],
    )) as [Array<{ id: string }>, number];
    return rows[0].length ? ((await this.find(id)) ?? undefined) : undefined;
  }
}
