import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export type StoredPlan = 'free' | 'pro' | 'studio';

/** A user's plan and the Stripe customer and subscription behind it. Owned by the api service (billing). */
@Entity({ name: 'billing_accounts' })
export class BillingAccountEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text', default: 'free' })
  plan!: StoredPlan;

  @Column({ name: 'stripe_customer_id', type: 'text', nullable: true, unique: true })
  stripeCustomerId!: string | null;

  @Column({ name: 'stripe_subscription_id', type: 'text', nullable: true })
  stripeSubscriptionId!: string | null;

  @Column({ name: 'stripe_price_id', type: 'text', nullable: true })
  stripePriceId!: string | null;

  /** Stripe's subscription status, as last reported by a webhook. */
  @Column({ name: 'subscription_status', type: 'text', nullable: true })
  subscriptionStatus!: string | null;

  @Column({ name: 'current_period_end', type: 'timestamptz', nullable: true })
  currentPeriodEnd!: Date | null;

  @Column({ name: 'payment_failed_at', type: 'timestamptz', nullable: true })
  paymentFailedAt!: Date | null;

  /** `created` of the newest subscription event applied; Stripe does not deliver in order, so older ones are skipped. */
  @Column({ name: 'last_subscription_event_at', type: 'timestamptz', nullable: true })
  lastSubscriptionEventAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
