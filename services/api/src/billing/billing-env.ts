import { z } from 'zod';
import { envPart } from '@dawg/platform';

/**
 * Stripe billing. Off unless both the secret key and the webhook secret are
 * set; then every account is on the `local` plan with generous limits.
 */
export const billingEnv = envPart(
  {
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_/, 'must be a Stripe secret or restricted key (sk_... or rk_...)')
      .optional()
      .describe('the Stripe secret key (sk_live_... or sk_test_...); billing is off when unset'),
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_/, 'must be a Stripe webhook signing secret (whsec_...)')
      .optional()
      .describe("the signing secret of the Stripe webhook endpoint pointed at /api/v1/billing/webhook (required with STRIPE_SECRET_KEY)"),
    STRIPE_PRICE_PRO: z.string().regex(/^price_/, 'must be a Stripe price id (price_...)').optional().describe('the Stripe price id of the pro plan (required with billing)'),
    STRIPE_PRICE_STUDIO: z.string().regex(/^price_/, 'must be a Stripe price id (price_...)').optional().describe('the Stripe price id of the studio plan (required with billing)'),
    STRIPE_API_URL: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe('another base URL for the Stripe API, e.g. a local stand-in for tests (defaults to https://api.stripe.com)'),
    APP_URL: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe('the public URL of the web app, where Stripe checkout and the billing portal send the browser back (required with billing)'),
  },
  (env, ctx) => {
    const key = env.STRIPE_SECRET_KEY !== undefined;
    const secret = env.STRIPE_WEBHOOK_SECRET !== undefined;
    // Half a configuration would take payments without hearing about them, or the reverse.
    if (key && !secret) ctx.addIssue({ code: 'custom', path: ['STRIPE_WEBHOOK_SECRET'], message: 'is required when STRIPE_SECRET_KEY is set (set both to enable billing, neither to run without it)' });
    if (secret && !key) ctx.addIssue({ code: 'custom', path: ['STRIPE_SECRET_KEY'], message: 'is required when STRIPE_WEBHOOK_SECRET is set (set both to enable billing, neither to run without it)' });
    if (!key && !secret) return;
    for (const name of ['STRIPE_PRICE_PRO', 'STRIPE_PRICE_STUDIO', 'APP_URL'] as const) {
      if (env[name] === undefined) ctx.addIssue({ code: 'custom', path: [name], message: 'is required when billing is enabled (STRIPE_SECRET_KEY is set)' });
    }
    if (env.STRIPE_PRICE_PRO !== undefined && env.STRIPE_PRICE_PRO === env.STRIPE_PRICE_STUDIO) {
      ctx.addIssue({ code: 'custom', path: ['STRIPE_PRICE_STUDIO'], message: 'must differ from STRIPE_PRICE_PRO: a price decides the plan' });
    }
  },
);

export type BillingEnv = z.infer<z.ZodObject<typeof billingEnv.shape>>;

/** What the billing module needs; `stripe` is undefined when billing is off. */
export interface BillingSettings {
  stripe?: {
    secretKey: string;
    webhookSecret: string;
    apiUrl?: string;
    prices: { pro: string; studio: string };
    appUrl: string;
  };
}

export function billingSettingsFrom(env: BillingEnv): BillingSettings {
  const { STRIPE_SECRET_KEY: secretKey, STRIPE_WEBHOOK_SECRET: webhookSecret, STRIPE_PRICE_PRO: pro, STRIPE_PRICE_STUDIO: studio, APP_URL: appUrl } = env;
  // The schema's rules guarantee all or none; the check keeps the types honest.
  if (!secretKey || !webhookSecret || !pro || !studio || !appUrl) return {};
  return { stripe: { secretKey, webhookSecret, apiUrl: env.STRIPE_API_URL, prices: { pro, studio }, appUrl: appUrl.replace(/\/+$/, '') } };
}
