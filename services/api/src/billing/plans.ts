import type { Entitlements, PlanId } from '@dawg/contracts';

const GiB = 1024 ** 3;

/**
 * What each plan allows. Monthly entitlements count a calendar month (UTC).
 * `local` is for installations without billing: limits high enough never to
 * be met in practice, yet finite so a runaway client still stops somewhere.
 */
export const PLANS: Readonly<Record<PlanId, Readonly<Entitlements>>> = Object.freeze({
  local: { maxProjects: 10_000, storageBytes: 1024 * 1024 * GiB, generationMinutesPerMonth: 1_000_000, aiMessagesPerMonth: 10_000_000 },
  free: { maxProjects: 3, storageBytes: 1 * GiB, generationMinutesPerMonth: 10, aiMessagesPerMonth: 100 },
  pro: { maxProjects: 50, storageBytes: 50 * GiB, generationMinutesPerMonth: 300, aiMessagesPerMonth: 3_000 },
  studio: { maxProjects: 500, storageBytes: 500 * GiB, generationMinutesPerMonth: 1_500, aiMessagesPerMonth: 20_000 },
});

/** Subscription statuses that keep a paid plan. `past_due` is Stripe retrying a failed payment: the plan stays meanwhile. */
export const ENTITLED_STATUSES: ReadonlySet<string> = new Set(['active', 'trialing', 'past_due']);

/** The month a metered entitlement counts, `YYYY-MM` in UTC. */
export function usagePeriodOf(date: Date): string {
  return date.toISOString().slice(0, 7);
}
