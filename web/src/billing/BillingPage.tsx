import { useEffect, useState } from 'react';
import type { Api } from '../api/api';
import { unwrap } from '../api/client';
import { describeError } from '../api/errors';
import { Logo } from '../ui/AuthPage';
import { navigate } from '../ui/router';
import { UserMenu } from '../ui/UserMenu';
import { billingActions, type BillingSummary, describePlan, PLAN_NAMES, usageRows } from './usage';
import './billing.css';

/** The musician's plan and how much of it is used, with the way to Stripe when billing is on. */
export function BillingPage(props: { api: Api }) {
  const { api } = props;
  const [summary, setSummary] = useState<BillingSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [redirecting, setRedirecting] = useState<string | null>(null);
  const checkout = new URLSearchParams(location.search).get('checkout');

  useEffect(() => {
    let alive = true;
    unwrap(api.client.GET('/api/v1/billing')).then(
      (answer) => alive && setSummary(answer),
      (err: unknown) => alive && setError(describeError(err)),
    );
    return () => {
      alive = false;
    };
  }, [api]);

  const go = async (what: 'pro' | 'studio' | 'portal') => {
    setRedirecting(what);
    try {
      const { url } = await unwrap(what === 'portal' ? api.client.POST('/api/v1/billing/portal', { body: {} }) : api.client.POST('/api/v1/billing/checkout', { body: { plan: what } }));
      location.assign(url);
    } catch (err) {
      setError(describeError(err));
      setRedirecting(null);
    }
  };

  const actions = summary ? billingActions(summary) : { upgrades: [], manage: false };
  return (
    <div className="page">
      <header className="page-head">
        <div className="brand">
          <Logo />
          <span>DAWG AI</span>
        </div>
        <UserMenu api={api} />
      </header>
      <main className="billing">
        <p>
          <a
            href="/"
            onClick={(e) => {
              e.preventDefault();
              navigate('/');
            }}
          >
            ← Projects
          </a>
        </p>
        <h1>Plan and usage</h1>
        {checkout === 'success' && (
          <p className="billing-note ok" role="status">
            Thank you: your subscription is being set up. The new plan shows here as soon as Stripe confirms it.
          </p>
        )}
        {checkout === 'cancelled' && (
          <p className="billing-note" role="status">
            Checkout was cancelled; nothing was charged.
          </p>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {!summary ? (
          !error && <p className="muted">Loading…</p>
        ) : (
          <>
            <section className="billing-plan" aria-labelledby="billing-plan-title">
              <div>
                <h2 id="billing-plan-title">
                  <span className="muted small">Current plan</span> {PLAN_NAMES[summary.plan]}
                </h2>
                <p className="muted small">
                  {summary.billingEnabled
                    ? [
                        summary.status ? `Subscription ${summary.status.replace('_', ' ')}` : 'No subscription',
                        summary.currentPeriodEnd ? `renews or ends ${new Date(summary.currentPeriodEnd).toLocaleDateString()}` : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')
                    : 'Billing is not set up on this installation: every account has the self-hosted plan, with generous limits.'}
                </p>
                {summary.paymentFailedAt && (
                  <p className="form-error small" role="alert">
                    The last payment failed on {new Date(summary.paymentFailedAt).toLocaleDateString()}. Stripe retries it; update your payment method in the billing portal to keep your plan.
                  </p>
                )}
              </div>
              {actions.manage && (
                <button type="button" className="button" disabled={redirecting !== null} onClick={() => void go('portal')}>
                  {redirecting === 'portal' ? 'Opening Stripe…' : 'Manage subscription'}
                </button>
              )}
            </section>

            <section aria-labelledby="billing-usage-title">
              <h2 id="billing-usage-title">
                Usage <span className="muted small">(monthly limits count {summary.usagePeriod}, UTC)</span>
              </h2>
              <ul className="usage-list">
                {usageRows(summary).map((row) => (
                  <li key={row.name} className={`usage ${row.level}`} data-entitlement={row.name}>
                    <div className="usage-head">
                      <span id={`usage-${row.name}`}>{row.label}</span>
                      <span className="usage-text">{row.text}</span>
                    </div>
                    <div
                      className="usage-bar"
                      role="progressbar"
                      aria-labelledby={`usage-${row.name}`}
                      aria-valuemin={0}
                      aria-valuemax={100}
                      aria-valuenow={Math.round(row.fraction * 100)}
                      aria-valuetext={row.text}
                    >
                      <span style={{ width: `${row.fraction * 100}%` }} />
                    </div>
                  </li>
                ))}
              </ul>
            </section>

            {actions.upgrades.length > 0 && (
              <section aria-labelledby="billing-upgrade-title">
                <h2 id="billing-upgrade-title">Upgrade</h2>
                <div className="plan-offers">
                  {actions.upgrades.map(({ plan, entitlements }) => (
                    <div key={plan} className="plan-offer">
                      <h3>{PLAN_NAMES[plan]}</h3>
                      <p className="muted small">{describePlan(entitlements)}</p>
                      <button type="button" className="button primary" disabled={redirecting !== null} onClick={() => void go(plan)}>
                        {redirecting === plan ? 'Opening Stripe…' : `Upgrade to ${PLAN_NAMES[plan]}`}
                      </button>
                    </div>
                  ))}
                </div>
              </section>
            )}
          </>
        )}
      </main>
    </div>
  );
}
