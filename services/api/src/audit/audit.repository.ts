import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditEventEntity } from '@dawg/db';

export interface AuditEvent {
  action: string;
  actorId: string | null;
  requestId: string | null;
  ip: string | null;
  details?: Record<string, unknown>;
}

/** Appends to the audit log; pass the transaction's manager so the entry commits (or not) with the change it records. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(event: AuditEvent, em: EntityManager = this.db.manager): Promise<void> {
    await em.save(em.create(AuditEventEntity, { ...event, details: event.details ?? {} }));
  }
}

/** Who made a request, as the audit log records it. */
export interface AuditContext {
  requestId: string | null;
  ip: string | null;
}

export function auditContext(req: { id: unknown; ip?: string }): AuditContext {
  return { requestId: String(req.id), ip: req.ip ?? null };
}
