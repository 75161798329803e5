import { Column, Entity, PrimaryColumn } from 'typeorm';

export type UsageMetric = 'generation_minutes' | 'ai_messages';

/** How much of a metered entitlement a user has used in one calendar month (UTC). */
@Entity({ name: 'usage_counters' })
export class UsageCounterEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @PrimaryColumn({ type: 'text' })
  metric!: UsageMetric;

  /** `YYYY-MM`. */
  @PrimaryColumn({ type: 'text' })
  period!: string;

  /** numeric in Postgres; the driver returns it as a string. */
  @Column({ type: 'numeric', precision: 16, scale: 3, default: 0 })
  amount!: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
