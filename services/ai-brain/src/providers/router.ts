import { type AiRoutingPolicy, AppError, CircuitBreaker, type CircuitBreakerOptions, type CircuitState } from '@dawg/platform';
import { MODEL_CATALOG, PriceTable } from './pricing';
import {
  type ChatEvent,
  type ChatProvider,
  type ChatRequest,
  ProviderError,
  type ProviderErrorCode,
  type ProviderName,
  type StopReason,
  type TokenUsage,
  type ToolCall,
} from './provider';

/** Why a provider was passed over: its error's code, or `circuit_open` when it was skipped without being asked. */
export type FallbackReason = ProviderErrorCode | 'circuit_open';

export interface ProviderFailure {
  provider: ProviderName;
  reason: FallbackReason;
  message: string;
}

/**
 * What the router streams: the answering provider's text and tool calls, a
 * `fallback` each time a provider is passed over for the next one (before any
 * output; the UI shows "anthropic is down, openai answered"), and `done`
 * naming the provider that answered, its cost, and every provider passed over.
 */
export type RoutedChatEvent =
  | { type: 'text'; delta: string }
  | { type: 'tool_call'; call: ToolCall }
  | ({ type: 'fallback'; from: ProviderName; to: ProviderName } & Omit<ProviderFailure, 'provider'>)
  | { type: 'done'; provider: ProviderName; model: string; usage: TokenUsage; stopReason: StopReason; costUsd: number; fallbacks: ProviderFailure[] };

/** Every provider failed or was skipped (only possible when no offline provider is appended). */
export class AllProvidersFailedError extends AppError {
  constructor(readonly failures: ProviderFailure[]) {
    super('SERVICE_UNAVAILABLE', `No AI provider could answer: ${failures.map((f) => `${f.provider} (${f.reason})`).join(', ') || 'none is configured'}.`, { failures });
    this.name = 'AllProvidersFailedError';
  }
}

export interface RouterLogger {
  warn(details: object, message: string): void;
}

export interface ProviderRouterOptions {
  /** The configured providers; one named `offline` is always asked last. */
  providers: readonly ChatProvider[];
  policy: AiRoutingPolicy;
  prices?: PriceTable;
  breaker: { consecutiveFailures: number; coolDownMs: number };
  /** The clock for breakers and latency; injectable so tests need not wait. */
  now?: () => number;
  /** e.g. `ResilienceMetrics.breakerHooks`, for circuit_breaker_* metrics with target `llm:<provider>`. */
  breakerHooks?: (target: string) => Pick<CircuitBreakerOptions, 'onStateChange' | 'onReject'>;
  logger?: RouterLogger;
}

export interface ProviderHealth {
  provider: ProviderName;
  model: string;
  /** `closed` for the offline provider, which has no breaker. */
  circuit: CircuitState;
  /** The latency estimate the `latency` policy orders by. */
  firstTokenMs: number;
}

// The order ties are broken in, and the default first-token estimate for a model outside the catalog.
const VENDOR_ORDER: readonly ProviderName[] = ['anthropic', 'openai', 'gemini'];
const UNKNOWN_FIRST_TOKEN_MS = 1_500;
// Weight of the newest sample in the first-token moving average.
const EWMA_ALPHA = 0.3;
// Share of input tokens in a typical assistant turn (long context, short answer), for comparing prices.
const INPUT_SHARE = 0.75;

/**
 * Sends a chat turn to the configured providers in the order the policy
 * gives (cost: cheapest blended price first; quality: strongest model first;
 * latency: fastest measured time to first token first), the offline
 * provider always last so a turn never fails for want of a key.
 *
 * A provider that fails before it streamed anything is passed over for the
 * next, and a `fallback` event says so. Once text or a tool call has reached
 * the caller, a failure ends the turn with that error instead: restarting on
 * another provider would repeat or contradict what the user already saw, so
 * the chat layer shows the partial answer and the error.
 *
 * Each vendor has a circuit breaker: after `consecutiveFailures` retryable
 * failures in a row (overload, rate limit, 5xx, timeout, network) it is
 * skipped without being asked, until `coolDownMs` has passed and one request
 * probes it again. Refused requests (bad key, bad request) are passed over
 * but do not count against the vendor's health.
 */
