import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type Stripe from 'stripe';
import type { EntityManager } from 'typeorm';
import type { WebhookAck } from '@dawg/contracts';
import type { StoredPlan, StripeEventOutcome } from '@dawg/db';
import { AppError, ROOT_LOGGER } from '@dawg/platform';
import { AuditRepository } from '../audit/audit.repository';
import { BillingRepository } from './billing.repository';
import type { BillingClient } from './billing.service';
import { BILLING_SETTINGS } from './billing.tokens';
import type { BillingSettings } from './billing-env';
import { ENTITLED_STATUSES } from './plans';
import { StripeRepository } from './stripe.repository';

/** A subscription as far as plans care. */
interface SubscriptionState {
  id: string;
  customerId: string;
  /** What we put in subscription_data.metadata at checkout. */
  userIdHint: string | undefined;
  status: string;
  priceId: string | null;
  periodEnd: Date | null;
  /** Read from the API just now, rather than a snapshot from when the event was created. */
  fresh: boolean;
}

interface Applied {
  outcome: StripeEventOutcome;
  userId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IGNORED: Applied = { outcome: 'ignored', userId: null };

/**
 * Applies Stripe webhook events to billing accounts. Each event is applied
 * at most once: its id is inserted in the same transaction as its effect, so
 * a redelivery (Stripe retries until it sees a 2xx) finds it and does nothing.
 */
@Injectable()
export class StripeWebhookService {
  constructor(
    private readonly billing: BillingRepository,
    private readonly stripe: StripeRepository,
    private readonly audit: AuditRepository,
    @Inject(BILLING_SETTINGS) private readonly settings: BillingSettings,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async handle(rawBody: string | undefined, signature: string | undefined, client: BillingClient): Promise<WebhookAck> {
    if (!this.settings.stripe) throw AppError.notFound('The billing webhook (billing is not enabled on this installation)');
    if (rawBody === undefined || !signature) throw new AppError('BAD_REQUEST', 'A Stripe webhook needs a JSON body and a Stripe-Signature header.');
    let event: Stripe.Event;
    try {
      event = this.stripe.verifyEvent(rawBody, signature);
    } catch {
      throw new AppError('BAD_REQUEST', 'The Stripe-Signature header does not match the body (or is too old).');
    }

    if (await this.billing.eventSeen(event.id)) return { received: true, duplicate: true };
    // Calls to Stripe happen before the transaction, so no connection or lock waits on the network.
    const subscription = await this.subscriptionOf(event);
    const applied = await this.billing.transaction(async (em) => {
      if (!(await this.billing.claimEvent(em, { id: event.id, type: event.type, createdAt: new Date(event.created * 1000) }))) return false;
      const { outcome, userId } = await this.apply(em, event, subscription, client);
      await this.billing.settleEvent(em, event.id, outcome, userId);
      return true;
    });
    return { received: true, duplicate: !applied };
  }

  /** The subscription an event is about, fetched when checkout.session.completed carries only its id. */
  private async subscriptionOf(event: Stripe.Event): Promise<SubscriptionState | undefined> {
    switch (event.type) {
      case 'checkout.session.completed': {
        const ref = event.data.object.subscription;
        if (!ref) return undefined;
        return typeof ref === 'string' ? stateOf(await this.stripe.retrieveSubscription(ref), true) : stateOf(ref, false);
      }
      case 'customer.subscription.created':
      case 'customer.subscription.updated':
        return stateOf(event.data.object, false);
      case 'customer.subscription.deleted':
        // Whatever the snapshot says, a deleted subscription entitles to nothing.
        return { ...stateOf(event.data.object, false), status: 'canceled' };
      default:
        return undefined;
    }
  }

  private async apply(em: EntityManager, event: Stripe.Event, subscription: SubscriptionState | undefined, client: BillingClient): Promise<Applied> {
    switch (event.type) {
      case 'checkout.session.completed': {
        const session = event.data.object;
        if (session.mode !== 'subscription' || !subscription) return IGNORED;
        const userId = (await this.knownUser(em, session.client_reference_id ?? session.metadata?.userId)) ?? (await this.billing.findUserIdByCustomer(subscription.customerId, em));
        return userId ? this.applySubscription(em, userId, event, subscription, client) : this.unmatched(event);
      }
      case 'customer.subscription.created':
      case 'customer.subscription.updated':
      case 'customer.subscription.deleted': {
        const state = subscription!;
        const userId = (await this.billing.findUserIdByCustomer(state.customerId, em)) ?? (await this.knownUser(em, state.userIdHint));
        return userId ? this.applySubscription(em, userId, event, state, client) : this.unmatched(event);
      }
      case 'invoice.payment_succeeded':
      case 'invoice.payment_failed':
        return this.applyPayment(em, event, client);
      default:
        // Acknowledged so Stripe stops retrying; recorded, so it is visible what arrived.
        return IGNORED;
    }
  }

  private async applySubscription(em: EntityManager, userId: string, event: Stripe.Event, state: SubscriptionState, client: BillingClient): Promise<Applied> {
    await this.billing.ensureAccount(userId, em);
    const account = (await this.billing.lockAccount(em, userId))!;
    const eventAt = new Date(event.created * 1000);
    // Stripe does not deliver in order: a snapshot older than the state applied is skipped.
    if (!state.fresh && account.lastSubscriptionEventAt && eventAt < account.lastSubscriptionEventAt) return { outcome: 'stale', userId };
    // The end of an earlier subscription must not take away the plan of the current one.
    if (account.stripeSubscriptionId && account.stripeSubscriptionId !== state.id && !ENTITLED_STATUSES.has(state.status)) return { outcome: 'ignored', userId };

    const plan = this.planFor(state, account.plan);
    const latest = account.lastSubscriptionEventAt && account.lastSubscriptionEventAt > eventAt ? account.lastSubscriptionEventAt : eventAt;
    await this.billing.updateAccount(em, userId, {
      plan,
      stripeCustomerId: account.stripeCustomerId ?? state.customerId,
      stripeSubscriptionId: state.id,
      stripePriceId: state.priceId,
      subscriptionStatus: state.status,
      currentPeriodEnd: state.periodEnd,
      lastSubscriptionEventAt: latest,
    });
    await this.audit.record(
      {
        action: plan === account.plan ? 'billing.subscription_updated' : 'billing.plan_changed',
        actorId: userId,
        ...client,
        details: { stripeEventId: event.id, eventType: event.type, from: account.plan, to: plan, subscriptionId: state.id, status: state.status, priceId: state.priceId },
      },
      em,
    );
    return { outcome: 'applied', userId };
  }

  /**
   * A failed payment only marks the account: Stripe retries it for a while
   * (the subscription is past_due meanwhile, which keeps the plan) and then
   * cancels or marks it unpaid, which arrives as a subscription event that
   * moves the account to free. Downgrading on the first failure would punish
   * an expired card that the musician fixes the same day.
   */
  private async applyPayment(em: EntityManager, event: Stripe.InvoicePaymentSucceededEvent | Stripe.InvoicePaymentFailedEvent, client: BillingClient): Promise<Applied> {
    const invoice = event.data.object;
    const customerId = idOf(invoice.customer);
    const userId = customerId ? await this.billing.findUserIdByCustomer(customerId, em) : undefined;
    if (!userId) return this.unmatched(event);
    await this.billing.lockAccount(em, userId);
    const failed = event.type === 'invoice.payment_failed';
    await this.billing.updateAccount(em, userId, { paymentFailedAt: failed ? new Date(event.created * 1000) : null });
    await this.audit.record(
      {
        action: failed ? 'billing.payment_failed' : 'billing.payment_succeeded',
        actorId: userId,
        ...client,
        details: {
          stripeEventId: event.id,
          eventType: event.type,
          invoiceId: invoice.id,
          amount: failed ? invoice.amount_due : invoice.amount_paid,
          currency: invoice.currency,
          attemptCount: invoice.attempt_count,
          nextPaymentAttempt: invoice.next_payment_attempt ? new Date(invoice.next_payment_attempt * 1000).toISOString() : null,
        },
      },
      em,
    );
    return { outcome: 'applied', userId };
  }

  /** The plan a subscription entitles to; an unknown price keeps the current plan rather than guessing. */
  private planFor(state: SubscriptionState, current: StoredPlan): StoredPlan {
    if (!ENTITLED_STATUSES.has(state.status)) return 'free';
    const { prices } = this.settings.stripe!;
    if (state.priceId === prices.pro) return 'pro';
    if (state.priceId === prices.studio) return 'studio';
    this.logger.warn({ subscriptionId: state.id, priceId: state.priceId, plan: current }, 'subscription price is neither STRIPE_PRICE_PRO nor STRIPE_PRICE_STUDIO; plan left as it was');
    return current;
  }

  private async knownUser(em: EntityManager, candidate: string | null | undefined): Promise<string | undefined> {
    if (!candidate || !UUID.test(candidate)) return undefined;
    return (await this.billing.userExists(candidate, em)) ? candidate : undefined;
  }

  private unmatched(event: Stripe.Event): Applied {
    this.logger.warn({ stripeEventId: event.id, eventType: event.type }, 'Stripe event concerns no known account; recorded and ignored');
    return IGNORED;
  }
}

function idOf(ref: string | { id: string } | null | undefined): string | undefined {
  return typeof ref === 'string' ? ref : ref?.id;
}

function stateOf(subscription: Stripe.Subscription, fresh: boolean): SubscriptionState {
  const items = subscription.items?.data ?? [];
  // Since API version 2025-03-31 the billing period lives on each item.
  const ends = items.map((item) => item.current_period_end).filter((end): end is number => typeof end === 'number');
  return {
    id: subscription.id,
    customerId: idOf(subscription.customer)!,
    userIdHint: subscription.metadata?.userId,
    status: subscription.status,
    priceId: items[0]?.price?.id ?? null,
    periodEnd: ends.length > 0 ? new Date(Math.max(...ends) * 1000) : null,
    fresh,
  };
}
