import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { BillingAccountEntity, type StripeEventOutcome, StripeEventEntity, type UsageMetric, UserEntity } from '@dawg/db';

export interface StripeEventRecord {
  id: string;
  type: string;
  createdAt: Date;
}

export type BillingAccountChange = Partial<
  Pick<BillingAccountEntity, 'plan' | 'stripeCustomerId' | 'stripeSubscriptionId' | 'stripePriceId' | 'subscriptionStatus' | 'currentPeriodEnd' | 'paymentFailedAt' | 'lastSubscriptionEventAt'>
>;

/** All I/O of billing in Postgres: billing accounts, handled Stripe events, usage counters, and the usage it bills. */
@Injectable()
export class BillingRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  findAccount(userId: string, em: EntityManager = this.db.manager): Promise<BillingAccountEntity | null> {
    return em.findOneBy(BillingAccountEntity, { userId });
  }

  /** The account, locked until the transaction ends: webhook effects on one account apply one at a time. */
  lockAccount(em: EntityManager, userId: string): Promise<BillingAccountEntity | null> {
    return em.findOne(BillingAccountEntity, { where: { userId }, lock: { mode: 'pessimistic_write' } });
  }

  async findUserIdByCustomer(stripeCustomerId: string, em: EntityManager = this.db.manager): Promise<string | undefined> {
    const account = await em.findOne(BillingAccountEntity, { where: { stripeCustomerId }, select: { userId: true } });
    return account?.userId;
  }

  async findUserEmail(userId: string): Promise<string | undefined> {
    const user = await this.db.manager.findOne(UserEntity, { where: { id: userId }, select: { email: true } });
    return user?.email;
  }

  async userExists(userId: string, em: EntityManager = this.db.manager): Promise<boolean> {
    return em.existsBy(UserEntity, { id: userId });
  }

  /** Creates the free-plan row of a user if there is none. */
  async ensureAccount(userId: string, em: EntityManager = this.db.manager): Promise<void> {
    await em.createQueryBuilder().insert().into(BillingAccountEntity).values({ userId, plan: 'free' }).orIgnore().execute();
  }

  /** Records the Stripe customer of a user unless one is already recorded; returns the one that is. */
  async linkCustomer(userId: string, stripeCustomerId: string): Promise<string> {
    await this.ensureAccount(userId);
    await this.db
      .createQueryBuilder()
      .update(BillingAccountEntity)
      .set({ stripeCustomerId, version: () => 'version + 1' })
      .where('user_id = :userId AND stripe_customer_id IS NULL', { userId })
      .execute();
    const account = await this.findAccount(userId);
    return account!.stripeCustomerId!;
  }

  async updateAccount(em: EntityManager, userId: string, change: BillingAccountChange): Promise<void> {
    await em.createQueryBuilder().update(BillingAccountEntity).set({ ...change, version: () => 'version + 1' }).where('user_id = :userId', { userId }).execute();
  }

  async eventSeen(id: string): Promise<boolean> {
    return this.db.manager.existsBy(StripeEventEntity, { id });
  }

  /**
   * Claims an event for this transaction. False when it was handled before:
   * a concurrent redelivery waits on the primary key and then sees the row.
   */
  async claimEvent(em: EntityManager, event: StripeEventRecord): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .insert()
      .into(StripeEventEntity)
      .values({ id: event.id, type: event.type, outcome: 'ignored', userId: null, stripeCreatedAt: event.createdAt })
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  async settleEvent(em: EntityManager, id: string, outcome: StripeEventOutcome, userId: string | null): Promise<void> {
    await em.update(StripeEventEntity, { id }, { outcome, userId });
  }

  /**
   * Adds `amount` to this period's counter only if the total stays within
   * `limit`, in one statement: the row lock of the upsert makes concurrent
   * calls queue, and each sees the total the previous one left. Returns the
   * new total, or undefined when it would exceed the limit (nothing added).
   */
  async addUsageWithin(userId: string, metric: UsageMetric, period: string, amount: number, limit: number): Promise<number | undefined> {
    const rows = await this.db.query<Array<{ amount: string }>>(
      `INSERT INTO usage_counters AS c (user_id, metric, period, amount)
       SELECT $1, $2, $3, $4::numeric WHERE $4::numeric <= $5::numeric
       ON CONFLICT (user_id, metric, period)
       DO UPDATE SET amount = c.amount + EXCLUDED.amount, updated_at = now()
       WHERE c.amount + EXCLUDED.amount <= $5::numeric
       RETURNING amount`,
      [userId, metric, period, amount, limit],
    );
    return rows[0] ? Number(rows[0].amount) : undefined;
  }

  /**
   * Gives back what one job was charged, once: the refund row keyed by the
   * job id and the counter update are one statement, so a second call (any
   * replica, any trigger) inserts nothing and changes nothing. The counter
   * never goes below zero. Returns the amount refunded, or undefined when the
   * job had been refunded already.
   */
  async refundUsage(refund: { jobId: string; userId: string; metric: UsageMetric; period: string; amount: number; reason: string }): Promise<number | undefined> {
    const rows = await this.db.query<Array<{ amount: string }>>(
      `WITH refund AS (
         INSERT INTO usage_refunds (job_id, user_id, metric, period, amount, reason)
         VALUES ($1, $2, $3, $4, $5::numeric, $6)
         ON CONFLICT (job_id) DO NOTHING
         RETURNING amount
       ), counter AS (
         UPDATE usage_counters c SET amount = greatest(c.amount - refund.amount, 0), updated_at = now()
         FROM refund WHERE c.user_id = $2 AND c.metric = $3 AND c.period = $4
       )
       SELECT amount FROM refund`,
      [refund.jobId, refund.userId, refund.metric, refund.period, refund.amount, refund.reason],
    );
    return rows[0] ? Number(rows[0].amount) : undefined;
  }

  async usage(userId: string, period: string): Promise<Record<UsageMetric, number>> {
    const rows = await this.db.query<Array<{ metric: UsageMetric; amount: string }>>(
      'SELECT metric, amount FROM usage_counters WHERE user_id = $1 AND period = $2',
      [userId, period],
    );
    const usage: Record<UsageMetric, number> = { generation_minutes: 0, ai_messages: 0 };
    for (const row of rows) usage[row.metric] = Number(row.amount);
    return usage;
  }

  async projectCount(userId: string): Promise<number> {
    const rows = await this.db.query<Array<{ n: string }>>('SELECT count(*) AS n FROM projects WHERE owner_id = $1', [userId]);
    return Number(rows[0]?.n ?? 0);
  }

  async storedBytes(userId: string): Promise<number> {
    const rows = await this.db.query<Array<{ n: string }>>('SELECT coalesce(sum(size_bytes), 0) AS n FROM audio_files WHERE owner_id = $1', [userId]);
    return Number(rows[0]?.n ?? 0);
  }
}
