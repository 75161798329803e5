import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { BillingController } from './billing.controller';
import { BillingRepository } from './billing.repository';
import { BillingService } from './billing.service';
import { BILLING_SETTINGS } from './billing.tokens';
import type { BillingSettings } from './billing-env';
import { EntitlementsService } from './entitlements.service';
import { StripeRepository } from './stripe.repository';
import { StripeWebhookService } from './stripe-webhook.service';

/**
 * Plans, entitlements and Stripe billing: the api service owns the
 * billing_accounts, stripe_events and usage_counters tables. Global, so
 * any module (projects, audio, usage reports) can inject EntitlementsService
 * to enforce limits where things are used, without importing it again.
 */
@Module({})
export class BillingModule {
  static forRoot(settings: BillingSettings): DynamicModule {
    return {
      module: BillingModule,
      global: true,
      imports: [AuditModule],
      controllers: [BillingController],
      providers: [{ provide: BILLING_SETTINGS, useValue: settings }, BillingRepository, StripeRepository, EntitlementsService, BillingService, StripeWebhookService],
      exports: [EntitlementsService],
    };
  }
}
