import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generation jobs (beats, melodies, stems, mixes...), owned by the generation
 * service: the api enqueues through it, the worker records progress and the
 * outcome here. Others read them through the generation service's API.
 */
export class CreateGenerationJobs1764000300000 implements MigrationInterface {
  name = 'CreateGenerationJobs1764000300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE generation_jobs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        project_id uuid,
        kind text NOT NULL,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
        params jsonb NOT NULL DEFAULT '{}',
        progress real NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
        stage text,
        result jsonb,
        error text,
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await db.query(`CREATE INDEX generation_jobs_user_created_idx ON generation_jobs (user_id, created_at DESC)`);
    await db.query(`CREATE INDEX generation_jobs_status_idx ON generation_jobs (status)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE generation_jobs`);
  }
}
