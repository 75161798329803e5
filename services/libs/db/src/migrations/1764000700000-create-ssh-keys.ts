import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SSH public keys registered per user (or per AI agent of a user) for the
 * SSH gateway; owned by the api service, which alone writes them. The
 * gateway reads live keys by fingerprint when a client authenticates (see
 * services/gateway/src/keys/ssh-key.reader.ts for why it reads the table
 * instead of calling the api). A fingerprint names one live key: the same
 * public key cannot belong to two principals at once.
 */
export class CreateSshKeys1764000700000 implements MigrationInterface {
  name = 'CreateSshKeys1764000700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE ssh_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name text NOT NULL,
        agent text,
        algorithm text NOT NULL,
        public_key text NOT NULL,
        fingerprint text NOT NULL,
        scopes text[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        revoked_at timestamptz
      )`);
    await db.query(`CREATE UNIQUE INDEX ssh_keys_live_fingerprint_key ON ssh_keys (fingerprint) WHERE revoked_at IS NULL`);
    await db.query(`CREATE INDEX ssh_keys_user_idx ON ssh_keys (user_id, created_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE ssh_keys`);
  }
}
