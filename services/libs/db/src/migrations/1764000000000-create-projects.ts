import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Projects and their contents, owned by the api service. Every row inside a
 * project carries project_id, so one indexed lookup answers "may this caller
 * touch it". Deleting a project deletes its contents; uploaded audio stays in
 * the owner's library (and quota) until deleted itself.
 */
export class CreateProjects1764000000000 implements MigrationInterface {
  name = 'CreateProjects1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE projects (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        bpm double precision NOT NULL DEFAULT 120,
        time_signature_numerator smallint NOT NULL DEFAULT 4,
        time_signature_denominator smallint NOT NULL DEFAULT 4,
        key_tonic text,
        key_scale text,
        sample_rate integer NOT NULL DEFAULT 48000,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE INDEX projects_owner_updated_idx ON projects (owner_id, updated_at DESC)`);

    await db.query(`
      CREATE TABLE project_members (
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('editor', 'viewer')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (project_id, user_id)
      )`);
    await db.query(`CREATE INDEX project_members_user_idx ON project_members (user_id)`);

    await db.query(`
      CREATE TABLE audio_files (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        project_id uuid REFERENCES projects(id) ON DELETE SET NULL,
        storage_key text NOT NULL UNIQUE,
        peaks_key text,
        file_name text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'ready')),
        format text,
        mime_type text,
        codec text,
        size_bytes bigint NOT NULL DEFAULT 0,
        duration_seconds double precision,
        sample_rate integer,
        channels smallint,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX audio_files_owner_idx ON audio_files (owner_id, created_at DESC)`);

    await db.query(`
      CREATE TABLE tracks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('audio', 'midi')),
        volume_db double precision NOT NULL DEFAULT 0,
        pan double precision NOT NULL DEFAULT 0,
        mute boolean NOT NULL DEFAULT false,
        solo boolean NOT NULL DEFAULT false,
        position integer NOT NULL,
        color text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE INDEX tracks_project_idx ON tracks (project_id, position)`);

    await db.query(`
      CREATE TABLE take_groups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        track_id uuid NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
        name text NOT NULL DEFAULT '',
        start_beat double precision NOT NULL,
        length_beats double precision NOT NULL,
        active_clip_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE INDEX take_groups_project_idx ON take_groups (project_id)`);

    await db.query(`
      CREATE TABLE clips (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        track_id uuid NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
        name text NOT NULL DEFAULT '',
        start_beat double precision NOT NULL,
        length_beats double precision NOT NULL,
        source_offset_seconds double precision NOT NULL DEFAULT 0,
        gain_db double precision NOT NULL DEFAULT 0,
        fade_in_seconds double precision NOT NULL DEFAULT 0,
        fade_out_seconds double precision NOT NULL DEFAULT 0,
        audio_file_id uuid REFERENCES audio_files(id) ON DELETE RESTRICT,
        notes jsonb,
        take_group_id uuid REFERENCES take_groups(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE INDEX clips_project_idx ON clips (project_id, track_id, start_beat)`);
    await db.query(`CREATE INDEX clips_audio_file_idx ON clips (audio_file_id) WHERE audio_file_id IS NOT NULL`);
    await db.query(`ALTER TABLE take_groups ADD CONSTRAINT take_groups_active_clip_fk FOREIGN KEY (active_clip_id) REFERENCES clips(id) ON DELETE SET NULL`);

    await db.query(`
      CREATE TABLE markers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        name text NOT NULL,
        kind text NOT NULL DEFAULT 'custom',
        beat double precision NOT NULL,
        color text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE INDEX markers_project_idx ON markers (project_id, beat)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE take_groups DROP CONSTRAINT take_groups_active_clip_fk`);
    for (const table of ['markers', 'clips', 'take_groups', 'tracks', 'audio_files', 'project_members', 'projects']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
