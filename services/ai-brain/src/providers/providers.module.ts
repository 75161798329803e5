import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { type AiProvidersEnv, ConfigValidationError, Metrics, ResilienceMetrics, ROOT_LOGGER } from '@dawg/platform';
import { AnthropicProvider } from './anthropic.provider';
import { GeminiProvider } from './gemini.provider';
import { OpenAIProvider } from './openai.provider';
import { PriceTable, unpricedModelProblems } from './pricing';
import type { ChatProvider } from './provider';
import { ProviderRouter } from './router';

/** Injection token: the `ChatProvider[]` this environment turns on, vendors first, then the extra providers (the offline one). */
export const CHAT_PROVIDERS = Symbol('CHAT_PROVIDERS');

export interface AiProvidersOptions {
  /** Providers appended after the configured vendors, e.g. the offline provider, which the router always asks last. */
  extraProviders?: readonly ChatProvider[];
}

/** The vendors whose key is set, each on its configured model. */
export function chatProvidersFrom(env: AiProvidersEnv): ChatProvider[] {
  const providers: ChatProvider[] = [];
  const idleTimeoutMs = env.AI_REQUEST_TIMEOUT_MS;
  if (env.ANTHROPIC_API_KEY) providers.push(new AnthropicProvider({ apiKey: env.ANTHROPIC_API_KEY, baseUrl: env.ANTHROPIC_BASE_URL, model: env.AI_ANTHROPIC_MODEL, idleTimeoutMs }));
  if (env.OPENAI_API_KEY) providers.push(new OpenAIProvider({ apiKey: env.OPENAI_API_KEY, baseUrl: env.OPENAI_BASE_URL, model: env.AI_OPENAI_MODEL, idleTimeoutMs }));
  if (env.GEMINI_API_KEY) providers.push(new GeminiProvider({ apiKey: env.GEMINI_API_KEY, baseUrl: env.GEMINI_BASE_URL, model: env.AI_GEMINI_MODEL, idleTimeoutMs }));
  return providers;
}

/**
 * The LLM providers (Anthropic, OpenAI, Gemini: those whose key is set), the
 * price table (built in, plus AI_PRICES) and the `ProviderRouter` over them.
 * Breaker metrics go to the platform's registry and fallbacks to its log when
 * PlatformModule is present.
 */
@Module({})
export class AiProvidersModule {
  static forRoot(env: AiProvidersEnv, options: AiProvidersOptions = {}): DynamicModule {
    // Also checked at boot by aiModelPricesEnv when the deployable composes it; this keeps the module safe on its own.
    const unpriced = unpricedModelProblems(env);
    if (unpriced.length > 0) throw new ConfigValidationError(unpriced.map((p) => `${p.variable}: ${p.message}`));
    return {
      module: AiProvidersModule,
      providers: [
        { provide: PriceTable, useFactory: () => new PriceTable(env.AI_PRICES) },
        { provide: CHAT_PROVIDERS, useFactory: (): ChatProvider[] => [...chatProvidersFrom(env), ...(options.extraProviders ?? [])] },
        {
          provide: ProviderRouter,
          inject: [CHAT_PROVIDERS, PriceTable, { token: Metrics, optional: true }, { token: ROOT_LOGGER, optional: true }],
          useFactory: (providers: ChatProvider[], prices: PriceTable, metrics?: Metrics, logger?: Logger) => {
            const resilience = metrics ? ResilienceMetrics.for(metrics.registry) : undefined;
            return new ProviderRouter({
              providers,
              policy: env.AI_ROUTING_POLICY,
              prices,
              breaker: { consecutiveFailures: env.AI_BREAKER_FAILURES, coolDownMs: env.AI_BREAKER_COOLDOWN_MS },
              breakerHooks: resilience ? (target) => resilience.breakerHooks(target) : undefined,
              logger: logger?.child({ module: 'ai-providers' }),
            });
          },
        },
      ],
      exports: [CHAT_PROVIDERS, PriceTable, ProviderRouter],
    };
  }
}
