import { type AiPriceOverrides, type AiProvidersEnv, envPart } from '@dawg/platform';
import type { ProviderName, TokenUsage } from './provider';

/** USD per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

export interface ModelProfile extends ModelPrice {
  provider: Exclude<ProviderName, 'offline'>;
  /** Our ranking for the `quality` policy, higher is stronger: a judgement from the vendors' positioning and public benchmarks, not a measurement. */
  quality: number;
  /** A prior for time to first token in ms, used by the `latency` policy until the provider has been measured. */
  firstTokenMs: number;
}

/**
 * List prices of the models the assistant is likely to run on, from the
 * vendors' pricing pages (November 2026), standard tier, prompts under the
 * long-context threshold. Cached-input discounts are ignored (the assistant
 * sends no cache hints), so costs err high, never low. Launch promotions are
 * left out: gemini-3.8-flash is $0.75/$3.75 until 2026-12-31, gemini-4-argon
 * $2/$10 until 2026-11-30. AI_PRICES overrides any of these or adds models.
 */
export const MODEL_CATALOG: Readonly<Record<string, ModelProfile>> = {
  'claude-opus-5-5': { provider: 'anthropic', input: 4, output: 20, quality: 95, firstTokenMs: 1_800 },
  'claude-sonnet-5-5': { provider: 'anthropic', input: 2, output: 10, quality: 90, firstTokenMs: 1_100 },
  'claude-opus-5': { provider: 'anthropic', input: 5, output: 25, quality: 88, firstTokenMs: 2_000 },
  'claude-sonnet-5': { provider: 'anthropic', input: 2, output: 10, quality: 85, firstTokenMs: 1_200 },
  'claude-sonnet-4-6': { provider: 'anthropic', input: 3, output: 15, quality: 78, firstTokenMs: 1_200 },
  'claude-haiku-4-5': { provider: 'anthropic', input: 1, output: 5, quality: 68, firstTokenMs: 600 },
  'gpt-6.1-sol': { provider: 'openai', input: 2, output: 10, quality: 90, firstTokenMs: 1_500 },
  'gpt-6-sol': { provider: 'openai', input: 2, output: 10, quality: 86, firstTokenMs: 1_500 },
  'gpt-6.1-terra': { provider: 'openai', input: 1, output: 5, quality: 85, firstTokenMs: 800 },
  'gpt-6-luna': { provider: 'openai', input: 0.1, output: 0.5, quality: 65, firstTokenMs: 500 },
  'gpt-4.1-mini': { provider: 'openai', input: 0.4, output: 1.6, quality: 50, firstTokenMs: 500 },
  'gemini-4-argon': { provider: 'gemini', input: 4, output: 20, quality: 92, firstTokenMs: 1_600 },
  'gemini-3.8-flash': { provider: 'gemini', input: 1.5, output: 7.5, quality: 82, firstTokenMs: 700 },
  'gemini-3.5-flash': { provider: 'gemini', input: 1.5, output: 9, quality: 75, firstTokenMs: 700 },
  'gemini-3.1-pro-preview': { provider: 'gemini', input: 2, output: 12, quality: 80, firstTokenMs: 1_500 },
  'gemini-3.5-flash-lite': { provider: 'gemini', input: 0.3, output: 2.5, quality: 60, firstTokenMs: 450 },
};

// A dated or numbered release ("gpt-6.1-terra-2026-10-26", "claude-sonnet-5-5-20260928", "gemini-3.8-flash-001") is priced as its alias.
const RELEASE_SUFFIX = /-(\d{4}-\d{2}-\d{2}|\d{8}|\d{3}|latest)$/;

/**
 * Prices by model: the built-in catalog with AI_PRICES on top. Costs are
 * computed in whole micro-dollars (the precision of `ai_usage.cost_usd`,
 * numeric(12,6)), rounding half up once per call, so they add up exactly.
 */
export class PriceTable {
  private readonly prices = new Map<string, ModelPrice>();

  constructor(overrides: AiPriceOverrides = {}) {
    for (const [model, profile] of Object.entries(MODEL_CATALOG)) this.prices.set(model, { input: profile.input, output: profile.output });
    for (const [model, price] of Object.entries(overrides)) this.prices.set(model, { input: price.input, output: price.output });
  }

