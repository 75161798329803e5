import { composeEnv, ConfigValidationError, loadConfig } from '../config/env';
import { aiProvidersEnv, DEFAULT_AI_MODELS, openAiEnv } from './ai-env';

const schema = composeEnv(openAiEnv, aiProvidersEnv);
const problemsOf = (vars: Record<string, string>) => {
  try {
    loadConfig(schema, vars);
    return [];
  } catch (err) {
    return (err as ConfigValidationError).problems;
  }
};

describe('aiProvidersEnv', () => {
  it('turns no vendor on by default, routes by quality, and names each vendor’s default model', () => {
    const env = loadConfig(schema, {});
    expect(env).toMatchObject({
      AI_ROUTING_POLICY: 'quality',
      AI_ANTHROPIC_MODEL: DEFAULT_AI_MODELS.anthropic,
      AI_OPENAI_MODEL: DEFAULT_AI_MODELS.openai,
      AI_GEMINI_MODEL: DEFAULT_AI_MODELS.gemini,
      AI_REQUEST_TIMEOUT_MS: 60_000,
      AI_BREAKER_FAILURES: 3,
      AI_BREAKER_COOLDOWN_MS: 30_000,
    });
    expect(env.ANTHROPIC_API_KEY ?? env.OPENAI_API_KEY ?? env.GEMINI_API_KEY).toBeUndefined();
    expect(env.AI_PRICES).toBeUndefined();
  });

  it('parses AI_PRICES into USD per million tokens by model', () => {
    const env = loadConfig(schema, { AI_PRICES: '{"gpt-6.1-terra":{"input":1,"output":5},"my-llama":{"input":0,"output":0.000001}}' });
    expect(env.AI_PRICES).toEqual({ 'gpt-6.1-terra': { input: 1, output: 5 }, 'my-llama': { input: 0, output: 0.000001 } });
  });

  it.each([
    ['text that is not JSON', '{gpt: 1}', /^AI_PRICES: must be JSON, e\.g\./],
    ['a JSON array', '[1,2]', /^AI_PRICES: must be a JSON object of model names/],
    ['a missing output price', '{"gpt-6.1-terra":{"input":1}}', /^AI_PRICES: model "gpt-6\.1-terra": output Invalid input/],
    ['a negative price', '{"m":{"input":-1,"output":1}}', /^AI_PRICES: model "m": input Too small/],
    ['a price in strings', '{"m":{"input":"1","output":1}}', /^AI_PRICES: model "m": input Invalid input/],
    ['an unknown field', '{"m":{"input":1,"output":1,"cached":0.1}}', /^AI_PRICES: model "m": the entry Unrecognized key: "cached"/],
    ['more than 6 decimals', '{"m":{"input":0.0000001,"output":1}}', /^AI_PRICES: model "m": input must have at most 6 decimals/],
  ])('stops boot on %s, naming the model and the field', (_, value, message) => {
    expect(problemsOf({ AI_PRICES: value })).toEqual([expect.stringMatching(message)]);
  });

  it('names the variable when a setting is wrong or half-made', () => {
    expect(problemsOf({ AI_ROUTING_POLICY: 'random' })).toEqual([expect.stringMatching(/^AI_ROUTING_POLICY:/)]);
    expect(problemsOf({ ANTHROPIC_BASE_URL: 'http://claude-proxy:8080' })).toEqual([expect.stringMatching(/^ANTHROPIC_API_KEY: is required when ANTHROPIC_BASE_URL is set/)]);
    expect(problemsOf({ GEMINI_BASE_URL: 'http://gemini-proxy:8080' })).toEqual([expect.stringMatching(/^GEMINI_API_KEY: is required when GEMINI_BASE_URL is set/)]);
    expect(problemsOf({ OPENAI_BASE_URL: 'http://llm:8000/v1' })).toEqual([expect.stringMatching(/^OPENAI_API_KEY: is required when OPENAI_BASE_URL is set/)]);
    expect(problemsOf({ AI_REQUEST_TIMEOUT_MS: '0' })).toEqual([expect.stringMatching(/^AI_REQUEST_TIMEOUT_MS:/)]);
    expect(problemsOf({ AI_BREAKER_FAILURES: 'three' })).toEqual([expect.stringMatching(/^AI_BREAKER_FAILURES:/)]);
  });

  it('keeps keys out of error messages', () => {
    expect(problemsOf({ OPENAI_API_KEY: ' ' }).join('\n')).not.toContain('sk-');
    expect(problemsOf({ ANTHROPIC_BASE_URL: 'not a url', ANTHROPIC_API_KEY: 'sk-ant-secret' }).join('\n')).not.toContain('sk-ant-secret');
  });
});
