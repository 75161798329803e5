import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SSH gateway's own tables (owned by the gateway service): one row per
 * SSH session (live state is in Redis; this is the record), every command
 * line with its decision and result (written before the command runs and
 * completed after), approvals of privileged commands bound to a session and
 * an exact argv, locked principals, the uid each user's commands run as
 * (when users get their own), and what admins did through the REST.
 */
export class CreateGateway1764000800000 implements MigrationInterface {
  name = 'CreateGateway1764000800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE gateway_sessions (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        ssh_key_id uuid NOT NULL,
        agent text,
        username text NOT NULL,
        ip text NOT NULL,
        replica text NOT NULL,
        client_version text,
        started_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ended_at timestamptz,
        end_reason text,
        ended_by uuid,
        transcript_key text
      )`);
    await db.query(`CREATE INDEX gateway_sessions_user_idx ON gateway_sessions (user_id, started_at DESC)`);
    await db.query(`
      CREATE TABLE gateway_approvals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES gateway_sessions(id) ON DELETE CASCADE,
        requester_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        agent text,
        argv jsonb NOT NULL,
        argv_sha256 text NOT NULL,
        cwd text NOT NULL,
        rule text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'denied', 'expired', 'consumed')),
        requested_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        decided_by uuid REFERENCES users(id) ON DELETE SET NULL,
        decided_at timestamptz,
        decision_reason text,
        consumed_at timestamptz,
        CHECK (decided_by IS NULL OR decided_by <> requester_id)
      )`);
    await db.query(`CREATE INDEX gateway_approvals_status_idx ON gateway_approvals (status, requested_at DESC)`);
    await db.query(`
      CREATE TABLE gateway_commands (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES gateway_sessions(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        agent text,
        mode text NOT NULL CHECK (mode IN ('exec', 'shell')),
        line text NOT NULL,
        argv jsonb NOT NULL,
        cwd text NOT NULL,
        decision text NOT NULL CHECK (decision IN ('allowed', 'denied', 'approved', 'rejected', 'expired')),
        rule text NOT NULL,
        reason text,
        approval_id uuid REFERENCES gateway_approvals(id) ON DELETE SET NULL,
        approver_id uuid,
        outcome text CHECK (outcome IN ('exited', 'signalled', 'timeout', 'output-limit', 'ended', 'failed-to-start')),
        exit_code integer,
        signal text,
        duration_ms integer,
        bytes_out bigint,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await db.query(`CREATE INDEX gateway_commands_session_idx ON gateway_commands (session_id, started_at)`);
    await db.query(`CREATE INDEX gateway_commands_user_idx ON gateway_commands (user_id, started_at DESC)`);
    await db.query(`
      CREATE TABLE gateway_principal_locks (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        locked_by uuid REFERENCES users(id) ON DELETE SET NULL,
        reason text,
        locked_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Ordinals from 0: a user's commands run as GATEWAY_USER_UID_BASE + ordinal when the gateway gives each user a uid.
    await db.query(`
      CREATE TABLE gateway_user_uids (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        ordinal integer GENERATED ALWAYS AS IDENTITY (MINVALUE 0 START WITH 0) UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE gateway_admin_actions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid NOT NULL,
        action text NOT NULL,
        target text NOT NULL,
        request_id text,
        ip text,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await db.query(`CREATE INDEX gateway_admin_actions_occurred_idx ON gateway_admin_actions (occurred_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE gateway_admin_actions`);
    await db.query(`DROP TABLE gateway_user_uids`);
    await db.query(`DROP TABLE gateway_principal_locks`);
    await db.query(`DROP TABLE gateway_commands`);
    await db.query(`DROP TABLE gateway_approvals`);
    await db.query(`DROP TABLE gateway_sessions`);
  }
}
