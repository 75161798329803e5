import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as Stripe would see it: path without the query, form fields decoded into nested objects. */
export interface StripeRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  query: StripeParams;
  body: StripeParams;
}

export type StripeParams = { [key: string]: StripeParam };
export type StripeParam = string | StripeParam[] | StripeParams;
type StripeObject = Record<string, unknown> & { id: string; object: string };

export interface FakeStripeOptions {
  /** Price ids that exist; a checkout naming another is refused as Stripe would. Any price is accepted when unset. */
  prices?: string[];
}

export interface NewSubscription {
  customer: string;
  price: string;
  status?: string;
  metadata?: Record<string, string>;
  /** Unix seconds; a month from now when unset. */
  currentPeriodEnd?: number;
}

export interface FakeStripe {
  url: string;
  host: string;
  port: number;
  /** Every API request received, oldest first. */
  requests: StripeRequest[];
  /** Adds a subscription the API will then answer for (GET /v1/subscriptions/:id). */
  createSubscription(subscription: NewSubscription): StripeObject;
  /** An event envelope as Stripe sends it to a webhook endpoint (sign it with the SDK's test helper). */
  event(type: string, object: Record<string, unknown>, overrides?: { id?: string; created?: number }): StripeObject;
  close(): Promise<void>;
}

const API_VERSION = '2025-10-29.clover';

/**
 * A local stand-in for the Stripe API speaking its wire format: bearer-key
 * auth, form-encoded bodies with `a[b][0]=c` nesting, JSON objects with
 * `id` and `object`, Stripe-shaped errors, idempotency keys. Point the real
 * SDK at it with `new Stripe(key, { host, port, protocol: 'http' })`.
 */
