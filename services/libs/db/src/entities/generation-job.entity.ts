import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const GENERATION_JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type GenerationJobStatus = (typeof GENERATION_JOB_STATUSES)[number];

/** A render request (beat, melody, chords, arrangement, stems, mix, master). Owned by the generation service. */
@Entity({ name: 'generation_jobs' })
@Index('generation_jobs_user_created_idx', ['userId', 'createdAt'])
export class GenerationJobEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'project_id', type: 'uuid', nullable: true })
  projectId!: string | null;

  /** What is generated, e.g. `beat`, `melody`, `stems`. */
  @Column({ type: 'text' })
  kind!: string;

  @Index('generation_jobs_status_idx')
  @Column({ type: 'text', default: 'queued' })
  status!: GenerationJobStatus;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  params!: Record<string, unknown>;

  /** 0 to 1. */
  @Column({ type: 'real', default: 0 })
  progress!: number;

  /** A short human label of the current step, e.g. `rendering drums`. */
  @Column({ type: 'text', nullable: true })
  stage!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  result!: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
