import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAuditEvents1763990000000 implements MigrationInterface {
  name = 'CreateAuditEvents1763990000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        action text NOT NULL,
        request_id text,
        ip text,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await db.query(`CREATE INDEX audit_events_occurred_at_idx ON audit_events (occurred_at)`);
    await db.query(`CREATE INDEX audit_events_actor_id_idx ON audit_events (actor_id)`);
    await db.query(`CREATE INDEX audit_events_action_idx ON audit_events (action)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_events`);
  }
}
