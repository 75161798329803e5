import { Inject, Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { type BillingRedirect, type BillingSummary, PAID_PLAN_IDS, type PaidPlanId } from '@dawg/contracts';
import { AppError } from '@dawg/platform';
import { AuditRepository } from '../audit/audit.repository';
import { BillingRepository } from './billing.repository';
import { BILLING_SETTINGS } from './billing.tokens';
import type { BillingSettings } from './billing-env';
import { EntitlementsService } from './entitlements.service';
import { ENTITLED_STATUSES, PLANS } from './plans';
import { StripeRepository } from './stripe.repository';

export interface BillingClient {
  requestId: string | null;
  ip: string | null;
}

/** A user's plan and usage, and the way to a paid plan: Stripe checkout and the customer portal. */
@Injectable()
export class BillingService {
  constructor(
    private readonly billing: BillingRepository,
    private readonly stripe: StripeRepository,
    private readonly entitlements: EntitlementsService,
    private readonly audit: AuditRepository,
    @Inject(BILLING_SETTINGS) private readonly settings: BillingSettings,
  ) {}

  async summary(userId: string): Promise<BillingSummary> {
    const enabled = this.entitlements.billingEnabled;
    const [usage, account] = await Promise.all([this.entitlements.usageOf(userId), enabled ? this.billing.findAccount(userId) : null]);
    return {
      billingEnabled: enabled,
      plan: usage.plan,
      status: usage.status,
      currentPeriodEnd: account?.currentPeriodEnd?.toISOString() ?? null,
      paymentFailedAt: account?.paymentFailedAt?.toISOString() ?? null,
      usagePeriod: usage.period,
      entitlements: usage.usage,
      paidPlans: enabled ? PAID_PLAN_IDS.map((plan) => ({ plan, entitlements: { ...PLANS[plan] } })) : [],
    };
  }

  async checkout(userId: string, plan: PaidPlanId, client: BillingClient): Promise<BillingRedirect> {
    const config = this.requireBilling();
    const account = await this.billing.findAccount(userId);
    // A second checkout would start a second subscription; plan changes go through the portal.
    if (account && account.plan !== 'free' && ENTITLED_STATUSES.has(account.subscriptionStatus ?? '')) {
      throw new AppError('CONFLICT', `You already have the ${account.plan} plan; change or cancel it in the billing portal.`, { plan: account.plan });
    }
    const url = await this.callStripe(async () => {
      const customerId = await this.customerOf(userId);
      return this.stripe.createCheckoutSession({
        customerId,
        userId,
        priceId: config.prices[plan],
        successUrl: `${config.appUrl}/billing?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
        cancelUrl: `${config.appUrl}/billing?checkout=cancelled`,
      });
    });
    await this.audit.record({ action: 'billing.checkout_started', actorId: userId, ...client, details: { plan } });
    return { url };
  }

  async portal(userId: string): Promise<BillingRedirect> {
    const config = this.requireBilling();
    const url = await this.callStripe(async () => this.stripe.createPortalSession(await this.customerOf(userId), `${config.appUrl}/billing`));
    return { url };
  }

  private requireBilling(): NonNullable<BillingSettings['stripe']> {
    if (this.settings.stripe) return this.settings.stripe;
    throw new AppError('CONFLICT', 'Billing is not enabled on this installation: every account is on the local plan.', { reason: 'billing_not_configured' });
  }

  /** The user's Stripe customer, created on first use and remembered. */
  private async customerOf(userId: string): Promise<string> {
    const account = await this.billing.findAccount(userId);
    if (account?.stripeCustomerId) return account.stripeCustomerId;
    const email = await this.billing.findUserEmail(userId);
    if (email === undefined) throw AppError.notFound('The account');
    return this.billing.linkCustomer(userId, await this.stripe.createCustomer(userId, email));
  }

  /** Stripe being down or busy is a 503 the client may retry; anything else (a bad price id) is our bug and stays a 500. */
  private async callStripe<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof Stripe.errors.StripeConnectionError || err instanceof Stripe.errors.StripeAPIError || err instanceof Stripe.errors.StripeRateLimitError) {
        throw new AppError('SERVICE_UNAVAILABLE', 'The payment provider could not be reached; try again shortly.');
      }
      throw err;
    }
  }
}
