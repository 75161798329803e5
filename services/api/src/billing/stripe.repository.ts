import { Inject, Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { BILLING_SETTINGS } from './billing.tokens';
import type { BillingSettings } from './billing-env';

export interface NewCheckout {
  customerId: string;
  userId: string;
  priceId: string;
  successUrl: string;
  cancelUrl: string;
}

/** All I/O with Stripe, through its SDK. Only constructed with billing on. */
@Injectable()
export class StripeRepository {
  private readonly stripe: Stripe | undefined;

  constructor(@Inject(BILLING_SETTINGS) private readonly settings: BillingSettings) {
    const config = settings.stripe;
    if (!config) return;
    const api = config.apiUrl ? new URL(config.apiUrl) : undefined;
    this.stripe = new Stripe(config.secretKey, {
      ...(api ? { host: api.hostname, port: api.port || (api.protocol === 'http:' ? 80 : 443), protocol: api.protocol === 'http:' ? 'http' : 'https' } : {}),
      maxNetworkRetries: 2,
      timeout: 10_000,
      appInfo: { name: 'dawg-ai' },
    });
  }

  private get client(): Stripe {
    if (!this.stripe) throw new Error('Stripe is not configured');
    return this.stripe;
  }

  /**
   * One customer per user even when two checkouts race: Stripe answers a
   * repeated idempotency key with the first customer.
   */
  async createCustomer(userId: string, email: string): Promise<string> {
    const customer = await this.client.customers.create({ email, metadata: { userId } }, { idempotencyKey: `dawg-customer-${userId}` });
    return customer.id;
  }

  async createCheckoutSession(checkout: NewCheckout): Promise<string> {
    const session = await this.client.checkout.sessions.create({
      mode: 'subscription',
      customer: checkout.customerId,
      client_reference_id: checkout.userId,
      line_items: [{ price: checkout.priceId, quantity: 1 }],
      success_url: checkout.successUrl,
      cancel_url: checkout.cancelUrl,
      metadata: { userId: checkout.userId },
      // Lets subscription events find the user even before checkout.session.completed arrives.
      subscription_data: { metadata: { userId: checkout.userId } },
    });
    if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a url`);
    return session.url;
  }

  async createPortalSession(customerId: string, returnUrl: string): Promise<string> {
    const session = await this.client.billingPortal.sessions.create({ customer: customerId, return_url: returnUrl });
    return session.url;
  }

  retrieveSubscription(id: string): Promise<Stripe.Subscription> {
    return this.client.subscriptions.retrieve(id);
  }

  /** Verifies the signature over the exact body and parses the event; throws StripeSignatureVerificationError. */
  verifyEvent(rawBody: string, signature: string): Stripe.Event {
    return this.client.webhooks.constructEvent(rawBody, signature, this.settings.stripe!.webhookSecret);
  }
}
