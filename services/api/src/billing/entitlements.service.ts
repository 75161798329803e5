import { Inject, Injectable } from '@nestjs/common';
import { type EntitlementExceeded, type EntitlementName, type Entitlements, METERED_USAGE, type MeteredUsage, type PlanId } from '@dawg/contracts';
import type { UsageMetric } from '@dawg/db';
import { AppError } from '@dawg/platform';
import { BillingRepository } from './billing.repository';
import { BILLING_SETTINGS } from './billing.tokens';
import type { BillingSettings } from './billing-env';
import { PLANS, usagePeriodOf } from './plans';

export interface PlanOfUser {
  plan: PlanId;
  entitlements: Readonly<Entitlements>;
  /** Stripe's subscription status; null without a subscription (and always without billing). */
  status: string | null;
}

const METRIC_OF: Record<MeteredUsage, UsageMetric> = { generationMinutes: 'generation_minutes', aiMessages: 'ai_messages' };

const LIMIT_NAMES: Record<EntitlementName, string> = {
  maxProjects: 'projects',
  storageBytes: 'bytes of audio storage',
  generationMinutesPerMonth: 'generation minutes this month',
  aiMessagesPerMonth: 'AI assistant messages this month',
};

/**
 * What a user's plan allows, checked where the thing is used. Exported so
 * projects, audio and the usage reports of other services can enforce it.
 * Exceeding a limit is 402 PAYMENT_REQUIRED: a bigger plan would allow it.
 */
@Injectable()
export class EntitlementsService {
  constructor(
    private readonly billing: BillingRepository,
    @Inject(BILLING_SETTINGS) private readonly settings: BillingSettings,
  ) {}

  get billingEnabled(): boolean {
    return this.settings.stripe !== undefined;
  }

  async planOf(userId: string): Promise<PlanOfUser> {
    if (!this.billingEnabled) return { plan: 'local', entitlements: PLANS.local, status: null };
    const account = await this.billing.findAccount(userId);
    const plan = account?.plan ?? 'free';
    return { plan, entitlements: PLANS[plan], status: account?.subscriptionStatus ?? null };
  }

  /** Throws 402 naming the limit when `used + adding` would go past the plan's `entitlement`. */
  async assertWithin(userId: string, entitlement: EntitlementName, usage: { used: number; adding: number }): Promise<void> {
    const { plan, entitlements } = await this.planOf(userId);
    const limit = entitlements[entitlement];
    if (usage.used + usage.adding > limit) throw exceeded({ entitlement, plan, limit, used: usage.used, requested: usage.adding });
  }

  /**
   * Counts `amount` of a metered entitlement against this month, or throws
   * 402 and counts nothing when it would go past the limit. Atomic: parallel
   * calls cannot together overshoot.
   */
  async consume(userId: string, usage: MeteredUsage, amount: number, now = new Date()): Promise<{ used: number; limit: number }> {
    if (!Number.isFinite(amount) || amount <= 0) throw new AppError('BAD_REQUEST', 'A usage amount must be a positive number.', { amount });
    const entitlement = METERED_USAGE[usage];
    const { plan, entitlements } = await this.planOf(userId);
    const limit = entitlements[entitlement];
    const period = usagePeriodOf(now);
    const used = await this.billing.addUsageWithin(userId, METRIC_OF[usage], period, amount, limit);
    if (used !== undefined) return { used, limit };
    const current = (await this.billing.usage(userId, period))[METRIC_OF[usage]];
    throw exceeded({ entitlement, plan, limit, used: current, requested: amount });
  }

  /**
   * Gives back metered usage charged for something that did not happen (a
   * generation job that failed for good or was cancelled), to the month it
   * was charged in. Idempotent per `refundId`: true the first time only.
   */
  async refund(refundId: string, userId: string, usage: MeteredUsage, amount: number, chargedAt: Date, reason: string): Promise<boolean> {
    if (!(amount > 0)) return false;
    const refunded = await this.billing.refundUsage({ jobId: refundId, userId, metric: METRIC_OF[usage], period: usagePeriodOf(chargedAt), amount, reason });
    return refunded !== undefined;
  }

  /** Every entitlement with its limit and what is used now, for the billing page. */
  async usageOf(userId: string, now = new Date()): Promise<PlanOfUser & { period: string; usage: Record<EntitlementName, { limit: number; used: number }> }> {
    const period = usagePeriodOf(now);
    const [plan, projects, storage, metered] = await Promise.all([
      this.planOf(userId),
      this.billing.projectCount(userId),
      this.billing.storedBytes(userId),
      this.billing.usage(userId, period),
    ]);
    const { entitlements } = plan;
    return {
      ...plan,
      period,
      usage: {
        maxProjects: { limit: entitlements.maxProjects, used: projects },
        storageBytes: { limit: entitlements.storageBytes, used: storage },
        generationMinutesPerMonth: { limit: entitlements.generationMinutesPerMonth, used: metered.generation_minutes },
        aiMessagesPerMonth: { limit: entitlements.aiMessagesPerMonth, used: metered.ai_messages },
      },
    };
  }
}

function exceeded(details: EntitlementExceeded): AppError {
  const { entitlement, plan, limit, used } = details;
  return new AppError(
    'PAYMENT_REQUIRED',
    `The ${plan} plan allows ${limit} ${LIMIT_NAMES[entitlement]} (${entitlement}); ${used} used. Upgrade the plan to go beyond it.`,
    details,
  );
}
