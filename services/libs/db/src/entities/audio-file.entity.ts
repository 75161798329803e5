import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** pg returns bigint as a string; sizes stay far below 2^53. */
const bigintAsNumber = { to: (v: number) => v, from: (v: string | null) => (v == null ? v : Number(v)) };

/** An uploaded recording in a user's library. Owned by the api service; the bytes live in object storage. */
@Entity({ name: 'audio_files' })
export class AudioFileEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  @Column({ name: 'project_id', type: 'uuid', nullable: true })
  projectId!: string | null;

  @Column({ name: 'storage_key', type: 'text' })
  storageKey!: string;

  /** Object key of the waveform peaks JSON, once computed. */
  @Column({ name: 'peaks_key', type: 'text', nullable: true })
  peaksKey!: string | null;

  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  @Column({ type: 'text' })
  status!: 'pending' | 'ready';

  @Column({ type: 'text', nullable: true })
  format!: string | null;

  @Column({ name: 'mime_type', type: 'text', nullable: true })
  mimeType!: string | null;

  @Column({ type: 'text', nullable: true })
  codec!: string | null;

  @Column({ name: 'size_bytes', type: 'bigint', default: 0, transformer: bigintAsNumber })
  sizeBytes!: number;

  @Column({ name: 'duration_seconds', type: 'double precision', nullable: true })
  durationSeconds!: number | null;

  @Column({ name: 'sample_rate', type: 'integer', nullable: true })
  sampleRate!: number | null;

  @Column({ type: 'smallint', nullable: true })
  channels!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
