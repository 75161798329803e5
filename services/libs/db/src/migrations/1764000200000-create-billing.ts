import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateBilling1764000200000 implements MigrationInterface {
  name = 'CreateBilling1764000200000';

  async up(db: QueryRunner): Promise<void> {
    // One row per user who ever touched billing; a user without one is on the free plan.
    await db.query(`
      CREATE TABLE billing_accounts (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        plan text NOT NULL DEFAULT 'free' CHECK (plan IN ('free', 'pro', 'studio')),
        stripe_customer_id text UNIQUE,
        stripe_subscription_id text,
        stripe_price_id text,
        subscription_status text,
        current_period_end timestamptz,
        payment_failed_at timestamptz,
        last_subscription_event_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    // Every webhook event applied, by Stripe's id: a redelivery finds its row and changes nothing.
    await db.query(`
      CREATE TABLE stripe_events (
        id text PRIMARY KEY,
        type text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('applied', 'ignored', 'stale')),
        user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        stripe_created_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX stripe_events_received_at_idx ON stripe_events (received_at)`);
    await db.query(`
      CREATE TABLE usage_counters (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        metric text NOT NULL CHECK (metric IN ('generation_minutes', 'ai_messages')),
        period text NOT NULL CHECK (period ~ '^[0-9]{4}-[0-9]{2}$'),
        amount numeric(16, 3) NOT NULL DEFAULT 0 CHECK (amount >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, metric, period)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE usage_counters`);
    await db.query(`DROP TABLE stripe_events`);
    await db.query(`DROP TABLE billing_accounts`);
  }
}
