import { type FakeAnthropic, type FakeGemini, type FakeOpenAI, startFakeAnthropic, startFakeGemini, startFakeOpenAI } from '@dawg/testing';
import { AnthropicProvider } from './anthropic.provider';
import { GeminiProvider } from './gemini.provider';
import { OpenAIProvider } from './openai.provider';
import { PriceTable } from './pricing';
import { type ChatEvent, type ChatProvider, type ChatRequest, ProviderError, type ProviderName } from './provider';
import { AllProvidersFailedError, ProviderRouter, type ProviderRouterOptions, type RoutedChatEvent } from './router';

const request = (overrides: Partial<ChatRequest> = {}): ChatRequest => ({
  system: 'You operate a DAW.',
  messages: [{ role: 'user', content: 'Set the tempo to 128' }],
  tools: [{ name: 'set_tempo', description: 'Set the tempo.', parameters: { type: 'object', properties: { bpm: { type: 'number' } } } }],
  ...overrides,
});

async function collect(events: AsyncIterable<RoutedChatEvent>): Promise<RoutedChatEvent[]> {
  const out: RoutedChatEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err,
  );
const textOf = (events: RoutedChatEvent[]) => events.flatMap((e) => (e.type === 'text' ? [e.delta] : [])).join('');
const doneOf = (events: RoutedChatEvent[]) => events.at(-1) as Extract<RoutedChatEvent, { type: 'done' }>;

/**
 * A provider answering from a script, for the router's own decisions (order,
 * breaker, latency). Each step is a reply, a failure before any output, or a
 * failure after some text.
 */
type Step = { text: string; usage?: { inputTokens: number; outputTokens: number }; firstTokenMs?: number } | { fail: ProviderError } | { textThenFail: [string, ProviderError] };
class ScriptedProvider implements ChatProvider {
  readonly steps: Step[] = [];
  calls = 0;
  constructor(
    readonly name: ProviderName,
    readonly model: string,
    private readonly clock?: { now: number },
  ) {}
  script(...steps: Step[]): this {
    this.steps.push(...steps);
    return this;
  }
  async *stream(req: ChatRequest): AsyncIterable<ChatEvent> {
    this.calls++;
    const step = this.steps.shift() ?? { text: `${this.name} answers` };
    if ('fail' in step) throw step.fail;
    if ('textThenFail' in step) {
      yield { type: 'text', delta: step.textThenFail[0] };
      throw step.textThenFail[1];
    }
    if (step.firstTokenMs && this.clock) this.clock.now += step.firstTokenMs;
    if (req.signal?.aborted) {
      yield { type: 'done', model: this.model, usage: { inputTokens: 0, outputTokens: 0 }, stopReason: 'cancelled' };
      return;
    }
    yield { type: 'text', delta: step.text };
    yield { type: 'done', model: this.model, usage: step.usage ?? { inputTokens: 10, outputTokens: 5 }, stopReason: 'end' };
  }
}
const overloaded = (provider: ProviderName) => new ProviderError(provider, 'overloaded', 'HTTP 529 overloaded_error: Overloaded', { status: 529 });

function router(providers: ChatProvider[], overrides: Partial<ProviderRouterOptions> = {}) {
  return new ProviderRouter({ providers, policy: 'quality', breaker: { consecutiveFailures: 3, coolDownMs: 30_000 }, ...overrides });
}

