import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The AI assistant's conversations and their messages; owned by the
 * ai-brain service. Tool calls and their results are messages too, so the
 * conversation is also the audit trail of what the assistant did and with
 * whose authority. A conversation's `summary` holds the gist of messages
 * older than `summarized_through`, so long histories fit a model's context.
 */
export class CreateConversations1764000600000 implements MigrationInterface {
  name = 'CreateConversations1764000600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE conversations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        project_id uuid REFERENCES projects(id) ON DELETE SET NULL,
        title text NOT NULL,
        persona text NOT NULL CHECK (persona IN ('daw', 'operator')),
        summary text,
        summarized_through integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX conversations_user_updated_idx ON conversations (user_id, updated_at DESC)`);
    await db.query(`
      CREATE TABLE chat_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        seq integer NOT NULL,
        role text NOT NULL CHECK (role IN ('user', 'assistant', 'tool')),
        content text NOT NULL,
        tool_calls jsonb,
        tool_call_id text,
        tool_name text,
        tool_status text CHECK (tool_status IN ('running', 'ok', 'error')),
        summary text,
        provider text,
        model text,
        request_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (conversation_id, seq)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE chat_messages`);
    await db.query(`DROP TABLE conversations`);
  }
}
