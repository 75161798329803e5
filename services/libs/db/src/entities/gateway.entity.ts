import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** One SSH session of the gateway: the durable record (the live state is in Redis). Owned by the gateway service. */
@Entity({ name: 'gateway_sessions' })
export class GatewaySessionEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'ssh_key_id', type: 'uuid' })
  sshKeyId!: string;

  @Column({ type: 'text', nullable: true })
  agent!: string | null;

  @Column({ type: 'text' })
  username!: string;

  @Column({ type: 'text' })
  ip!: string;

  @Column({ type: 'text' })
  replica!: string;

  @Column({ name: 'client_version', type: 'text', nullable: true })
  clientVersion!: string | null;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  /** closed, ttl, idle, killed, locked, key-revoked, limit, shutdown. */
  @Column({ name: 'end_reason', type: 'text', nullable: true })
  endReason!: string | null;

  @Column({ name: 'ended_by', type: 'uuid', nullable: true })
  endedBy!: string | null;

  /** The object storage key of the asciicast v2 transcript, once stored. */
  @Column({ name: 'transcript_key', type: 'text', nullable: true })
  transcriptKey!: string | null;
}

/** A privileged command waiting for, or given, an admin's approval: bound to one session and one exact argv. */
@Entity({ name: 'gateway_approvals' })
export class GatewayApprovalEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @Column({ name: 'requester_id', type: 'uuid' })
  requesterId!: string;

  @Column({ type: 'text', nullable: true })
  agent!: string | null;

  @Column({ type: 'jsonb' })
  argv!: string[];

  /** SHA-256 of the exact argv (JSON): what an approval is consumed against. */
  @Column({ name: 'argv_sha256', type: 'text' })
  argvSha256!: string;

  @Column({ type: 'text' })
  cwd!: string;

  @Column({ type: 'text' })
  rule!: string;

  /** pending, approved, denied, expired or consumed. */
  @Column({ type: 'text', default: 'pending' })
  status!: string;

  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
  requestedAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason!: string | null;

  @Column({ name: 'consumed_at', type: 'timestamptz', nullable: true })
  consumedAt!: Date | null;
}

/** Every command line a gateway session sent: inserted with its decision before it runs, completed after. */
@Entity({ name: 'gateway_commands' })
export class GatewayCommandEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text', nullable: true })
  agent!: string | null;

  /** exec (one command per request) or shell (the interactive restricted shell). */
  @Column({ type: 'text' })
  mode!: string;

  /** The raw line, control characters neutralised. */
  @Column({ type: 'text' })
  line!: string;

  /** The parsed argv, control characters neutralised; empty when the line did not parse. */
  @Column({ type: 'jsonb' })
  argv!: string[];

  @Column({ type: 'text' })
  cwd!: string;

  /** allowed, denied, approved, rejected (approval denied) or expired (approval expired). */
  @Column({ type: 'text' })
  decision!: string;

  /** The policy rule that decided. */
  @Column({ type: 'text' })
  rule!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'approval_id', type: 'uuid', nullable: true })
  approvalId!: string | null;

  @Column({ name: 'approver_id', type: 'uuid', nullable: true })
  approverId!: string | null;

  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  @Column({ name: 'exit_code', type: 'integer', nullable: true })
  exitCode!: number | null;

  @Column({ type: 'text', nullable: true })
  signal!: string | null;

  @Column({ name: 'duration_ms', type: 'integer', nullable: true })
  durationMs!: number | null;

  @Column({ name: 'bytes_out', type: 'bigint', nullable: true })
  bytesOut!: string | null;

  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}

/** A user locked out of the gateway: no new session, and live ones end within seconds. */
@Entity({ name: 'gateway_principal_locks' })
export class GatewayPrincipalLockEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'locked_by', type: 'uuid', nullable: true })
  lockedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'locked_at', type: 'timestamptz', default: () => 'now()' })
  lockedAt!: Date;
}

/** What an admin did through the gateway's REST (kill, lock, unlock, approve, deny). Append-only. */
@Entity({ name: 'gateway_admin_actions' })
export class GatewayAdminActionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;

  @Column({ name: 'actor_id', type: 'uuid' })
  actorId!: string;

  /** Dotted verb, e.g. `gateway.session.killed`. */
  @Column({ type: 'text' })
  action!: string;

  /** What it acted on: a session, user or approval id. */
  @Column({ type: 'text' })
  target!: string;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ type: 'text', nullable: true })
  ip!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: Record<string, unknown>;
}

/** A user's ordinal for a uid of their own: commands run as GATEWAY_USER_UID_BASE + ordinal. Never reused, so a uid never passes to someone else. */
@Entity({ name: 'gateway_user_uids' })
export class GatewayUserUidEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'integer', insert: false, update: false })
  ordinal!: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