describe('ProviderRouter with the real SDKs against the vendors’ wire formats', () => {
  let anthropic: FakeAnthropic;
  let openai: FakeOpenAI;
  let gemini: FakeGemini;
  beforeEach(async () => {
    [anthropic, openai, gemini] = await Promise.all([startFakeAnthropic(), startFakeOpenAI(), startFakeGemini()]);
  });
  afterEach(() => Promise.all([anthropic.close(), openai.close(), gemini.close()]));

  const vendors = () => [
    new AnthropicProvider({ apiKey: anthropic.apiKey, baseUrl: anthropic.url, model: 'claude-sonnet-5-5', idleTimeoutMs: 5_000 }),
    new OpenAIProvider({ apiKey: openai.apiKey, baseUrl: openai.url, model: 'gpt-6.1-terra', idleTimeoutMs: 5_000 }),
    new GeminiProvider({ apiKey: gemini.apiKey, baseUrl: gemini.url, model: 'gemini-3.8-flash', idleTimeoutMs: 5_000 }),
  ];

  it('falls back to OpenAI when Anthropic answers 529 overloaded, and the events say so', async () => {
    anthropic.reply({ error: { status: 529 } });
    openai.reply({ content: 'Tempo set.', toolCalls: [{ id: 'call_1', name: 'set_tempo', arguments: { bpm: 128 } }], usage: { promptTokens: 1_000, completionTokens: 50 } });

    const events = await collect(router(vendors()).stream(request()));

    expect(events[0]).toEqual({ type: 'fallback', from: 'anthropic', to: 'openai', reason: 'overloaded', message: 'anthropic: HTTP 529 overloaded_error: Overloaded' });
    expect(textOf(events)).toBe('Tempo set.');
    expect(events.filter((e) => e.type === 'tool_call')).toEqual([{ type: 'tool_call', call: { id: 'call_1', name: 'set_tempo', arguments: { bpm: 128 } } }]);
    expect(doneOf(events)).toEqual({
      type: 'done',
      provider: 'openai',
      model: 'gpt-6.1-terra',
      usage: { inputTokens: 1_000, outputTokens: 50 },
      stopReason: 'tool_calls',
      costUsd: (1_000 * 1 + 50 * 5) / 1e6,
      fallbacks: [{ provider: 'anthropic', reason: 'overloaded', message: 'anthropic: HTTP 529 overloaded_error: Overloaded' }],
    });
    expect(anthropic.requests).toHaveLength(1);
    expect(gemini.requests).toHaveLength(0);
  });

  it('moves on twice: Anthropic 500, OpenAI 500, Gemini answers', async () => {
    anthropic.reply({ error: { status: 500 } });
    openai.reply({ error: { status: 500 } });
    gemini.reply({ text: 'Done.', usage: { promptTokens: 800, candidatesTokens: 4 } });

    const events = await collect(router(vendors()).stream(request()));

    expect(events.filter((e) => e.type === 'fallback').map((e) => e.type === 'fallback' && [e.from, e.to, e.reason])).toEqual([
      ['anthropic', 'openai', 'server_error'],
      ['openai', 'gemini', 'server_error'],
    ]);
    expect(doneOf(events)).toMatchObject({ provider: 'gemini', costUsd: (800 * 1.5 + 4 * 7.5) / 1e6 });
  });

  it('falls back when the stream fails with overloaded_error before any output', async () => {
    anthropic.reply({ text: 'never', streamError: { type: 'overloaded_error', afterEvents: 1 } });
    openai.reply({ content: 'From OpenAI.' });
    const events = await collect(router(vendors()).stream(request()));
    expect(events[0]).toMatchObject({ type: 'fallback', from: 'anthropic', to: 'openai', reason: 'overloaded' });
    expect(textOf(events)).toBe('From OpenAI.');
  });

  it('ends the turn with the error, without falling back, once text has reached the caller', async () => {
    anthropic.reply({ text: 'Setting the tempo now and', streamError: { type: 'overloaded_error', afterEvents: 4 } });
    const received: RoutedChatEvent[] = [];
    const err = await rejection(
      (async () => {
        for await (const event of router(vendors()).stream(request())) received.push(event);
      })(),
    );
    expect(err).toMatchObject({ provider: 'anthropic', code: 'overloaded' });
    expect(textOf(received)).not.toBe('');
    expect(received.some((e) => e.type === 'fallback')).toBe(false);
    expect(openai.requests).toHaveLength(0);
  });

  it('cancels through the router: the stream ends with done: cancelled and nothing falls back', async () => {
    anthropic.reply({ text: 'one two three four five six', chunkDelayMs: 40 });
    const controller = new AbortController();
    const events: RoutedChatEvent[] = [];
    for await (const event of router(vendors()).stream(request({ signal: controller.signal }))) {
      events.push(event);
      if (event.type === 'text') controller.abort();
    }
    expect(events.map((e) => e.type)).toEqual(['text', 'done']);
    expect(doneOf(events)).toMatchObject({ provider: 'anthropic', stopReason: 'cancelled', fallbacks: [] });
    expect(openai.requests).toHaveLength(0);
  });
});

