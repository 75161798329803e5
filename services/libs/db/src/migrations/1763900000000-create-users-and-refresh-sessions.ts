import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUsersAndRefreshSessions1763900000000 implements MigrationInterface {
  name = 'CreateUsersAndRefreshSessions1763900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
        password_hash text NOT NULL,
        display_name text NOT NULL,
        roles text[] NOT NULL DEFAULT '{user}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email))`);
    await db.query(`
      CREATE TABLE refresh_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        revoked_reason text,
        user_agent text,
        ip text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX refresh_sessions_user_id_idx ON refresh_sessions (user_id)`);
    await db.query(`CREATE INDEX refresh_sessions_family_id_idx ON refresh_sessions (family_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE refresh_sessions`);
    await db.query(`DROP TABLE users`);
  }
}
