import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One row per LLM call, with tokens and cost; owned by the ai-brain service. */
export class CreateAiUsage1764000400000 implements MigrationInterface {
  name = 'CreateAiUsage1764000400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE ai_usage (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        conversation_id uuid,
        provider text NOT NULL,
        model text NOT NULL,
        input_tokens integer NOT NULL DEFAULT 0 CHECK (input_tokens >= 0),
        output_tokens integer NOT NULL DEFAULT 0 CHECK (output_tokens >= 0),
        cost_usd numeric(12, 6) NOT NULL DEFAULT 0 CHECK (cost_usd >= 0),
        request_id text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX ai_usage_created_provider_idx ON ai_usage (created_at, provider)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE ai_usage`);
  }
}
