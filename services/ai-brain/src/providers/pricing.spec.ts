import { aiProvidersEnv, composeEnv, ConfigValidationError, DEFAULT_AI_MODELS, loadConfig, openAiEnv } from '@dawg/platform';
import { aiModelPricesEnv, costOf, formatUsd, MODEL_CATALOG, PriceTable } from './pricing';

const schema = composeEnv(openAiEnv, aiProvidersEnv, aiModelPricesEnv);
const problemsOf = (vars: Record<string, string>) => {
  try {
    loadConfig(schema, vars);
    return [];
  } catch (err) {
    return (err as ConfigValidationError).problems;
  }
};

describe('costOf', () => {
  it.each([
    ['claude-sonnet-5-5', 12_345, 678, 2, 10],
    ['gpt-6.1-terra', 1_234, 567, 1, 5],
    ['gemini-3.8-flash', 2_000, 400, 1.5, 7.5],
  ])('prices %s at input × input price + output × output price, per million tokens', (model, input, output, inPrice, outPrice) => {
    expect(costOf(model, { inputTokens: input, outputTokens: output })).toBe(Number(((input * inPrice + output * outPrice) / 1e6).toFixed(6)));
  });

  it('has a price for each vendor’s default model', () => {
    for (const model of Object.values(DEFAULT_AI_MODELS)) expect(MODEL_CATALOG[model]).toBeDefined();
  });

  it('is exact to the micro-dollar and rounds half up once per call', () => {
    // gpt-6-luna: $0.10 in, $0.50 out. 7 input tokens cost 0.7 µ$, 4 cost 0.4 µ$, 5 cost exactly 0.5 µ$.
    expect(costOf('gpt-6-luna', { inputTokens: 7, outputTokens: 0 })).toBe(0.000001);
    expect(costOf('gpt-6-luna', { inputTokens: 4, outputTokens: 0 })).toBe(0);
    expect(costOf('gpt-6-luna', { inputTokens: 5, outputTokens: 0 })).toBe(0.000001);
    // Floating point would say 0.30000000000000004 here.
    expect(costOf('gpt-6-luna', { inputTokens: 1_000_000, outputTokens: 400_000 })).toBe(0.3);
    expect(formatUsd(costOf('gemini-3.8-flash', { inputTokens: 123_456_789, outputTokens: 9_876_543 }))).toBe('259.259256');
  });

  it('prices zero usage at zero', () => {
    expect(costOf('claude-sonnet-5-5', { inputTokens: 0, outputTokens: 0 })).toBe(0);
  });

  it('refuses to guess the price of a model it does not know', () => {
    expect(() => costOf('gpt-99', { inputTokens: 1, outputTokens: 1 })).toThrow(/no price for model "gpt-99"; add it to AI_PRICES/);
  });
});

describe('PriceTable', () => {
  it('lets AI_PRICES override a built-in price and add a model', () => {
    const table = new PriceTable({ 'gpt-6.1-terra': { input: 0.5, output: 2.5 }, 'my-local-llama': { input: 0, output: 0 } });
    expect(table.costOf('gpt-6.1-terra', { inputTokens: 1_000_000, outputTokens: 1_000_000 })).toBe(3);
    expect(table.costOf('my-local-llama', { inputTokens: 5_000, outputTokens: 5_000 })).toBe(0);
    expect(table.priceOf('claude-sonnet-5-5')).toEqual({ input: 2, output: 10 });
  });

  it('prices a dated snapshot or a versioned name as the model it is a release of', () => {
    const table = new PriceTable();
    expect(table.priceOf('gpt-6.1-terra-2026-10-26')).toEqual({ input: 1, output: 5 });
    expect(table.priceOf('claude-sonnet-5-5-20260928')).toEqual({ input: 2, output: 10 });
    expect(table.priceOf('gemini-3.5-flash-lite-001')).toEqual({ input: 0.3, output: 2.5 });
    expect(table.priceOf('gemini-3.5-flash-001')).toEqual({ input: 1.5, output: 9 });
    // Not a release of claude-sonnet-5, whatever the prefix says.
    expect(table.has('claude-sonnet-5-7')).toBe(false);
    expect(table.has('claude-sonnet-5-5x')).toBe(false);
  });
});

describe('aiModelPricesEnv', () => {
  it('accepts the defaults and a configured model priced by AI_PRICES', () => {
    expect(problemsOf({ OPENAI_API_KEY: 'sk-x', ANTHROPIC_API_KEY: 'sk-ant', GEMINI_API_KEY: 'AIza' })).toEqual([]);
    expect(problemsOf({ OPENAI_API_KEY: 'sk-x', AI_OPENAI_MODEL: 'gpt-7', AI_PRICES: '{"gpt-7":{"input":3,"output":12}}' })).toEqual([]);
  });

  it('stops boot naming the variable when a configured model has no price', () => {
    expect(problemsOf({ OPENAI_API_KEY: 'sk-x', AI_OPENAI_MODEL: 'gpt-7' })).toEqual([
      expect.stringMatching(/^AI_OPENAI_MODEL: model "gpt-7" has no built-in price; add it to AI_PRICES, e\.g\. \{"gpt-7":\{"input":1,"output":5\}\}/),
    ]);
    // A vendor without a key is off, so its model is not checked.
    expect(problemsOf({ AI_GEMINI_MODEL: 'gemini-9' })).toEqual([]);
  });
});
