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

/** What the audit log search filters on; every field is optional and they combine with AND. */
export interface AuditSearch {
  /** An exact action, or a prefix when it ends in `.*` (`auth.*`). */
  action?: string;
  actorId?: string;
  /** Case-insensitive exact email of the actor. */
  actorEmail?: string;
  /** A substring of the details (the target and what was done to it), the request id, the IP or the action. */
  text?: string;
  from?: Date;
  to?: Date;
  offset: number;
  limit: number;
}

export interface AuditRow {
  id: string;
  occurredAt: Date;
  action: string;
  actorId: string | null;
  actorEmail: string | null;
  actorDisplayName: string | null;
  requestId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

/** `%`, `_` and `\` taken literally inside a LIKE pattern. */
const likeLiteral = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Appends to the audit log; pass the transaction's manager so the entry commits (or not) with the change it records. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(event: AuditEvent, em: EntityManager = this.db.manager): Promise<void> {
    await em.save(em.create(AuditEventEntity, { ...event, details: event.details ?? {} }));
  }

  /** One page of the log, newest first, with the total that matches. */
  async search(filter: AuditSearch): Promise<{ rows: AuditRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.action?.endsWith('.*')) where.push(`a.action LIKE ${param(`${likeLiteral(filter.action.slice(0, -1))}%`)}`);
    else if (filter.action) where.push(`a.action = ${param(filter.action)}`);
    if (filter.actorId) where.push(`a.actor_id = ${param(filter.actorId)}`);
    if (filter.actorEmail) where.push(`lower(u.email) = lower(${param(filter.actorEmail)})`);
    if (filter.text) {
      const pattern = param(`%${likeLiteral(filter.text)}%`);
      where.push(`(a.details::text ILIKE ${pattern} OR a.request_id ILIKE ${pattern} OR a.ip ILIKE ${pattern} OR a.action ILIKE ${pattern})`);
    }
    if (filter.from) where.push(`a.occurred_at >= ${param(filter.from)}`);
    if (filter.to) where.push(`a.occurred_at < ${param(filter.to)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const from = `FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id ${clause}`;
    const filterParams = [...params];
    const [counted] = (await this.db.query(`SELECT count(*)::int AS total ${from}`, filterParams)) as Array<{ total: number }>;
    const rows = (await this.db.query(
      `SELECT a.id, a.occurred_at AS "occurredAt", a.action, a.actor_id AS "actorId", u.email AS "actorEmail", u.display_name AS "actorDisplayName",
              a.request_id AS "requestId", a.ip, a.details
       ${from}
       ORDER BY a.occurred_at DESC, a.id DESC
       LIMIT ${param(filter.limit)} OFFSET ${param(filter.offset)}`,
      params,
    )) as AuditRow[];
    return { rows, total: counted!.total };
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
