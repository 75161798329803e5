import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Metered usage given back, one row per refunded job: generation minutes
 * charged for a job that failed for good or was cancelled. The job id is the
 * key, so a refund triggered twice (by every api replica's queue listener,
 * and again when the job's status is read) is applied once. Owned by the api.
 */
export class CreateUsageRefunds1764000500000 implements MigrationInterface {
  name = 'CreateUsageRefunds1764000500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE usage_refunds (
        job_id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        metric text NOT NULL CHECK (metric IN ('generation_minutes', 'ai_messages')),
        period text NOT NULL,
        amount numeric(16, 3) NOT NULL CHECK (amount > 0),
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX usage_refunds_user_period_idx ON usage_refunds (user_id, period)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE usage_refunds`);
  }
}
