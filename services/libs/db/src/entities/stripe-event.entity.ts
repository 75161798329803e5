import { Column, Entity, PrimaryColumn } from 'typeorm';

export type StripeEventOutcome = 'applied' | 'ignored' | 'stale';

/** A Stripe webhook event already handled; its id makes redeliveries no-ops. */
@Entity({ name: 'stripe_events' })
export class StripeEventEntity {
  /** Stripe's event id, `evt_...`. */
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  type!: string;

  /** applied; ignored (a type we do not act on, or no account it concerns); stale (older than state already applied). */
  @Column({ type: 'text' })
  outcome!: StripeEventOutcome;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ name: 'stripe_created_at', type: 'timestamptz' })
  stripeCreatedAt!: Date;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
