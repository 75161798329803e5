import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import Stripe from 'stripe';
import { billingRedirectSchema, billingSummarySchema, entitlementExceededSchema, sessionResponseSchema, webhookAckSchema } from '@dawg/contracts';
import { AppError, loadConfig, type RunningService, startService } from '@dawg/platform';
import { createTestDatabase, type FakeStripe, startFakeStripe, type TestDatabase, testServiceEnv } from '@dawg/testing';
import { EntitlementsService } from '../src/billing/entitlements.service';
import { PLANS } from '../src/billing/plans';
import { apiEnv, apiService } from '../src/definition';

const PRICE_PRO = 'price_pro_monthly';
const PRICE_STUDIO = 'price_studio_monthly';
const WEBHOOK_SECRET = 'whsec_dawg_test_secret';
const APP_URL = 'https://dawg.example';

type Json = Record<string, unknown> & { error?: { code: string; message: string; details?: unknown } };

/** One running api, its database and HTTP helpers. */
function harness(extraEnv: () => Record<string, string>) {
  const ctx = {} as { db: TestDatabase; service: RunningService; pg: Client };

  beforeAll(async () => {
    ctx.db = await createTestDatabase();
    const env = loadConfig(apiEnv, {
      ...testServiceEnv(ctx.db.url),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      // These tests sign up many users from one IP.
      RATE_LIMIT_AUTH: '1000/900',
      RATE_LIMIT_GENERAL: '10000/900',
      ...extraEnv(),
    });
    ctx.service = await startService(apiService, env);
    ctx.pg = new Client({ connectionString: ctx.db.url });
    await ctx.pg.connect();
  });
  afterAll(async () => {
    await ctx.pg?.end();
    await ctx.service?.shutdown();
    await ctx.db?.drop();
  });

  const call = async (method: string, path: string, body?: unknown, token?: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${ctx.service.url}/api/v1${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Json };
  };
  const signUp = async () => {
    const res = await call('POST', '/auth/register', { email: `m-${randomUUID()}@example.com`, password: 'correct horse battery', displayName: 'Nina' });
    expect(res.status).toBe(201);
    const session = sessionResponseSchema.parse(res.body);
    return { id: session.user.id, email: session.user.email, token: session.tokens.accessToken };
  };
  const summary = async (token: string) => {
    const res = await call('GET', '/billing', undefined, token);
    expect(res.status).toBe(200);
    return billingSummarySchema.parse(res.body);
  };
  return { ctx, call, signUp, summary };
}

