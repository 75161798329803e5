import { Injectable } from '@nestjs/common';
import type { AuditLogPage, AuditLogQuery } from '@dawg/contracts';
import { AuditRepository } from './audit.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The audit log for operators: search by action, actor, text and time. */
@Injectable()
export class AuditLogService {
  constructor(private readonly audit: AuditRepository) {}

  async search(query: AuditLogQuery): Promise<AuditLogPage> {
    const actor = query.actor;
    const { rows, total } = await this.audit.search({
      action: query.action,
      ...(actor ? (UUID.test(actor) ? { actorId: actor } : { actorEmail: actor }) : {}),
      text: query.q,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    });
    return {
      items: rows.map((row) => ({
        id: row.id,
        occurredAt: row.occurredAt.toISOString(),
        action: row.action,
        actor: row.actorId ? { id: row.actorId, email: row.actorEmail, displayName: row.actorDisplayName } : null,
        requestId: row.requestId,
        ip: row.ip,
        details: row.details,
      })),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }
}