  /** The price of a model as a vendor names it: exactly, or as the alias of a dated or numbered release. */
  priceOf(model: string): ModelPrice | undefined {
    return this.prices.get(model) ?? this.prices.get(model.replace(RELEASE_SUFFIX, ''));
  }

  has(model: string): boolean {
    return this.priceOf(model) !== undefined;
  }

  /** Cost in micro-dollars: (input tokens × input price + output tokens × output price) / 1e6, rounded half up to a whole micro-dollar. */
  costMicros(model: string, usage: TokenUsage): number {
    const price = this.priceOf(model);
    if (!price) throw new RangeError(`no price for model "${model}"; add it to AI_PRICES`);
    // Prices have at most 6 decimals (AI_PRICES is checked for it), so scaled by 1e6 they are integers.
    const numerator = BigInt(usage.inputTokens) * BigInt(Math.round(price.input * 1e6)) + BigInt(usage.outputTokens) * BigInt(Math.round(price.output * 1e6));
    return Number((numerator + 500_000n) / 1_000_000n);
  }

  /** Cost in USD, exact to 6 decimals. */
  costOf(model: string, usage: TokenUsage): number {
    return this.costMicros(model, usage) / 1e6;
  }
}

const defaultTable = new PriceTable();

/** Cost in USD at the built-in prices, exact to 6 decimals: (input × input price + output × output price) / 1e6. */
export function costOf(model: string, usage: TokenUsage, table: PriceTable = defaultTable): number {
  return table.costOf(model, usage);
}

/** A USD amount as `ai_usage.cost_usd` stores it (numeric(12,6)). */
export function formatUsd(usd: number): string {
  return usd.toFixed(6);
}

/** The model each vendor is configured with, for vendors whose key is set. */
export function configuredModels(env: Partial<AiProvidersEnv>): Array<{ provider: Exclude<ProviderName, 'offline'>; model: string; variable: string }> {
  const models: Array<{ provider: Exclude<ProviderName, 'offline'>; model: string; variable: string }> = [];
  if (env.ANTHROPIC_API_KEY && env.AI_ANTHROPIC_MODEL) models.push({ provider: 'anthropic', model: env.AI_ANTHROPIC_MODEL, variable: 'AI_ANTHROPIC_MODEL' });
  if (env.OPENAI_API_KEY && env.AI_OPENAI_MODEL) models.push({ provider: 'openai', model: env.AI_OPENAI_MODEL, variable: 'AI_OPENAI_MODEL' });
  if (env.GEMINI_API_KEY && env.AI_GEMINI_MODEL) models.push({ provider: 'gemini', model: env.AI_GEMINI_MODEL, variable: 'AI_GEMINI_MODEL' });
  return models;
}

/** Boot problems: a configured model with no price, which would leave its spend off the books. */
export function unpricedModelProblems(env: Partial<AiProvidersEnv>): Array<{ variable: string; message: string }> {
  const overrides = isPriceOverrides(env.AI_PRICES) ? env.AI_PRICES : {};
  const table = new PriceTable(overrides);
  return configuredModels(env)
    .filter(({ model }) => !table.has(model))
    .map(({ model, variable }) => ({ variable, message: `model "${model}" has no built-in price; add it to AI_PRICES, e.g. {"${model}":{"input":1,"output":5}} (USD per million tokens)` }));
}

/**
 * Add to a deployable's env parts after `aiProvidersEnv`: boot then fails
 * with a line naming the variable when a configured model has no price.
 */
export const aiModelPricesEnv = envPart({}, (env, ctx) => {
  for (const problem of unpricedModelProblems(env as Partial<AiProvidersEnv>)) ctx.addIssue({ code: 'custom', path: [problem.variable], message: problem.message });
});

// Cross-field rules also run when AI_PRICES itself failed validation; only a parsed object counts then.
function isPriceOverrides(value: unknown): value is AiPriceOverrides {
  return !!value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((p) => !!p && typeof p === 'object');
}