export class ProviderRouter {
  private readonly providers: readonly ChatProvider[];
  private readonly prices: PriceTable;
  private readonly breakers = new Map<ProviderName, CircuitBreaker>();
  private readonly firstTokenMs = new Map<ProviderName, number>();
  private readonly now: () => number;

  constructor(private readonly options: ProviderRouterOptions) {
    this.providers = options.providers;
    this.prices = options.prices ?? new PriceTable();
    this.now = options.now ?? Date.now;
    for (const provider of this.providers) {
      if (provider.name === 'offline') continue;
      const target = `llm:${provider.name}`;
      this.breakers.set(
        provider.name,
        new CircuitBreaker({
          target,
          consecutiveFailures: options.breaker.consecutiveFailures,
          coolDownMs: options.breaker.coolDownMs,
          now: this.now,
          isFailure: (err) => err instanceof ProviderError && err.retryable,
          ...options.breakerHooks?.(target),
        }),
      );
      this.firstTokenMs.set(provider.name, MODEL_CATALOG[provider.model]?.firstTokenMs ?? UNKNOWN_FIRST_TOKEN_MS);
    }
  }

  /** The providers in the order a turn would try them now, skipped ones included. */
  order(): ChatProvider[] {
    const rank = (p: ChatProvider): number => {
      if (this.options.policy === 'quality') return -(MODEL_CATALOG[p.model]?.quality ?? 0);
      if (this.options.policy === 'latency') return this.firstTokenMs.get(p.name) ?? UNKNOWN_FIRST_TOKEN_MS;
      const price = this.prices.priceOf(p.model);
      return price ? price.input * INPUT_SHARE + price.output * (1 - INPUT_SHARE) : Number.POSITIVE_INFINITY;
    };
    const vendorIndex = (p: ChatProvider) => (VENDOR_ORDER.indexOf(p.name) + VENDOR_ORDER.length + 1) % (VENDOR_ORDER.length + 1);
    const online = this.providers.filter((p) => p.name !== 'offline');
    const offline = this.providers.filter((p) => p.name === 'offline');
    return [...online.sort((a, b) => rank(a) - rank(b) || vendorIndex(a) - vendorIndex(b)), ...offline];
  }

  health(): ProviderHealth[] {
    return this.order().map((p) => ({
      provider: p.name,
      model: p.model,
      circuit: this.breakers.get(p.name)?.state ?? 'closed',
      firstTokenMs: this.firstTokenMs.get(p.name) ?? 0,
    }));
  }