export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const requests: StripeRequest[] = [];
  const customers = new Map<string, StripeObject>();
  const sessions = new Map<string, StripeObject>();
  const subscriptions = new Map<string, StripeObject>();
  const idempotent = new Map<string, { status: number; body: unknown }>();
  const prices = options.prices ? new Set(options.prices) : undefined;
  const now = () => Math.floor(Date.now() / 1000);

  const route = (req: StripeRequest): { status: number; body: unknown } => {
    const auth = req.headers.authorization ?? '';
    if (!/^Bearer (sk|rk)_\S+$/.test(auth)) return error(401, 'invalid_request_error', 'Invalid API Key provided.');
    const { method, path, body } = req;

    if (method === 'POST' && path === '/v1/customers') {
      const customer = { id: id('cus'), object: 'customer', created: now(), livemode: false, email: str(body.email) ?? null, name: str(body.name) ?? null, metadata: body.metadata ?? {} };
      customers.set(customer.id, customer);
      return ok(customer);
    }
    const customerMatch = /^\/v1\/customers\/([^/]+)$/.exec(path);
    if (method === 'GET' && customerMatch) return found(customers, customerMatch[1]!, 'customer');

    if (method === 'POST' && path === '/v1/checkout/sessions') {
      const mode = str(body.mode);
      if (!mode || !['payment', 'setup', 'subscription'].includes(mode)) return error(400, 'invalid_request_error', 'Missing required param: mode.', 'mode');
      if (!str(body.success_url)) return error(400, 'invalid_request_error', 'Missing required param: success_url.', 'success_url');
      const lineItems = Array.isArray(body.line_items) ? body.line_items : [];
      if (mode === 'subscription' && lineItems.length === 0) return error(400, 'invalid_request_error', 'Missing required param: line_items.', 'line_items');
      for (const [i, item] of lineItems.entries()) {
        const price = str((item as StripeParams).price);
        if (prices && (!price || !prices.has(price))) return error(400, 'invalid_request_error', `No such price: '${price ?? ''}'`, `line_items[${i}][price]`, 'resource_missing');
      }
      const customer = str(body.customer) ?? null;
      if (customer && !customers.has(customer)) return error(400, 'invalid_request_error', `No such customer: '${customer}'`, 'customer', 'resource_missing');
      const sessionId = id('cs_test');
      const session = {
        id: sessionId,
        object: 'checkout.session',
        created: now(),
        livemode: false,
        mode,
        status: 'open',
        customer,
        client_reference_id: str(body.client_reference_id) ?? null,
        metadata: body.metadata ?? {},
        success_url: str(body.success_url),
        cancel_url: str(body.cancel_url) ?? null,
        subscription: null,
        url: `https://checkout.stripe.test/c/pay/${sessionId}`,
      };
      sessions.set(sessionId, session);
      return ok(session);
    }
    const sessionMatch = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path);
    if (method === 'GET' && sessionMatch) return found(sessions, sessionMatch[1]!, 'checkout.session');

    if (method === 'POST' && path === '/v1/billing_portal/sessions') {
      const customer = str(body.customer);
      if (!customer) return error(400, 'invalid_request_error', 'Missing required param: customer.', 'customer');
      if (!customers.has(customer)) return error(400, 'invalid_request_error', `No such customer: '${customer}'`, 'customer', 'resource_missing');
      const sessionId = id('bps');
      return ok({ id: sessionId, object: 'billing_portal.session', created: now(), livemode: false, customer, return_url: str(body.return_url) ?? null, url: `https://billing.stripe.test/p/session/${sessionId}` });
    }

    const subscriptionMatch = /^\/v1\/subscriptions\/([^/]+)$/.exec(path);
    if (method === 'GET' && subscriptionMatch) return found(subscriptions, subscriptionMatch[1]!, 'subscription');

    return error(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path}).`);
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stripe.local');
      const received: StripeRequest = {
        method: req.method ?? '',
        path: url.pathname,
        headers: req.headers,
        query: decodeStripeForm(url.searchParams),
        body: decodeStripeForm(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))),
      };
      requests.push(received);
      // Stripe answers a repeated idempotency key with the first response, whatever the body.
      const key = received.method === 'POST' ? req.headers['idempotency-key'] : undefined;
      const cacheKey = typeof key === 'string' ? `${received.headers.authorization ?? ''} ${key}` : undefined;
      const response = (cacheKey && idempotent.get(cacheKey)) || route(received);
      if (cacheKey && response.status < 500) idempotent.set(cacheKey, response);
      res.writeHead(response.status, { 'content-type': 'application/json', 'request-id': id('req'), 'stripe-version': API_VERSION });
      res.end(JSON.stringify(response.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    requests,
    createSubscription(sub) {
      const subscriptionId = id('sub');
      const periodEnd = sub.currentPeriodEnd ?? now() + 30 * 86_400;
      const subscription = {
        id: subscriptionId,
        object: 'subscription',
        created: now(),
        livemode: false,
        customer: sub.customer,
        status: sub.status ?? 'active',
        metadata: sub.metadata ?? {},
        cancel_at_period_end: false,
        items: {
          object: 'list',
          has_more: false,
          url: `/v1/subscription_items?subscription=${subscriptionId}`,
          data: [
            {
              id: id('si'),
              object: 'subscription_item',
              subscription: subscriptionId,
              quantity: 1,
              current_period_start: periodEnd - 30 * 86_400,
              current_period_end: periodEnd,
              price: { id: sub.price, object: 'price', active: true, currency: 'usd', recurring: { interval: 'month', interval_count: 1 }, type: 'recurring' },
            },
          ],
        },
      };
      subscriptions.set(subscriptionId, subscription);
      return subscription;
    },
    event(type, object, overrides = {}) {
      return {
        id: overrides.id ?? id('evt'),
        object: 'event',
        api_version: API_VERSION,
        created: overrides.created ?? now(),
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        type,
        data: { object },
      };
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Decodes Stripe's form encoding: `metadata[userId]=x`, `line_items[0][price]=y`, `expand[]=z`. */
export function decodeStripeForm(params: URLSearchParams): StripeParams {
  const root: StripeParams = {};
  for (const [key, value] of params) {
    const parts = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    if (!parts) continue;
    const path = [parts[1]!, ...[...parts[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!)];
    let node: StripeParams = root;
    for (const [i, segment] of path.entries()) {
      const name = segment === '' ? String(Object.keys(node).length) : segment;
      if (i === path.length - 1) node[name] = value;
      else node = (node[name] ??= {}) as StripeParams;
    }
  }
  return arraysFromIndexedObjects(root) as StripeParams;
}

function arraysFromIndexedObjects(value: StripeParam): StripeParam {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const converted = Object.fromEntries(keys.map((k) => [k, arraysFromIndexedObjects(value[k]!)]));
  const indexed = keys.length > 0 && keys.every((k, i) => k === String(i));
  return indexed ? keys.map((k) => converted[k]!) : converted;
}

function id(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

function str(value: StripeParam | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function ok(body: unknown) {
  return { status: 200, body };
}

function found(store: Map<string, StripeObject>, key: string, what: string) {
  const object = store.get(key);
  return object ? ok(object) : error(404, 'invalid_request_error', `No such ${what}: '${key}'`, 'id', 'resource_missing');
}

function error(status: number, type: string, message: string, param?: string, code?: string) {
  return { status, body: { error: { type, message, ...(param ? { param } : {}), ...(code ? { code } : {}) } } };
}
