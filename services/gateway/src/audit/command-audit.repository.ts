import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CommandDecision, CommandOutcome, GatewayCommandListQuery } from '@dawg/contracts';
import { GatewayCommandEntity } from '@dawg/db';

export interface CommandRecord {
  sessionId: string;
  userId: string;
  agent: string | null;
  mode: 'exec' | 'shell';
  /** Already neutralised. */
  line: string;
  /** Already neutralised. */
  argv: string[];
  cwd: string;
  decision: CommandDecision;
  rule: string;
  reason: string | null;
  approvalId?: string | null;
  approverId?: string | null;
}

export interface CommandResult {
  outcome: CommandOutcome;
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  bytesOut: number;
}

/** gateway_commands: the audit of every command line, written before it runs and completed after. */
@Injectable()
export class CommandAuditRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(record: CommandRecord): Promise<string> {
    const rows = (await this.db.query(
      `INSERT INTO gateway_commands (session_id, user_id, agent, mode, line, argv, cwd, decision, rule, reason, approval_id, approver_id)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [record.sessionId, record.userId, record.agent, record.mode, record.line, JSON.stringify(record.argv), record.cwd, record.decision, record.rule, record.reason, record.approvalId ?? null, record.approverId ?? null],
    )) as Array<{ id: string }>;
    return rows[0]!.id;
  }

  /** A decision that changed while the row existed (an approval given, denied or expired). */
  async decide(id: string, decision: CommandDecision, rule: string, reason: string | null, approverId: string | null): Promise<void> {
    await this.db.query(`UPDATE gateway_commands SET decision = $2, rule = $3, reason = $4, approver_id = $5 WHERE id = $1`, [id, decision, rule, reason, approverId]);
  }

  async linkApproval(id: string, approvalId: string): Promise<void> {
    await this.db.query(`UPDATE gateway_commands SET approval_id = $2 WHERE id = $1`, [id, approvalId]);
  }

  async complete(id: string, result: CommandResult): Promise<void> {
    await this.db.query(
      `UPDATE gateway_commands SET outcome = $2, exit_code = $3, signal = $4, duration_ms = $5, bytes_out = $6, finished_at = now() WHERE id = $1`,
      [id, result.outcome, result.exitCode, result.signal, Math.round(result.durationMs), result.bytesOut],
    );
  }

  list(query: GatewayCommandListQuery): Promise<GatewayCommandEntity[]> {
    const where: Record<string, string> = {};
    if (query.sessionId) where.sessionId = query.sessionId;
    if (query.userId) where.userId = query.userId;
    if (query.decision) where.decision = query.decision;
    return this.db.getRepository(GatewayCommandEntity).find({ where, order: { startedAt: 'DESC' }, take: query.limit });
  }
}