describe('billing with Stripe configured', () => {
  let fake: FakeStripe;
  // Registered before the harness's hooks, so the api starts pointed at it.
  beforeAll(async () => {
    fake = await startFakeStripe({ prices: [PRICE_PRO, PRICE_STUDIO] });
  });
  afterAll(async () => {
    await fake?.close();
  });
  const { ctx, call, signUp, summary } = harness(() => ({
    STRIPE_SECRET_KEY: 'sk_test_dawg',
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_PRICE_PRO: PRICE_PRO,
    STRIPE_PRICE_STUDIO: PRICE_STUDIO,
    STRIPE_API_URL: fake.url,
    APP_URL,
  }));
  // Only its webhook test helper is used: it signs exactly as Stripe does.
  const stripe = new Stripe('sk_test_unused');

  const deliver = (event: Record<string, unknown>, secret = WEBHOOK_SECRET) => {
    const payload = JSON.stringify(event);
    const signature = stripe.webhooks.generateTestHeaderString({ payload, secret });
    return call('POST', '/billing/webhook', payload, undefined, { 'stripe-signature': signature });
  };
  const auditRows = async (stripeEventId: string) =>
    (await ctx.pg.query<{ action: string; actor_id: string; details: Record<string, unknown> }>(`SELECT action, actor_id, details FROM audit_events WHERE details->>'stripeEventId' = $1`, [stripeEventId])).rows;
  const storedEvent = async (id: string) => (await ctx.pg.query<{ outcome: string; user_id: string | null }>('SELECT outcome, user_id FROM stripe_events WHERE id = $1', [id])).rows[0];

  /** A user who went through checkout: they have a Stripe customer, and a subscription to `price` exists at Stripe. */
  const subscribed = async (price = PRICE_PRO) => {
    const user = await signUp();
    expect((await call('POST', '/billing/checkout', { plan: 'pro' }, user.token)).status).toBe(201);
    const customer = (await ctx.pg.query<{ stripe_customer_id: string }>('SELECT stripe_customer_id FROM billing_accounts WHERE user_id = $1', [user.id])).rows[0]!.stripe_customer_id;
    const subscription = fake.createSubscription({ customer, price, metadata: { userId: user.id } });
    const completed = fake.event('checkout.session.completed', { id: `cs_test_${randomUUID()}`, object: 'checkout.session', mode: 'subscription', client_reference_id: user.id, customer, subscription: subscription.id, metadata: { userId: user.id } });
    const res = await deliver(completed);
    expect(res.status).toBe(200);
    return { user, customer, subscription, completed };
  };

  it('puts a new account on the free plan, with every limit and nothing used', async () => {
    const user = await signUp();
    const billing = await summary(user.token);
    expect(billing).toMatchObject({ billingEnabled: true, plan: 'free', status: null, currentPeriodEnd: null, paymentFailedAt: null });
    expect(billing.usagePeriod).toMatch(/^\d{4}-\d{2}$/);
    expect(billing.entitlements).toEqual({
      maxProjects: { limit: PLANS.free.maxProjects, used: 0 },
      storageBytes: { limit: PLANS.free.storageBytes, used: 0 },
      generationMinutesPerMonth: { limit: PLANS.free.generationMinutesPerMonth, used: 0 },
      aiMessagesPerMonth: { limit: PLANS.free.aiMessagesPerMonth, used: 0 },
    });
    // The upgrade offers name what each paid plan allows.
    expect(billing.paidPlans).toEqual([
      { plan: 'pro', entitlements: PLANS.pro },
      { plan: 'studio', entitlements: PLANS.studio },
    ]);
  });

  it('starts a subscription checkout through the Stripe SDK and answers Stripe’s URL, reusing one customer', async () => {
    const user = await signUp();
    const first = await call('POST', '/billing/checkout', { plan: 'studio' }, user.token);
    expect(first.status).toBe(201);
    const { url } = billingRedirectSchema.parse(first.body);

    const customerCreates = fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/customers' && (r.body.metadata as Record<string, string>)?.userId === user.id);
    expect(customerCreates).toHaveLength(1);
    expect(customerCreates[0]!.body).toMatchObject({ email: user.email, metadata: { userId: user.id } });
    expect(customerCreates[0]!.headers.authorization).toBe('Bearer sk_test_dawg');

    const checkouts = fake.requests.filter((r) => r.path === '/v1/checkout/sessions' && r.body.client_reference_id === user.id);
    expect(checkouts).toHaveLength(1);
    const sent = checkouts[0]!.body;
    expect(sent).toMatchObject({
      mode: 'subscription',
      client_reference_id: user.id,
      line_items: [{ price: PRICE_STUDIO, quantity: '1' }],
      metadata: { userId: user.id },
      subscription_data: { metadata: { userId: user.id } },
      cancel_url: `${APP_URL}/billing?checkout=cancelled`,
    });
    expect(sent.success_url).toMatch(new RegExp(`^${APP_URL}/billing\\?checkout=success`));
    expect(url).toMatch(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/);

    // A second attempt (the first tab was closed) reuses the customer.
    expect((await call('POST', '/billing/checkout', { plan: 'pro' }, user.token)).status).toBe(201);
    expect(fake.requests.filter((r) => r.path === '/v1/customers' && (r.body.metadata as Record<string, string>)?.userId === user.id)).toHaveLength(1);
    const customers = fake.requests.filter((r) => r.path === '/v1/checkout/sessions' && r.body.client_reference_id === user.id).map((r) => r.body.customer);
    expect(new Set(customers).size).toBe(1);
    const stored = await ctx.pg.query<{ stripe_customer_id: string }>('SELECT stripe_customer_id FROM billing_accounts WHERE user_id = $1', [user.id]);
    expect(customers[0]).toBe(stored.rows[0]!.stripe_customer_id);
  });

  it('refuses a checkout for an unknown plan or with unknown fields, and without a session', async () => {
    const user = await signUp();
    const unknown = await call('POST', '/billing/checkout', { plan: 'enterprise' }, user.token);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error!.code).toBe('VALIDATION_FAILED');
    const extra = await call('POST', '/billing/checkout', { plan: 'pro', price: 'price_free_lunch' }, user.token);
    expect(extra.status).toBe(400);
    expect((await call('POST', '/billing/checkout', { plan: 'pro' })).status).toBe(401);
  });

  it('opens the customer portal for the user’s customer and answers its URL', async () => {
    const user = await signUp();
    const res = await call('POST', '/billing/portal', undefined, user.token);
    expect(res.status).toBe(201);
    expect(billingRedirectSchema.parse(res.body).url).toMatch(/^https:\/\/billing\.stripe\.test\/p\/session\/bps_/);
    const customer = (await ctx.pg.query<{ stripe_customer_id: string }>('SELECT stripe_customer_id FROM billing_accounts WHERE user_id = $1', [user.id])).rows[0]!.stripe_customer_id;
    const portal = fake.requests.filter((r) => r.path === '/v1/billing_portal/sessions' && r.body.customer === customer);
    expect(portal).toHaveLength(1);
    expect(portal[0]!.body.return_url).toBe(`${APP_URL}/billing`);
  });

  it('upgrades to pro on checkout.session.completed (subscription read back from Stripe), then follows subscription updates', async () => {
    const { user, customer, subscription, completed } = await subscribed(PRICE_PRO);
    expect(fake.requests.some((r) => r.method === 'GET' && r.path === `/v1/subscriptions/${subscription.id}`)).toBe(true);
    const billing = await summary(user.token);
    expect(billing).toMatchObject({ plan: 'pro', status: 'active' });
    expect(billing.entitlements.maxProjects.limit).toBe(PLANS.pro.maxProjects);
    expect(billing.currentPeriodEnd).not.toBeNull();
    expect(await auditRows(completed.id)).toEqual([
      expect.objectContaining({ action: 'billing.plan_changed', actor_id: user.id, details: expect.objectContaining({ from: 'free', to: 'pro', subscriptionId: subscription.id }) }),
    ]);
    expect(await storedEvent(completed.id)).toEqual({ outcome: 'applied', user_id: user.id });

    const toStudio = fake.event('customer.subscription.updated', { ...fake.createSubscription({ customer, price: PRICE_STUDIO }), id: subscription.id });
    expect((await deliver(toStudio)).status).toBe(200);
    expect(await summary(user.token)).toMatchObject({ plan: 'studio', status: 'active' });
    expect((await auditRows(toStudio.id)).map((r) => [r.action, r.details.to])).toEqual([['billing.plan_changed', 'studio']]);

    // A second checkout would start a second subscription: the portal is the way to change plans.
    const again = await call('POST', '/billing/checkout', { plan: 'pro' }, user.token);
    expect(again.status).toBe(409);
    expect(again.body.error!.code).toBe('CONFLICT');
  });

  it('answers 400 to a bad, missing or tampered signature and changes nothing', async () => {
    const user = await signUp();
    const billingBefore = await summary(user.token);
    const event = fake.event('customer.subscription.updated', { ...fake.createSubscription({ customer: 'cus_unknown', price: PRICE_STUDIO, metadata: { userId: user.id } }) });

    const wrongSecret = await deliver(event, 'whsec_not_ours');
    expect(wrongSecret.status).toBe(400);
    expect(wrongSecret.body.error!.code).toBe('BAD_REQUEST');

    const missing = await call('POST', '/billing/webhook', JSON.stringify(event));
    expect(missing.status).toBe(400);
    expect(missing.body.error!.code).toBe('BAD_REQUEST');

    const payload = JSON.stringify(event);
    const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
    const tampered = await call('POST', '/billing/webhook', payload.replace(PRICE_STUDIO, PRICE_PRO), undefined, { 'stripe-signature': signature });
    expect(tampered.status).toBe(400);

    const stale = stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET, timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect((await call('POST', '/billing/webhook', payload, undefined, { 'stripe-signature': stale })).status).toBe(400);

    const notJson = await call('POST', '/billing/webhook', '{"id": ', undefined, { 'stripe-signature': signature });
    expect(notJson.status).toBe(400);

    expect(await storedEvent(event.id)).toBeUndefined();
    expect(await auditRows(event.id)).toEqual([]);
    expect(await summary(user.token)).toEqual(billingBefore);
    // The signature was the only thing wrong: the same event, signed, is applied.
    expect((await deliver(event)).status).toBe(200);
    expect((await summary(user.token)).plan).toBe('studio');
  });

  it('applies a replayed event once, also when the copies arrive at the same time', async () => {
    const { user, customer, subscription } = await subscribed(PRICE_PRO);
    const update = fake.event('customer.subscription.updated', { ...fake.createSubscription({ customer, price: PRICE_STUDIO }), id: subscription.id });
    const first = await deliver(update);
    expect(first.status).toBe(200);
    expect(webhookAckSchema.parse(first.body)).toEqual({ received: true, duplicate: false });
    const replay = await deliver(update);
    expect(replay.status).toBe(200);
    expect(webhookAckSchema.parse(replay.body)).toEqual({ received: true, duplicate: true });
    expect(await auditRows(update.id)).toHaveLength(1);

    const downgrade = fake.event('customer.subscription.updated', { ...fake.createSubscription({ customer, price: PRICE_PRO }), id: subscription.id });
    const copies = await Promise.all(Array.from({ length: 6 }, () => deliver(downgrade)));
    expect(copies.map((c) => c.status)).toEqual(Array(6).fill(200));
    expect(copies.filter((c) => webhookAckSchema.parse(c.body).duplicate === false)).toHaveLength(1);
    expect(await auditRows(downgrade.id)).toHaveLength(1);
    expect((await summary(user.token)).plan).toBe('pro');
    const version = (await ctx.pg.query<{ version: number }>('SELECT version FROM billing_accounts WHERE user_id = $1', [user.id])).rows[0]!.version;
    expect((await deliver(downgrade)).status).toBe(200);
    expect((await ctx.pg.query<{ version: number }>('SELECT version FROM billing_accounts WHERE user_id = $1', [user.id])).rows[0]!.version).toBe(version);
  });

  it('returns the account to free when the subscription is deleted or ends unpaid', async () => {
    const { user, customer, subscription } = await subscribed(PRICE_PRO);
    const deleted = fake.event('customer.subscription.deleted', { ...subscription, status: 'canceled' });
    expect((await deliver(deleted)).status).toBe(200);
    expect(await summary(user.token)).toMatchObject({ plan: 'free', status: 'canceled' });
    expect((await auditRows(deleted.id)).map((r) => [r.action, r.details.from, r.details.to])).toEqual([['billing.plan_changed', 'pro', 'free']]);

    const other = await subscribed(PRICE_STUDIO);
    const unpaid = fake.event('customer.subscription.updated', { ...other.subscription, status: 'unpaid' });
    expect((await deliver(unpaid)).status).toBe(200);
    expect(await summary(other.user.token)).toMatchObject({ plan: 'free', status: 'unpaid' });
    expect(customer).not.toBe(other.customer);
  });

  it('skips a subscription snapshot older than the state already applied (Stripe does not deliver in order)', async () => {
    const { user, customer, subscription } = await subscribed(PRICE_PRO);
    const now = Math.floor(Date.now() / 1000);
    const newer = fake.event('customer.subscription.updated', { ...fake.createSubscription({ customer, price: PRICE_STUDIO }), id: subscription.id }, { created: now + 60 });
    const older = fake.event('customer.subscription.updated', { ...subscription, status: 'past_due' }, { created: now + 30 });
    expect((await deliver(newer)).status).toBe(200);
    expect((await deliver(older)).status).toBe(200);
    expect(await summary(user.token)).toMatchObject({ plan: 'studio', status: 'active' });
    expect(await storedEvent(older.id)).toEqual({ outcome: 'stale', user_id: user.id });
  });

  it('marks a failed payment but keeps the plan during Stripe’s retries, and clears it when a payment succeeds', async () => {
    const { user, customer } = await subscribed(PRICE_PRO);
    const invoice = { id: `in_${randomUUID()}`, object: 'invoice', customer, amount_due: 1500, amount_paid: 0, currency: 'usd', attempt_count: 1, next_payment_attempt: Math.floor(Date.now() / 1000) + 86_400 };
    const failed = fake.event('invoice.payment_failed', invoice);
    expect((await deliver(failed)).status).toBe(200);
    const afterFailure = await summary(user.token);
    expect(afterFailure.plan).toBe('pro');
    expect(afterFailure.paymentFailedAt).not.toBeNull();
    expect((await auditRows(failed.id)).map((r) => r.action)).toEqual(['billing.payment_failed']);

    const paid = fake.event('invoice.payment_succeeded', { ...invoice, amount_paid: 1500, attempt_count: 2, next_payment_attempt: null });
    expect((await deliver(paid)).status).toBe(200);
    expect(await summary(user.token)).toMatchObject({ plan: 'pro', paymentFailedAt: null });
    expect((await auditRows(paid.id)).map((r) => r.action)).toEqual(['billing.payment_succeeded']);
  });

  it('acknowledges and records event types it does not act on, and events for unknown customers', async () => {
    const unknownType = fake.event('customer.created', { id: 'cus_x', object: 'customer' });
    expect((await deliver(unknownType)).status).toBe(200);
    expect(await storedEvent(unknownType.id)).toEqual({ outcome: 'ignored', user_id: null });
    const strangers = fake.event('invoice.payment_failed', { id: 'in_x', object: 'invoice', customer: 'cus_nobody', amount_due: 1, currency: 'usd', attempt_count: 1 });
    expect((await deliver(strangers)).status).toBe(200);
    expect(await storedEvent(strangers.id)).toEqual({ outcome: 'ignored', user_id: null });
    const badReference = fake.event('checkout.session.completed', { id: 'cs_x', object: 'checkout.session', mode: 'subscription', client_reference_id: 'not-a-uuid', customer: 'cus_nobody', subscription: fake.createSubscription({ customer: 'cus_nobody', price: PRICE_PRO }).id });
    expect((await deliver(badReference)).status).toBe(200);
    expect(await storedEvent(badReference.id)).toEqual({ outcome: 'ignored', user_id: null });
  });

  it('refuses usage past a metered limit with 402 naming the entitlement, and counts nothing', async () => {
    const user = await signUp();
    const entitlements = ctx.service.app.get(EntitlementsService);
    await entitlements.consume(user.id, 'aiMessages', PLANS.free.aiMessagesPerMonth - 1);
    const over = await entitlements.consume(user.id, 'aiMessages', 2).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(over).toBeInstanceOf(AppError);
    const error = over as AppError;
    expect(error.status).toBe(402);
    expect(error.code).toBe('PAYMENT_REQUIRED');
    expect(entitlementExceededSchema.parse(error.details)).toEqual({ entitlement: 'aiMessagesPerMonth', plan: 'free', limit: PLANS.free.aiMessagesPerMonth, used: PLANS.free.aiMessagesPerMonth - 1, requested: 2 });
    expect(error.message).toContain('aiMessagesPerMonth');
    await entitlements.consume(user.id, 'aiMessages', 1);
    expect((await summary(user.token)).entitlements.aiMessagesPerMonth).toEqual({ limit: PLANS.free.aiMessagesPerMonth, used: PLANS.free.aiMessagesPerMonth });
    await expect(entitlements.consume(user.id, 'aiMessages', 0)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('lets parallel usage reach the limit exactly and never past it', async () => {
    const user = await signUp();
    const entitlements = ctx.service.app.get(EntitlementsService);
    const limit = PLANS.free.generationMinutesPerMonth;
    const results = await Promise.allSettled(Array.from({ length: limit * 2 }, () => entitlements.consume(user.id, 'generationMinutes', 1)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(limit);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(limit);
    for (const r of refused) expect(r.reason).toMatchObject({ code: 'PAYMENT_REQUIRED', details: { entitlement: 'generationMinutesPerMonth' } });
    expect((await summary(user.token)).entitlements.generationMinutesPerMonth.used).toBe(limit);
  });

  it('answers 402 over HTTP naming maxProjects when a free account creates one project too many, and lets a pro account go on', async () => {
    const user = await signUp();
    for (let i = 0; i < PLANS.free.maxProjects; i++) expect((await call('POST', '/projects', { name: `Song ${i}` }, user.token)).status).toBe(201);
    const over = await call('POST', '/projects', { name: 'One too many' }, user.token);
    expect(over.status).toBe(402);
    expect(over.body.error!.code).toBe('PAYMENT_REQUIRED');
    expect(over.body.error!.message).toContain('maxProjects');
    expect(entitlementExceededSchema.parse(over.body.error!.details)).toEqual({ entitlement: 'maxProjects', plan: 'free', limit: PLANS.free.maxProjects, used: PLANS.free.maxProjects, requested: 1 });
    expect((await summary(user.token)).entitlements.maxProjects.used).toBe(PLANS.free.maxProjects);

    const { user: pro } = await subscribed(PRICE_PRO);
    for (let i = 0; i <= PLANS.free.maxProjects; i++) expect((await call('POST', '/projects', { name: `Song ${i}` }, pro.token)).status).toBe(201);
  });

  it('checks the project and storage limits against what the user owns', async () => {
    const user = await signUp();
    const entitlements = ctx.service.app.get(EntitlementsService);
    const { rows } = await ctx.pg.query<{ id: string }>(`INSERT INTO projects (owner_id, name) SELECT $1, 'Song ' || n FROM generate_series(1, $2::int) n RETURNING id`, [user.id, PLANS.free.maxProjects]);
    await ctx.pg.query(`INSERT INTO audio_files (owner_id, project_id, storage_key, file_name, status, size_bytes) VALUES ($1, $2, $3, 'take.wav', 'ready', 1000)`, [user.id, rows[0]!.id, `k/${randomUUID()}`]);
    const billing = await summary(user.token);
    expect(billing.entitlements.maxProjects).toEqual({ limit: PLANS.free.maxProjects, used: PLANS.free.maxProjects });
    expect(billing.entitlements.storageBytes.used).toBe(1000);

    await expect(entitlements.assertWithin(user.id, 'maxProjects', { used: billing.entitlements.maxProjects.used, adding: 1 })).rejects.toMatchObject({
      status: 402,
      details: { entitlement: 'maxProjects', plan: 'free', limit: PLANS.free.maxProjects, used: PLANS.free.maxProjects, requested: 1 },
    });
    await expect(entitlements.assertWithin(user.id, 'storageBytes', { used: 1000, adding: PLANS.free.storageBytes - 1000 })).resolves.toBeUndefined();
    await expect(entitlements.assertWithin(user.id, 'storageBytes', { used: 1000, adding: PLANS.free.storageBytes })).rejects.toMatchObject({ code: 'PAYMENT_REQUIRED', details: { entitlement: 'storageBytes' } });
  });
});

describe('billing not configured', () => {
  const { ctx, call, signUp, summary } = harness(() => ({}));

  it('puts everyone on the local plan with generous limits', async () => {
    const user = await signUp();
    const billing = await summary(user.token);
    expect(billing).toMatchObject({ billingEnabled: false, plan: 'local', status: null });
    expect(billing.paidPlans).toEqual([]);
    expect(billing.entitlements.maxProjects.limit).toBe(PLANS.local.maxProjects);
    expect(PLANS.local.maxProjects).toBeGreaterThan(PLANS.studio.maxProjects);
    const entitlements = ctx.service.app.get(EntitlementsService);
    await entitlements.consume(user.id, 'aiMessages', PLANS.studio.aiMessagesPerMonth + 1);
  });

  it('answers checkout and portal with 409 saying billing is off, and the webhook with 404', async () => {
    const user = await signUp();
    for (const path of ['/billing/checkout', '/billing/portal']) {
      const res = await call('POST', path, path.endsWith('checkout') ? { plan: 'pro' } : undefined, user.token);
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'CONFLICT', details: { reason: 'billing_not_configured' } });
    }
    const webhook = await call('POST', '/billing/webhook', '{"id":"evt_1","object":"event"}', undefined, { 'stripe-signature': 't=1,v1=00' });
    expect(webhook.status).toBe(404);
    expect(webhook.body.error!.code).toBe('NOT_FOUND');
  });
});
