import { billingActions, type BillingSummary, describePlan, formatBytes, usageRows } from './usage';

const GiB = 1024 ** 3;
const PRO = { maxProjects: 50, storageBytes: 50 * GiB, generationMinutesPerMonth: 300, aiMessagesPerMonth: 3000 };
const STUDIO = { maxProjects: 500, storageBytes: 500 * GiB, generationMinutesPerMonth: 1500, aiMessagesPerMonth: 20_000 };

const summary = (over: Partial<BillingSummary> = {}): BillingSummary => ({
  billingEnabled: true,
  plan: 'free',
  status: null,
  currentPeriodEnd: null,
  paymentFailedAt: null,
  usagePeriod: '2026-01',
  entitlements: {
    maxProjects: { used: 3, limit: 3 },
    storageBytes: { used: 0.85 * GiB, limit: GiB },
    generationMinutesPerMonth: { used: 2.25, limit: 10 },
    aiMessagesPerMonth: { used: 0, limit: 100 },
  },
  paidPlans: [
    { plan: 'pro', entitlements: PRO },
    { plan: 'studio', entitlements: STUDIO },
  ],
  ...over,
});

describe('billing usage', () => {
  it('writes 1024-based sizes', () => {
    expect([0, 512, 1536, 50 * GiB, 1024 ** 5, -1].map(formatBytes)).toEqual(['0 B', '512 B', '1.5 KB', '50 GB', '1 PB', '0 B']);
  });

  it('turns each entitlement into a bar with words and a level', () => {
    expect(usageRows(summary()).map((r) => [r.name, r.fraction, r.level, r.text])).toEqual([
      ['maxProjects', 1, 'full', '3 of 3'],
      ['storageBytes', 0.85, 'high', '870 MB of 1 GB'],
      ['generationMinutesPerMonth', 0.225, 'ok', '2.3 of 10 min'],
      ['aiMessagesPerMonth', 0, 'ok', '0 of 100'],
    ]);
  });

  it('caps a bar at full when use runs past the limit (a plan downgrade)', () => {
    const over = usageRows(summary({ entitlements: { ...summary().entitlements, maxProjects: { used: 7, limit: 3 } } }))[0]!;
    expect([over.fraction, over.level]).toEqual([1, 'full']);
  });

  it('offers no button at all without billing', () => {
    expect(billingActions(summary({ billingEnabled: false, plan: 'local', paidPlans: [] }))).toEqual({ upgrades: [], manage: false });
  });

  it('offers both plans to a free account, and the portal only to a subscriber', () => {
    expect(billingActions(summary()).upgrades.map((p) => p.plan)).toEqual(['pro', 'studio']);
    expect(billingActions(summary()).manage).toBe(false);
    // A subscriber changes plan in the portal, never through a second checkout.
    expect(billingActions(summary({ plan: 'pro', status: 'active' }))).toEqual({ upgrades: [], manage: true });
    // A cancelled subscription is back on free: checkout again, and the portal for invoices.
    expect(billingActions(summary({ plan: 'free', status: 'canceled' })).upgrades.map((p) => p.plan)).toEqual(['pro', 'studio']);
  });

  it('describes a plan from its entitlements', () => {
    expect(describePlan(PRO)).toBe('50 projects, 50 GB, 300 generation minutes and 3,000 AI messages a month');
  });
});
