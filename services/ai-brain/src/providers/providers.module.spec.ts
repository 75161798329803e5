import { Test } from '@nestjs/testing';
import { aiProvidersEnv, composeEnv, ConfigValidationError, loadConfig, openAiEnv } from '@dawg/platform';
import { AnthropicProvider } from './anthropic.provider';
import { GeminiProvider } from './gemini.provider';
import { OpenAIProvider } from './openai.provider';
import { PriceTable } from './pricing';
import type { ChatEvent, ChatProvider } from './provider';
import { AiProvidersModule, CHAT_PROVIDERS, type AiProvidersOptions } from './providers.module';
import { ProviderRouter } from './router';

const envOf = (vars: Record<string, string>) => loadConfig(composeEnv(openAiEnv, aiProvidersEnv), vars);

class OfflineStandIn implements ChatProvider {
  readonly name = 'offline' as const;
  readonly model = 'dawg-offline-1';
  async *stream(): AsyncIterable<ChatEvent> {
    yield { type: 'text', delta: 'Offline here.' };
    yield { type: 'done', model: this.model, usage: { inputTokens: 1, outputTokens: 1 }, stopReason: 'end' };
  }
}

async function resolve(vars: Record<string, string>, options?: AiProvidersOptions) {
  const moduleRef = await Test.createTestingModule({ imports: [AiProvidersModule.forRoot(envOf(vars), options)] }).compile();
  return { providers: moduleRef.get<ChatProvider[]>(CHAT_PROVIDERS), router: moduleRef.get(ProviderRouter), prices: moduleRef.get(PriceTable) };
}

describe('AiProvidersModule', () => {
  it('provides no vendor when no key is set, and the offline provider it is given', async () => {
    const { providers, router } = await resolve({}, { extraProviders: [new OfflineStandIn()] });
    expect(providers.map((p) => p.name)).toEqual(['offline']);
    expect(router.order().map((p) => p.name)).toEqual(['offline']);
  });

  it('provides each vendor whose key is set, on its configured model, and the offline provider last', async () => {
    const { providers, router } = await resolve(
      { ANTHROPIC_API_KEY: 'sk-ant', OPENAI_API_KEY: 'sk-x', GEMINI_API_KEY: 'AIza', AI_OPENAI_MODEL: 'gpt-6.1-sol', AI_ROUTING_POLICY: 'cost' },
      { extraProviders: [new OfflineStandIn()] },
    );
    expect(providers[0]).toBeInstanceOf(AnthropicProvider);
    expect(providers[1]).toBeInstanceOf(OpenAIProvider);
    expect(providers[2]).toBeInstanceOf(GeminiProvider);
    expect(providers.map((p) => [p.name, p.model])).toEqual([
      ['anthropic', 'claude-sonnet-5-5'],
      ['openai', 'gpt-6.1-sol'],
      ['gemini', 'gemini-3.8-flash'],
      ['offline', 'dawg-offline-1'],
    ]);
    // By cost: gemini 3.0, anthropic 4.0 and openai (sol) 4.0 blended USD per million, ties in vendor order.
    expect(router.order().map((p) => p.name)).toEqual(['gemini', 'anthropic', 'openai', 'offline']);
    expect(router.health().every((h) => h.circuit === 'closed')).toBe(true);
  });

  it('builds the price table with AI_PRICES on top of the built-in one', async () => {
    const { prices } = await resolve({ AI_PRICES: '{"gpt-6.1-terra":{"input":0.5,"output":2}}' });
    expect(prices.priceOf('gpt-6.1-terra')).toEqual({ input: 0.5, output: 2 });
    expect(prices.priceOf('claude-sonnet-5-5')).toEqual({ input: 2, output: 10 });
  });

  it('refuses a configured model without a price, naming the variable', () => {
    expect(() => AiProvidersModule.forRoot(envOf({ GEMINI_API_KEY: 'AIza', AI_GEMINI_MODEL: 'gemini-9-ultra' }))).toThrow(ConfigValidationError);
    expect(() => AiProvidersModule.forRoot(envOf({ GEMINI_API_KEY: 'AIza', AI_GEMINI_MODEL: 'gemini-9-ultra' }))).toThrow(/AI_GEMINI_MODEL: model "gemini-9-ultra" has no built-in price/);
  });
});
