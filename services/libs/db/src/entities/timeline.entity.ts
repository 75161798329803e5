import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** Columns every object inside a project has. */
abstract class ProjectItem {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}

@Entity({ name: 'tracks' })
export class TrackEntity extends ProjectItem {
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: 'audio' | 'midi';

  @Column({ name: 'volume_db', type: 'double precision', default: 0 })
  volumeDb!: number;

  @Column({ type: 'double precision', default: 0 })
  pan!: number;

  @Column({ type: 'boolean', default: false })
  mute!: boolean;

  @Column({ type: 'boolean', default: false })
  solo!: boolean;

  /** The track's place in the list, 0-based. */
  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text' })
  color!: string;
}

export interface StoredMidiNote {
  pitch: number;
  startBeat: number;
  lengthBeats: number;
  velocity: number;
}

@Entity({ name: 'clips' })
export class ClipEntity extends ProjectItem {
  @Column({ name: 'track_id', type: 'uuid' })
  trackId!: string;

  @Column({ type: 'text', default: '' })
  name!: string;

  @Column({ name: 'start_beat', type: 'double precision' })
  startBeat!: number;

  @Column({ name: 'length_beats', type: 'double precision' })
  lengthBeats!: number;

  @Column({ name: 'source_offset_seconds', type: 'double precision', default: 0 })
  sourceOffsetSeconds!: number;

  @Column({ name: 'gain_db', type: 'double precision', default: 0 })
  gainDb!: number;

  @Column({ name: 'fade_in_seconds', type: 'double precision', default: 0 })
  fadeInSeconds!: number;

  @Column({ name: 'fade_out_seconds', type: 'double precision', default: 0 })
  fadeOutSeconds!: number;

  @Column({ name: 'audio_file_id', type: 'uuid', nullable: true })
  audioFileId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  notes!: StoredMidiNote[] | null;

  @Column({ name: 'take_group_id', type: 'uuid', nullable: true })
  takeGroupId!: string | null;
}

@Entity({ name: 'markers' })
export class MarkerEntity extends ProjectItem {
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', default: 'custom' })
  kind!: string;

  @Column({ type: 'double precision' })
  beat!: number;

  @Column({ type: 'text' })
  color!: string;
}

/** A recorded region on a track: its clips are the takes, one of them active. */
@Entity({ name: 'take_groups' })
export class TakeGroupEntity extends ProjectItem {
  @Column({ name: 'track_id', type: 'uuid' })
  trackId!: string;

  @Column({ type: 'text', default: '' })
  name!: string;

  @Column({ name: 'start_beat', type: 'double precision' })
  startBeat!: number;

  @Column({ name: 'length_beats', type: 'double precision' })
  lengthBeats!: number;

  @Column({ name: 'active_clip_id', type: 'uuid', nullable: true })
  activeClipId!: string | null;
}
