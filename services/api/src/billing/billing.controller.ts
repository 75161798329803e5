import { Body, Controller, Get, Headers, HttpCode, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  type BillingRedirect,
  billingRedirectSchema,
  type BillingSummary,
  billingSummarySchema,
  type CheckoutRequest,
  checkoutRequestSchema,
  type MeteredUse,
  meteredUseSchema,
  portalRequestSchema,
  type WebhookAck,
  webhookAckSchema,
} from '@dawg/contracts';
import { CurrentUser, type Principal, Public, Scopes } from '@dawg/auth';
import { ApiDoc, SkipRateLimit, ZodValidationPipe } from '@dawg/platform';
import { type BillingClient, BillingService } from './billing.service';
import { EntitlementsService } from './entitlements.service';
import { StripeWebhookService } from './stripe-webhook.service';

const clientOf = (req: FastifyRequest): BillingClient => ({ requestId: String(req.id), ip: req.ip ?? null });

@Controller('billing')
export class BillingController {
  constructor(
    private readonly billing: BillingService,
    private readonly webhooks: StripeWebhookService,
    private readonly entitlements: EntitlementsService,
  ) {}

  @Get()
  @ApiDoc({ summary: "The caller's plan, subscription status, and each entitlement's limit and use", response: billingSummarySchema })
  summary(@CurrentUser() principal: Principal): Promise<BillingSummary> {
    return this.billing.summary(principal.id);
  }

  @Post('checkout')
  @ApiDoc({
    summary: 'Start a Stripe checkout for a paid plan; answers the URL to send the browser to',
    response: billingRedirectSchema,
    errors: ['VALIDATION_FAILED', 'CONFLICT', 'SERVICE_UNAVAILABLE'],
  })
  checkout(@CurrentUser() principal: Principal, @Body(new ZodValidationPipe(checkoutRequestSchema)) body: CheckoutRequest, @Req() req: FastifyRequest): Promise<BillingRedirect> {
    return this.billing.checkout(principal.id, body.plan, clientOf(req));
  }

  @Post('portal')
  @ApiDoc({ summary: "Open Stripe's customer portal (change plan, payment method, invoices); answers its URL", response: billingRedirectSchema, errors: ['VALIDATION_FAILED', 'CONFLICT', 'SERVICE_UNAVAILABLE'] })
  portal(@CurrentUser() principal: Principal, @Body(new ZodValidationPipe(portalRequestSchema)) _body: unknown): Promise<BillingRedirect> {
    return this.billing.portal(principal.id);
  }

  /**
   * The AI assistant counts each message it answers against the user's plan,
   * with the user's own token; the user can only spend their own allowance.
   */
  @Post('ai-messages')
  @HttpCode(200)
  @Scopes('ai:chat')
  @ApiDoc({
    summary: "Count one AI assistant message against the caller's plan (the assistant calls it with the user's authority); 402 once the month's messages are used",
    response: meteredUseSchema,
    errors: ['PAYMENT_REQUIRED'],
  })
  aiMessage(@CurrentUser() principal: Principal): Promise<MeteredUse> {
    return this.entitlements.consume(principal.id, 'aiMessages', 1);
  }

  // Public: Stripe calls it without a session; the Stripe-Signature header over
  // the raw body, checked with the webhook secret, is the credential. Exempt
  // from the general rate limit: Stripe's bursts and retries must all land.
  @Public()
  @SkipRateLimit()
  @Post('webhook')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Stripe webhook: applies subscription and invoice events, each at most once',
    response: webhookAckSchema,
    errors: ['BAD_REQUEST', 'INVALID_JSON', 'NOT_FOUND'],
    body: { contentType: 'application/json', description: 'A Stripe event, signed in the Stripe-Signature header' },
  })
  webhook(@Headers('stripe-signature') signature: string | undefined, @Req() req: FastifyRequest): Promise<WebhookAck> {
    return this.webhooks.handle(req.rawBody, signature, clientOf(req));
  }
}
