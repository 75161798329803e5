import { z } from 'zod';

/** `local` is the plan of every account when an installation runs without billing. */
export const PLAN_IDS = ['local', 'free', 'pro', 'studio'] as const;
export const planIdSchema = z.enum(PLAN_IDS);
export type PlanId = z.infer<typeof planIdSchema>;

/** The plans a musician can buy. */
export const PAID_PLAN_IDS = ['pro', 'studio'] as const;
export type PaidPlanId = (typeof PAID_PLAN_IDS)[number];

export const ENTITLEMENT_NAMES = ['maxProjects', 'storageBytes', 'generationMinutesPerMonth', 'aiMessagesPerMonth'] as const;
export const entitlementNameSchema = z.enum(ENTITLEMENT_NAMES);
export type EntitlementName = z.infer<typeof entitlementNameSchema>;
export type Entitlements = Record<EntitlementName, number>;

/** The metered entitlements, counted per calendar month (UTC), and what each counts. */
export const METERED_USAGE = { generationMinutes: 'generationMinutesPerMonth', aiMessages: 'aiMessagesPerMonth' } as const satisfies Record<string, EntitlementName>;
export type MeteredUsage = keyof typeof METERED_USAGE;

export const checkoutRequestSchema = z.strictObject({ plan: z.enum(PAID_PLAN_IDS) });
export type CheckoutRequest = z.infer<typeof checkoutRequestSchema>;

/** The billing portal takes no input; an empty JSON object is accepted for clients that always send one. */
export const portalRequestSchema = z.strictObject({}).optional();

/** Where to send the browser: a Stripe-hosted checkout or customer portal page. */
export const billingRedirectSchema = z.object({ url: z.url() });
export type BillingRedirect = z.infer<typeof billingRedirectSchema>;

const usageSchema = z.object({ limit: z.number(), used: z.number() });
/** What counting one metered use answers: this month's total after it, and the plan's limit. */
export const meteredUseSchema = usageSchema;
export type MeteredUse = z.infer<typeof meteredUseSchema>;

export const billingSummarySchema = z.object({
  /** False when the installation runs without Stripe: everyone is on `local`. */
  billingEnabled: z.boolean(),
  plan: planIdSchema,
  /** Stripe's subscription status (`active`, `past_due`, ...); null without a subscription. */
  status: z.string().nullable(),
  currentPeriodEnd: z.string().nullable(),
  /** When the last payment failed; cleared by the next successful one. Stripe retries meanwhile and the plan stays. */
  paymentFailedAt: z.string().nullable(),
  /** The month the metered entitlements count, `YYYY-MM` (UTC). */
  usagePeriod: z.string(),
  entitlements: z.object({
    maxProjects: usageSchema,
    storageBytes: usageSchema,
    generationMinutesPerMonth: usageSchema,
    aiMessagesPerMonth: usageSchema,
  }),
  /** What each paid plan allows, for the upgrade offers; empty without billing. */
  paidPlans: z.array(
    z.object({
      plan: z.enum(PAID_PLAN_IDS),
      entitlements: z.object({ maxProjects: z.number(), storageBytes: z.number(), generationMinutesPerMonth: z.number(), aiMessagesPerMonth: z.number() }),
    }),
  ),
});
export type BillingSummary = z.infer<typeof billingSummarySchema>;

/** `details` of a 402 PAYMENT_REQUIRED: which limit, and by how much. */
export const entitlementExceededSchema = z.object({
  entitlement: entitlementNameSchema,
  plan: planIdSchema,
  limit: z.number(),
  used: z.number(),
  requested: z.number(),
});
export type EntitlementExceeded = z.infer<typeof entitlementExceededSchema>;

export const webhookAckSchema = z.object({ received: z.literal(true), duplicate: z.boolean() });
export type WebhookAck = z.infer<typeof webhookAckSchema>;