  async *stream(request: ChatRequest): AsyncIterable<RoutedChatEvent> {
    const order = this.order();
    const failures: ProviderFailure[] = [];
    const passOver = (index: number, failure: ProviderFailure): RoutedChatEvent | undefined => {
      failures.push(failure);
      this.options.logger?.warn({ provider: failure.provider, reason: failure.reason, next: order[index + 1]?.name ?? null }, `AI provider passed over: ${failure.message}`);
      const next = order[index + 1];
      return next ? { type: 'fallback', from: failure.provider, to: next.name, reason: failure.reason, message: failure.message } : undefined;
    };

    for (const [index, provider] of order.entries()) {
      const breaker = this.breakers.get(provider.name);
      const verdict = breaker ? admit(breaker) : undefined;
      if (verdict === null) {
        const event = passOver(index, { provider: provider.name, reason: 'circuit_open', message: `${provider.name} is failing; it is skipped for a while` });
        if (event) yield event;
        continue;
      }
      // The breaker hears how the whole turn went: a provider that starts answering and then breaks off is failing too.
      let settled = false;
      const settle = (err?: unknown) => {
        if (settled) return;
        settled = true;
        if (err === undefined) verdict?.succeeded();
        else verdict?.failed(err);
      };

      const events = provider.stream(request)[Symbol.asyncIterator]();
      const started = this.now();
      let first: IteratorResult<ChatEvent>;
      try {
        first = await events.next();
      } catch (err) {
        if (request.signal?.aborted) {
          settle();
          yield this.done(provider, { type: 'done', model: provider.model, usage: { inputTokens: 0, outputTokens: 0 }, stopReason: 'cancelled' }, failures);
          return;
        }
        settle(err);
        const event = passOver(index, failureOf(provider.name, err));
        if (event) yield event;
        continue;
      }

      if (first.done) {
        // A provider must end with `done`; ending with nothing is a broken provider, not an answer.
        const failure: ProviderFailure = { provider: provider.name, reason: 'bad_response', message: `${provider.name}: the stream ended without a result` };
        settle(new ProviderError(provider.name, 'bad_response', failure.message));
        const event = passOver(index, failure);
        if (event) yield event;
        continue;
      }
      if (!(first.value.type === 'done' && first.value.stopReason === 'cancelled')) this.observeFirstToken(provider.name, this.now() - started);

      try {
        for (let result: IteratorResult<ChatEvent> = first; !result.done; result = await events.next()) {
          const event = result.value;
          if (event.type === 'done') {
            settle();
            yield this.done(provider, event, failures);
            return;
          }
          yield event;
        }
        throw new ProviderError(provider.name, 'bad_response', 'the stream ended without done');
      } catch (err) {
        // After output nothing falls back: the error ends the turn.
        settle(err);
        throw err;
      } finally {
        // The caller stopped listening: not the provider's fault.
        settle();
        // Lets the provider release its request and timers, whether or not it was resumed after `done`.
        await events.return?.();
      }
    }
    throw new AllProvidersFailedError(failures);
  }

  private done(provider: ChatProvider, event: Extract<ChatEvent, { type: 'done' }>, fallbacks: ProviderFailure[]): RoutedChatEvent {
    return { ...event, provider: provider.name, costUsd: this.costOf(provider, event), fallbacks: [...fallbacks] };
  }

  /** What the turn cost: the offline provider is free; a vendor is priced by the model it reported, else the one it was configured with. */
  private costOf(provider: ChatProvider, event: Extract<ChatEvent, { type: 'done' }>): number {
    if (provider.name === 'offline') return 0;
    const model = this.prices.has(event.model) ? event.model : provider.model;
    if (!this.prices.has(model)) {
      this.options.logger?.warn({ provider: provider.name, model: event.model }, 'no price for this model; its cost is recorded as 0 (set AI_PRICES)');
      return 0;
    }
    return this.prices.costOf(model, event.usage);
  }

  private observeFirstToken(name: ProviderName, ms: number): void {
    const previous = this.firstTokenMs.get(name);
    this.firstTokenMs.set(name, previous === undefined ? ms : previous + EWMA_ALPHA * (ms - previous));
  }
}

/**
 * Asks the breaker whether the provider may be called now. If so, the turn is
 * the breaker's call until `succeeded` or `failed` settles it (a half-open
 * breaker lets no other request through meanwhile); `null` when it refuses.
 */
function admit(breaker: CircuitBreaker): { succeeded: () => void; failed: (err: unknown) => void } | null {
  let succeeded!: () => void;
  let failed!: (err: unknown) => void;
  const outcome = new Promise<void>((resolve, reject) => {
    succeeded = resolve;
    failed = reject;
  });
  let admitted = false;
  // CircuitBreaker.run calls its argument synchronously when it admits the call; its verdict on the outcome is all we need.
  breaker
    .run(() => {
      admitted = true;
      return outcome;
    })
    .catch(() => undefined);
  return admitted ? { succeeded, failed } : null;
}

function failureOf(provider: ProviderName, err: unknown): ProviderFailure {
  if (err instanceof ProviderError) return { provider, reason: err.code, message: err.message };
  return { provider, reason: 'bad_response', message: `${provider}: ${err instanceof Error ? err.message : String(err)}` };
}
