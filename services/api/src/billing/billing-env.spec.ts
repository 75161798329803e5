import { ConfigValidationError, composeEnv, loadConfig } from '@dawg/platform';
import { billingEnv, billingSettingsFrom } from './billing-env';

const schema = composeEnv(billingEnv);
const enabled = {
  STRIPE_SECRET_KEY: 'sk_test_123',
  STRIPE_WEBHOOK_SECRET: 'whsec_123',
  STRIPE_PRICE_PRO: 'price_pro',
  STRIPE_PRICE_STUDIO: 'price_studio',
  APP_URL: 'https://dawg.example/',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(schema, env);
  } catch (err) {
    if (err instanceof ConfigValidationError) return err.problems;
    throw err;
  }
  return [];
}

describe('billing configuration', () => {
  it('is off with no Stripe variables, and on with all of them', () => {
    expect(billingSettingsFrom(loadConfig(schema, {}))).toEqual({});
    expect(billingSettingsFrom(loadConfig(schema, enabled)).stripe).toEqual({
      secretKey: 'sk_test_123',
      webhookSecret: 'whsec_123',
      apiUrl: undefined,
      prices: { pro: 'price_pro', studio: 'price_studio' },
      appUrl: 'https://dawg.example',
    });
  });

  it('refuses a secret key without the webhook secret, and the reverse, naming the missing one', () => {
    expect(problemsOf({ STRIPE_SECRET_KEY: 'sk_test_123' })[0]).toMatch(/^STRIPE_WEBHOOK_SECRET: is required when STRIPE_SECRET_KEY is set/);
    expect(problemsOf({ STRIPE_WEBHOOK_SECRET: 'whsec_123' })[0]).toMatch(/^STRIPE_SECRET_KEY: is required when STRIPE_WEBHOOK_SECRET is set/);
  });

  it('requires both prices and the app URL once billing is on', () => {
    const problems = problemsOf({ STRIPE_SECRET_KEY: 'sk_test_123', STRIPE_WEBHOOK_SECRET: 'whsec_123' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['APP_URL', 'STRIPE_PRICE_PRO', 'STRIPE_PRICE_STUDIO']);
  });

  it('refuses malformed values without echoing secrets', () => {
    const problems = problemsOf({ ...enabled, STRIPE_SECRET_KEY: 'pk_live_oops', STRIPE_PRICE_STUDIO: 'price_pro' });
    expect(problems.find((p) => p.startsWith('STRIPE_SECRET_KEY:'))).toMatch(/secret or restricted key.*<redacted>/);
    expect(problems.join('\n')).not.toContain('pk_live_oops');
    expect(problems.find((p) => p.startsWith('STRIPE_PRICE_STUDIO:'))).toMatch(/must differ from STRIPE_PRICE_PRO/);
  });
});
