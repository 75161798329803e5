import { Injectable } from '@nestjs/common';
import type { Approval, ApprovalListQuery, GatewayCommand, GatewayCommandListQuery, GatewaySession, LockPrincipalResponse, PrincipalLock, TranscriptLink } from '@dawg/contracts';
import type { GatewayCommandEntity, GatewayPrincipalLockEntity } from '@dawg/db';
import { AppError } from '@dawg/platform';
import { ApprovalsService } from '../approvals/approvals.service';
import { CommandAuditRepository } from '../audit/command-audit.repository';
import { PrincipalLocksRepository } from '../keys/principal-locks.repository';
import { SessionRecordsRepository } from '../sessions/session-records.repository';
import { SessionsService } from '../sessions/sessions.service';
import { TranscriptStore } from '../transcripts/transcript.store';

/** Who did it and through which request, as gateway_admin_actions records it. */
export interface AdminContext {
  actorId: string;
  requestId: string | null;
  ip: string | null;
}

/** What admins do with the gateway through REST; every change is recorded in gateway_admin_actions. */
@Injectable()
export class GatewayAdminService {
  constructor(
    private readonly sessions: SessionsService,
    private readonly records: SessionRecordsRepository,
    private readonly locks: PrincipalLocksRepository,
    private readonly approvals: ApprovalsService,
    private readonly commands: CommandAuditRepository,
    private readonly transcripts: TranscriptStore,
  ) {}

  async listSessions(): Promise<GatewaySession[]> {
    return (await this.sessions.list()).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  }

  async killSession(id: string, context: AdminContext): Promise<void> {
    if (!(await this.sessions.kill(id, context.actorId))) throw AppError.notFound('The live session');
    await this.audit(context, 'gateway.session.killed', id);
  }

  async transcript(id: string): Promise<TranscriptLink> {
    const session = await this.records.find(id);
    if (!session) throw AppError.notFound('The session');
    if (!session.transcriptKey || !this.transcripts.enabled) throw AppError.notFound('The session\'s transcript (it is stored when the session ends)');
    const link = await this.transcripts.presign(session.transcriptKey);
    return { sessionId: id, url: link.url, method: 'GET', expiresAt: link.expiresAt };
  }

  async listLocks(): Promise<PrincipalLock[]> {
    return (await this.locks.list()).map(toLock);
  }

  async lock(userId: string, reason: string | null, context: AdminContext): Promise<LockPrincipalResponse> {
    const lock = await this.locks.lock(userId, context.actorId, reason);
    if (!lock) throw AppError.notFound('The user');
    // Every replica ends the user's sessions at once; the sweep catches any message lost on the way.
    const sessionsEnding = await this.sessions.endUser(userId, context.actorId);
    await this.audit(context, 'gateway.principal.locked', userId, { reason, sessionsEnding });
    return { lock: toLock(lock), sessionsEnding };
  }

  async unlock(userId: string, context: AdminContext): Promise<void> {
    if (!(await this.locks.unlock(userId))) throw AppError.notFound('A lock on this user');
    await this.audit(context, 'gateway.principal.unlocked', userId);
  }

  listApprovals(query: ApprovalListQuery): Promise<Approval[]> {
    return this.approvals.list(query.status, query.limit);
  }

  getApproval(id: string): Promise<Approval> {
    return this.approvals.get(id);
  }

  async decide(id: string, decision: 'approved' | 'denied', reason: string | null, context: AdminContext): Promise<Approval> {
    const approval = await this.approvals.decide(id, decision, context.actorId, reason);
    await this.audit(context, decision === 'approved' ? 'gateway.approval.approved' : 'gateway.approval.denied', id, { reason, sessionId: approval.sessionId, requesterId: approval.requesterId });
    return approval;
  }

  async listCommands(query: GatewayCommandListQuery): Promise<GatewayCommand[]> {
    return (await this.commands.list(query)).map(toCommand);
  }

  private audit(context: AdminContext, action: string, target: string, details: Record<string, unknown> = {}): Promise<void> {
    return this.records.recordAdminAction({ actorId: context.actorId, action, target, requestId: context.requestId, ip: context.ip, details });
  }
}

function toLock(lock: GatewayPrincipalLockEntity): PrincipalLock {
  return { userId: lock.userId, lockedBy: lock.lockedBy, reason: lock.reason, lockedAt: lock.lockedAt.toISOString() };
}

function toCommand(row: GatewayCommandEntity): GatewayCommand {
  return {
    id: row.id,
    sessionId: row.sessionId,
    userId: row.userId,
    agent: row.agent,
    mode: row.mode as GatewayCommand['mode'],
    line: row.line,
    argv: row.argv,
    cwd: row.cwd,
    decision: row.decision as GatewayCommand['decision'],
    rule: row.rule,
    reason: row.reason,
    approvalId: row.approvalId,
    approverId: row.approverId,
    outcome: row.outcome as GatewayCommand['outcome'],
    exitCode: row.exitCode,
    signal: row.signal,
    durationMs: row.durationMs,
    bytesOut: row.bytesOut === null ? null : Number(row.bytesOut),
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
