import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who did what, when, through which request: auth events, admin actions, billing changes. Append-only. */
@Entity({ name: 'audit_events' })
export class AuditEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;

  /** The user who acted; null when unknown (a failed sign-in). */
  @Index()
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  /** Dotted verb, e.g. `auth.login.failed`. */
  @Index()
  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ type: 'text', nullable: true })
  ip!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: Record<string, unknown>;
}
