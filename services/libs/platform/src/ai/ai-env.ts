import { z } from 'zod';
import { envPart } from '../config/env';

/** The models each vendor answers with unless AI_<VENDOR>_MODEL says otherwise: each vendor's fast, tool-capable general model. */
export const DEFAULT_AI_MODELS = {
  anthropic: 'claude-sonnet-5-5',
  openai: 'gpt-6.1-terra',
  gemini: 'gemini-3.8-flash',
} as const;

export const AI_ROUTING_POLICIES = ['cost', 'quality', 'latency'] as const;
export type AiRoutingPolicy = (typeof AI_ROUTING_POLICIES)[number];

/** USD per million tokens, by model. */
export type AiPriceOverrides = Record<string, { input: number; output: number }>;

const optionalSecret = (what: string) => z.string().trim().min(1).optional().describe(what);
const model = (vendor: string, fallback: string) =>
  z.string().trim().min(1).default(fallback).describe(`the ${vendor} model the assistant uses (it must support tool calling and have a price, built in or in AI_PRICES)`);
const positiveInt = (what: string) => z.coerce.number().int().positive().describe(what);

// A price is kept exactly in millionths of a dollar per million tokens, so at most six decimals.
const price = z
  .number()
  .min(0)
  .max(100_000)
  .refine((n) => Math.abs(n * 1e6 - Math.round(n * 1e6)) < 1e-6, 'must have at most 6 decimals');

/**
 * AI_PRICES: a JSON object `{"<model>": {"input": <USD per 1M input tokens>, "output": <USD per 1M output tokens>}}`.
 * Every problem names the model and the field, so a typo in a deployment is fixed in one go.
 */
const aiPrices = z
  .string()
  .transform((text, ctx): AiPriceOverrides => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON, e.g. {"gpt-6.1-terra":{"input":1,"output":5}}' });
      return z.NEVER;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object of model names, e.g. {"gpt-6.1-terra":{"input":1,"output":5}}' });
      return z.NEVER;
    }
    const prices: AiPriceOverrides = {};
    for (const [name, entry] of Object.entries(parsed as Record<string, unknown>)) {
      const result = z.strictObject({ input: price, output: price }).safeParse(entry);
      if (!result.success) {
        const problems = result.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'the entry'} ${issue.message}`);
        ctx.addIssue({ code: 'custom', message: `model "${name}": ${problems.join('; ')} (expected {"input": USD per 1M tokens, "output": USD per 1M tokens})` });
        continue;
      }
      prices[name] = result.data;
    }
    return prices;
  })
  .optional()
  .describe('JSON overriding or adding LLM prices, USD per million tokens by model, e.g. {"gpt-6.1-terra":{"input":1,"output":5}} (the built-in table is used for the rest)');

/**
 * OpenAI (or any OpenAI-compatible server): one key for two readers, the
 * assistant in ai-brain and the lyrics writer in generation, so both
 * deployables compose this part and the variable is declared once.
 */
export const openAiEnv = envPart(
  {
    OPENAI_API_KEY: optionalSecret(
      'an OpenAI API key: turns on OpenAI for the assistant (AI_OPENAI_MODEL) and for lyrics (GENERATION_LYRICS_MODEL) (any value for a compatible server that needs none)',
    ),
    OPENAI_BASE_URL: z.url().optional().describe('the base URL of an OpenAI-compatible chat API (defaults to https://api.openai.com/v1)'),
  },
  (env, ctx) => {
    if (env.OPENAI_BASE_URL !== undefined && env.OPENAI_API_KEY === undefined) {
      ctx.addIssue({ code: 'custom', path: ['OPENAI_API_KEY'], message: 'is required when OPENAI_BASE_URL is set (any value for a server that needs none)' });
    }
  },
);
export type OpenAiEnv = z.infer<z.ZodObject<typeof openAiEnv.shape>>;

/**
 * The AI assistant's LLM providers, read by ai-brain (with openAiEnv). Each vendor is on when
 * its key is set; with none set, the offline assistant answers alone.
 */
export const aiProvidersEnv = envPart(
  {
    ANTHROPIC_API_KEY: optionalSecret('an Anthropic API key; Claude answers the assistant when set'),
    ANTHROPIC_BASE_URL: z.url().optional().describe('the base URL of the Anthropic Messages API (defaults to https://api.anthropic.com)'),
    GEMINI_API_KEY: optionalSecret('a Gemini API key (Google AI Studio); Gemini answers the assistant when set'),
    GEMINI_BASE_URL: z.url().optional().describe('the base URL of the Gemini API, without the version (defaults to https://generativelanguage.googleapis.com)'),
    AI_ROUTING_POLICY: z
      .enum(AI_ROUTING_POLICIES)
      .default('quality')
      .describe('which configured LLM provider is asked first: quality (the strongest model), cost (the cheapest) or latency (the fastest to first token, as measured); the others are fallbacks, the offline assistant last'),
    AI_ANTHROPIC_MODEL: model('Anthropic', DEFAULT_AI_MODELS.anthropic),
    AI_OPENAI_MODEL: model('OpenAI', DEFAULT_AI_MODELS.openai),
    AI_GEMINI_MODEL: model('Gemini', DEFAULT_AI_MODELS.gemini),
    AI_PRICES: aiPrices,
    AI_REQUEST_TIMEOUT_MS: positiveInt(
      'milliseconds an LLM provider may stay silent (before its first streamed event, or between two) before the request is abandoned as timed out and the next provider is tried',
    ).default(60_000),
    AI_BREAKER_FAILURES: positiveInt('failed LLM requests in a row (overloaded, rate limited, 5xx, timeouts) after which a provider is skipped for AI_BREAKER_COOLDOWN_MS').max(100).default(3),
    AI_BREAKER_COOLDOWN_MS: positiveInt('milliseconds a failing LLM provider is skipped before one request is let through to probe it').default(30_000),
  },
  (env, ctx) => {
    // A base URL without its key is a mistake worth stopping for, not a silent no-op.
    const pairs = [
      ['ANTHROPIC_BASE_URL', 'ANTHROPIC_API_KEY'],
      ['GEMINI_BASE_URL', 'GEMINI_API_KEY'],
    ] as const;
    for (const [url, key] of pairs) {
      if (env[url] !== undefined && env[key] === undefined) {
        ctx.addIssue({ code: 'custom', path: [key], message: `is required when ${url} is set (any value for a server that needs none)` });
      }
    }
  },
);
export type AiProvidersEnv = z.infer<z.ZodObject<typeof aiProvidersEnv.shape>> & OpenAiEnv;
