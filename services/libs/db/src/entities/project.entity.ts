import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** A song in progress. Owned by the api service. */
@Entity({ name: 'projects' })
export class ProjectEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'double precision', default: 120 })
  bpm!: number;

  @Column({ name: 'time_signature_numerator', type: 'smallint', default: 4 })
  timeSignatureNumerator!: number;

  @Column({ name: 'time_signature_denominator', type: 'smallint', default: 4 })
  timeSignatureDenominator!: number;

  @Column({ name: 'key_tonic', type: 'text', nullable: true })
  keyTonic!: string | null;

  @Column({ name: 'key_scale', type: 'text', nullable: true })
  keyScale!: string | null;

  @Column({ name: 'sample_rate', type: 'integer', default: 48000 })
  sampleRate!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}

/** A collaborator on someone else's project. The owner is projects.owner_id, not a row here. */
@Entity({ name: 'project_members' })
export class ProjectMemberEntity {
  @PrimaryColumn({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  role!: 'editor' | 'viewer';

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
