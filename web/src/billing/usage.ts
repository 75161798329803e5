/** The billing page's numbers: each entitlement's use as a share of its limit, in words. Pure. */
import type { ResponseOf } from '../api/types';

export type BillingSummary = ResponseOf<'/api/v1/billing', 'get'>;
export type EntitlementName = keyof BillingSummary['entitlements'];

export const PLAN_NAMES: Record<BillingSummary['plan'], string> = { local: 'Self-hosted', free: 'Free', pro: 'Pro', studio: 'Studio' };

const LABELS: Record<EntitlementName, { label: string; unit: 'count' | 'bytes' | 'minutes' }> = {
  maxProjects: { label: 'Projects', unit: 'count' },
  storageBytes: { label: 'Storage', unit: 'bytes' },
  generationMinutesPerMonth: { label: 'Generation minutes this month', unit: 'minutes' },
  aiMessagesPerMonth: { label: 'AI assistant messages this month', unit: 'count' },
};

export interface UsageRow {
  name: EntitlementName;
  label: string;
  used: number;
  limit: number;
  /** 0..1, for the bar. */
  fraction: number;
  level: 'ok' | 'high' | 'full';
  /** `3 of 50`, `1.2 GB of 50 GB`. */
  text: string;
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** 1024-based sizes, as storage quotas are set: `0 B`, `512 KB`, `1.5 GB`, `1 PB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  const power = Math.min(UNITS.length - 1, Math.floor(Math.log(bytes) / Math.log(1024)));
  const value = bytes / 1024 ** power;
  const digits = value >= 100 || power === 0 ? 0 : value >= 10 ? 1 : 2;
  return `${Number(value.toFixed(digits))} ${UNITS[power]}`;
}

const formatCount = (n: number, unit: 'count' | 'minutes'): string => {
  const rounded = unit === 'minutes' ? Math.round(n * 10) / 10 : Math.round(n);
  return rounded.toLocaleString('en-US');
};

export function usageRows(summary: BillingSummary): UsageRow[] {
  return (Object.keys(LABELS) as EntitlementName[]).map((name) => {
    const { used, limit } = summary.entitlements[name];
    const { label, unit } = LABELS[name];
    const fraction = limit > 0 ? Math.min(1, Math.max(0, used / limit)) : used > 0 ? 1 : 0;
    const level = fraction >= 1 ? 'full' : fraction >= 0.8 ? 'high' : 'ok';
    const text = unit === 'bytes' ? `${formatBytes(used)} of ${formatBytes(limit)}` : `${formatCount(used, unit)} of ${formatCount(limit, unit)}${unit === 'minutes' ? ' min' : ''}`;
    return { name, label, used, limit, fraction, level, text };
  });
}

export type PaidPlan = BillingSummary['paidPlans'][number];

/** `50 projects, 50 GB, 300 generation minutes and 3,000 AI messages a month`. */
export function describePlan(entitlements: PaidPlan['entitlements']): string {
  const n = (v: number) => v.toLocaleString('en-US');
  return `${n(entitlements.maxProjects)} projects, ${formatBytes(entitlements.storageBytes)}, ${n(entitlements.generationMinutesPerMonth)} generation minutes and ${n(entitlements.aiMessagesPerMonth)} AI messages a month`;
}

/**
 * Which buttons the page offers: none without billing; upgrades only to a
 * plan bigger than the current one; the portal once there is a subscription.
 */
export function billingActions(summary: BillingSummary): { upgrades: PaidPlan[]; manage: boolean } {
  if (!summary.billingEnabled) return { upgrades: [], manage: false };
  const order: Array<BillingSummary['plan']> = ['local', 'free', 'pro', 'studio'];
  const current = order.indexOf(summary.plan);
  const subscribed = summary.status !== null && summary.plan !== 'free';
  // A subscriber changes plan in the portal: a second checkout would start a second subscription.
  const upgrades = subscribed ? [] : summary.paidPlans.filter((p) => order.indexOf(p.plan) > current);
  return { upgrades, manage: summary.status !== null };
}