describe('ProviderRouter', () => {
  it('orders by quality, cost or latency, and always asks the offline provider last', () => {
    const providers = [
      new ScriptedProvider('offline', 'dawg-offline-1'),
      new ScriptedProvider('gemini', 'gemini-3.8-flash'),
      new ScriptedProvider('openai', 'gpt-6.1-terra'),
      new ScriptedProvider('anthropic', 'claude-sonnet-5-5'),
    ];
    const names = (policy: ProviderRouterOptions['policy']) => router(providers, { policy }).order().map((p) => p.name);
    expect(names('quality')).toEqual(['anthropic', 'openai', 'gemini', 'offline']);
    // Blended ¾ input, ¼ output: openai 2.0, gemini 3.0, anthropic 4.0 USD per million.
    expect(names('cost')).toEqual(['openai', 'gemini', 'anthropic', 'offline']);
    // Before any measurement, the catalog's priors: gemini 700 ms, openai 800 ms, anthropic 1,100 ms.
    expect(names('latency')).toEqual(['gemini', 'openai', 'anthropic', 'offline']);
  });

  it('prices with AI_PRICES overrides when ordering by cost', () => {
    const providers = [new ScriptedProvider('openai', 'gpt-6.1-terra'), new ScriptedProvider('anthropic', 'claude-sonnet-5-5')];
    const prices = new PriceTable({ 'claude-sonnet-5-5': { input: 0.1, output: 0.2 } });
    expect(router(providers, { policy: 'cost', prices }).order().map((p) => p.name)).toEqual(['anthropic', 'openai']);
  });

  it('reorders by measured time to first token under the latency policy', async () => {
    const clock = { now: 0 };
    const gemini = new ScriptedProvider('gemini', 'gemini-3.8-flash', clock);
    const openai = new ScriptedProvider('openai', 'gpt-6.1-terra', clock);
    const r = router([gemini, openai], { policy: 'latency', now: () => clock.now });
    expect(r.order()[0]!.name).toBe('gemini');

    gemini.script({ text: 'slow', firstTokenMs: 3_000 });
    expect(doneOf(await collect(r.stream(request()))).provider).toBe('gemini');

    // A moving average: 700 ms prior, then one 3 s sample weighted 0.3.
    expect(r.health().find((h) => h.provider === 'gemini')!.firstTokenMs).toBe(700 + 0.3 * (3_000 - 700));
    expect(r.order().map((p) => p.name)).toEqual(['openai', 'gemini']);
    expect(doneOf(await collect(r.stream(request()))).provider).toBe('openai');
  });

  it('opens a provider’s breaker after repeated failures, skips it without asking, and probes it again after the cool-down', async () => {
    const clock = { now: 1_000_000 };
    const anthropic = new ScriptedProvider('anthropic', 'claude-sonnet-5-5').script({ fail: overloaded('anthropic') }, { fail: overloaded('anthropic') }, { fail: overloaded('anthropic') });
    const offline = new ScriptedProvider('offline', 'dawg-offline-1');
    const r = router([anthropic, offline], { now: () => clock.now });

    for (let i = 0; i < 3; i++) expect((await collect(r.stream(request())))[0]).toMatchObject({ type: 'fallback', reason: 'overloaded' });
    expect(anthropic.calls).toBe(3);
    expect(r.health()[0]).toMatchObject({ provider: 'anthropic', circuit: 'open' });

    // Open: skipped without a request, and the events say why.
    const skipped = await collect(r.stream(request()));
    expect(skipped[0]).toEqual({ type: 'fallback', from: 'anthropic', to: 'offline', reason: 'circuit_open', message: 'anthropic is failing; it is skipped for a while' });
    expect(doneOf(skipped)).toMatchObject({ provider: 'offline', costUsd: 0 });
    expect(anthropic.calls).toBe(3);

    // After the cool-down one request probes it; its success closes the circuit.
    clock.now += 30_000;
    expect(r.health()[0]!.circuit).toBe('half-open');
    const probed = await collect(r.stream(request()));
    expect(doneOf(probed)).toMatchObject({ provider: 'anthropic', fallbacks: [] });
    expect(anthropic.calls).toBe(4);
    expect(r.health()[0]!.circuit).toBe('closed');
  });

  it('opens again when the probe fails', async () => {
    const clock = { now: 0 };
    const anthropic = new ScriptedProvider('anthropic', 'claude-sonnet-5-5').script(...Array.from({ length: 4 }, () => ({ fail: overloaded('anthropic') })));
    const r = router([anthropic, new ScriptedProvider('offline', 'dawg-offline-1')], { now: () => clock.now });
    for (let i = 0; i < 3; i++) await collect(r.stream(request()));
    clock.now += 30_000;
    await collect(r.stream(request()));
    expect(anthropic.calls).toBe(4);
    expect(r.health()[0]!.circuit).toBe('open');
  });

  it('passes over a refused request (bad key) but does not count it against the provider', async () => {
    const refused = () => ({ fail: new ProviderError('openai', 'auth', 'HTTP 401: Incorrect API key provided', { status: 401 }) });
    const openai = new ScriptedProvider('openai', 'gpt-6.1-terra').script(refused(), refused(), refused(), refused());
    const r = router([openai, new ScriptedProvider('offline', 'dawg-offline-1')]);
    for (let i = 0; i < 4; i++) expect((await collect(r.stream(request())))[0]).toMatchObject({ type: 'fallback', from: 'openai', to: 'offline', reason: 'auth' });
    expect(openai.calls).toBe(4);
    expect(r.health()[0]!.circuit).toBe('closed');
  });

  it('counts a failure after output against the provider', async () => {
    const anthropic = new ScriptedProvider('anthropic', 'claude-sonnet-5-5').script(
      ...Array.from({ length: 3 }, () => ({ textThenFail: ['Partial', overloaded('anthropic')] as [string, ProviderError] })),
    );
    const r = router([anthropic, new ScriptedProvider('offline', 'dawg-offline-1')]);
    for (let i = 0; i < 3; i++) await expect(collect(r.stream(request()))).rejects.toMatchObject({ code: 'overloaded' });
    expect(r.health()[0]!.circuit).toBe('open');
  });

  it('fails with every provider’s reason when none can answer and no offline provider is appended', async () => {
    const r = router([new ScriptedProvider('anthropic', 'claude-sonnet-5-5').script({ fail: overloaded('anthropic') }), new ScriptedProvider('gemini', 'gemini-3.8-flash').script({ fail: new ProviderError('gemini', 'rate_limited', 'HTTP 429') })]);
    const err = await rejection(collect(r.stream(request())));
    expect(err).toBeInstanceOf(AllProvidersFailedError);
    expect(err).toMatchObject({ code: 'SERVICE_UNAVAILABLE', failures: [{ provider: 'anthropic', reason: 'overloaded' }, { provider: 'gemini', reason: 'rate_limited' }] });
  });

  it('prices the answer by the model the vendor reported, dated snapshots as their alias', async () => {
    const openai = new ScriptedProvider('openai', 'gpt-6.1-terra-2026-10-26').script({ text: 'ok', usage: { inputTokens: 3_333, outputTokens: 777 } });
    const done = doneOf(await collect(router([openai]).stream(request())));
    expect(done.costUsd).toBe((3_333 * 1 + 777 * 5) / 1e6);
  });
});
