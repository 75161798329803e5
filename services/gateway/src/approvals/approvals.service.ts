import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Approval, ApprovalStatus } from '@dawg/contracts';
import type { GatewayApprovalEntity } from '@dawg/db';
import { AppError } from '@dawg/platform';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../gateway-env';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { displayLine } from '../policy/command-policy';
import { neutralise } from '../policy/neutralise';
import { SessionRegistry } from '../sessions/session-registry.repository';
import { ApprovalNotifier } from './approval-notifier';
import { ApprovalsRepository } from './approvals.repository';

export type ApprovalOutcome = { outcome: 'approved'; approvalId: string; approverId: string } | { outcome: 'rejected'; approvalId: string; approverId: string | null; reason: string | null } | { outcome: 'expired'; approvalId: string };

export interface ApprovalRequest {
  sessionId: string;
  requesterId: string;
  agent: string | null;
  argv: string[];
  cwd: string;
  rule: string;
}

const POLL_MS = 250;

export function argvDigest(argv: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(argv)).digest('hex');
}

/**
 * Privileged commands wait here for an admin's decision. The request is
 * bound to its session and the exact argv (by SHA-256); only someone other
 * than the requester can approve it, only before it expires; and the
 * approval is consumed once, atomically, for that session and argv, so it
 * cannot be replayed.
 */
@Injectable()
export class ApprovalsService {
  private readonly wakers = new Map<string, () => void>();

  constructor(
    private readonly approvals: ApprovalsRepository,
    private readonly notifier: ApprovalNotifier,
    private readonly registry: SessionRegistry,
    private readonly metrics: GatewayMetrics,
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
  ) {}

  /** Creates the request, tells admins, and waits (bounded) for the decision. `onCreated` lets the client know what it waits for. */
  async request(request: ApprovalRequest, signal: AbortSignal, onCreated: (approval: { id: string; expiresAt: Date; timeoutMs: number }) => void): Promise<ApprovalOutcome> {
    const digest = argvDigest(request.argv);
    const created = await this.approvals.create({
      sessionId: request.sessionId,
      requesterId: request.requesterId,
      agent: request.agent,
      argv: request.argv,
      argvSha256: digest,
      cwd: request.cwd,
      rule: request.rule,
      expiresAt: new Date(Date.now() + this.settings.approvalTimeoutMs),
    });
    onCreated({ id: created.id, expiresAt: created.expiresAt, timeoutMs: this.settings.approvalTimeoutMs });
    void this.notifier.requested({ id: created.id, requesterId: request.requesterId, agent: request.agent, line: neutralise(displayLine(request.argv), 1000), expiresAt: created.expiresAt });

    const deadline = created.expiresAt.getTime();
    for (;;) {
      const current = await this.approvals.find(created.id);
      if (current?.status === 'approved') {
        const consumed = await this.approvals.consume(created.id, request.sessionId, digest);
        if (consumed) {
          this.metrics.approvals.labels('approved').inc();
          return { outcome: 'approved', approvalId: created.id, approverId: consumed.decidedBy! };
        }
        return this.expired(created.id);
      }
      if (current?.status === 'denied') {
        this.metrics.approvals.labels('denied').inc();
        return { outcome: 'rejected', approvalId: created.id, approverId: current.decidedBy, reason: current.decisionReason };
      }
      if (!current || current.status !== 'pending' || signal.aborted || Date.now() >= deadline) {
        if (await this.approvals.expire(created.id)) return this.expired(created.id);
        // Decided in the same instant: read it once more.
        if (current?.status === 'pending' && !signal.aborted) continue;
        return this.expired(created.id);
      }
      await this.sleep(created.id, Math.min(POLL_MS, Math.max(0, deadline - Date.now())), signal);
    }
  }

  /** The control channel says a decision was made (possibly on another replica): wake the waiter now. */
  wake(approvalId: string): void {
    this.wakers.get(approvalId)?.();
  }

  list(status: ApprovalStatus | undefined, limit: number): Promise<Approval[]> {
    return this.approvals.list(status, limit).then((rows) => rows.map(toApproval));
  }

  async get(id: string): Promise<Approval> {
    const row = await this.approvals.find(id);
    if (!row) throw AppError.notFound('The approval request');
    return toApproval(row);
  }

  /** An admin's decision. Refuses self-approval (403), and anything no longer pending or past its time (409). */
  async decide(id: string, decision: 'approved' | 'denied', deciderId: string, reason: string | null): Promise<Approval> {
    const row = await this.approvals.find(id);
    if (!row) throw AppError.notFound('The approval request');
    if (row.requesterId === deciderId) throw new AppError('FORBIDDEN', 'You cannot approve or deny your own command: another admin must decide.', { approvalId: id });
    if (row.status !== 'pending') throw new AppError('CONFLICT', `This request is already ${row.status}.`, { status: row.status });
    if (row.expiresAt.getTime() <= Date.now()) {
      await this.approvals.expire(id);
      throw new AppError('CONFLICT', 'This request has expired.', { status: 'expired' });
    }
    const decided = await this.approvals.decide(id, decision, deciderId, reason);
    if (!decided) {
      const now = await this.approvals.find(id);
      throw new AppError('CONFLICT', `This request is already ${now?.status ?? 'gone'}.`, { status: now?.status ?? null });
    }
    await this.registry.publish({ type: 'approval-decided', approvalId: id }).catch(() => undefined);
    return toApproval(decided);
  }

  private expired(approvalId: string): ApprovalOutcome {
    this.metrics.approvals.labels('expired').inc();
    return { outcome: 'expired', approvalId };
  }

  private sleep(approvalId: string, ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(approvalId);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakers.set(approvalId, done);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}

export function toApproval(row: GatewayApprovalEntity): Approval {
  const argv = row.argv.map((a) => neutralise(a, 2000));
  return {
    id: row.id,
    sessionId: row.sessionId,
    requesterId: row.requesterId,
    agent: row.agent,
    argv,
    line: neutralise(displayLine(row.argv), 4000),
    cwd: neutralise(row.cwd),
    rule: row.rule,
    status: row.status as ApprovalStatus,
    requestedAt: row.requestedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    reason: row.decisionReason,
  };
}
