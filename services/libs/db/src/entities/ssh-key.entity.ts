import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An SSH public key for the gateway, per user or per AI agent of a user. Owned by the api service; the gateway only reads it. */
@Entity({ name: 'ssh_keys' })
export class SshKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  name!: string;

  /** The AI agent's label for an agent's key; null for a person's own key. */
  @Column({ type: 'text', nullable: true })
  agent!: string | null;

  /** The key type: ssh-ed25519, ecdsa-sha2-nistp256/384/521 or ssh-rsa. */
  @Column({ type: 'text' })
  algorithm!: string;

  /** `<algorithm> <base64 blob>`, the comment dropped. */
  @Column({ name: 'public_key', type: 'text' })
  publicKey!: string;

  /** `SHA256:<base64>` of the key blob, as ssh-keygen -l prints it. */
  @Column({ type: 'text' })
  fingerprint!: string;

  @Column({ type: 'text', array: true })
  scopes!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
