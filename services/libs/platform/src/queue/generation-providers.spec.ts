import { composeEnv, ConfigValidationError, loadConfig } from '../config/env';
import { configuredMusicProviders, DEFAULT_LYRICS_MODEL, DEFAULT_MUSICGEN_MODEL, generationProvidersEnv } from './generation-providers';

const schema = composeEnv(generationProvidersEnv);
const problemsOf = (vars: Record<string, string>) => {
  try {
    loadConfig(schema, vars);
    return [];
  } catch (err) {
    return (err as ConfigValidationError).problems;
  }
};

describe('generationProvidersEnv', () => {
  it('turns nothing on by default and pins MusicGen to a version', () => {
    const env = loadConfig(schema, {});
    expect(env).toMatchObject({ REPLICATE_BASE_URL: 'https://api.replicate.com/v1', REPLICATE_MUSICGEN_MODEL: DEFAULT_MUSICGEN_MODEL, GENERATION_LYRICS_MODEL: DEFAULT_LYRICS_MODEL, GENERATION_PROVIDER_TIMEOUT_MS: 300_000 });
    expect(DEFAULT_MUSICGEN_MODEL).toMatch(/^meta\/musicgen:[0-9a-f]{64}$/);
    expect(configuredMusicProviders(env)).toEqual([]);
  });

  it('turns on each music provider its variable names, in a stable order', () => {
    expect(configuredMusicProviders(loadConfig(schema, { SUNO_API_URL: 'http://suno:3000', REPLICATE_API_TOKEN: 'r8_x' }))).toEqual(['musicgen', 'suno']);
    expect(configuredMusicProviders(loadConfig(schema, { SUNO_API_URL: 'http://suno:3000' }))).toEqual(['suno']);
  });

  it('names the variable when a setting is wrong or half-made', () => {
    expect(problemsOf({ REPLICATE_MUSICGEN_MODEL: 'musicgen' })).toEqual([expect.stringMatching(/^REPLICATE_MUSICGEN_MODEL: must be owner\/name/)]);
    expect(problemsOf({ SUNO_API_KEY: 'k' })).toEqual([expect.stringMatching(/^SUNO_API_URL: is required when SUNO_API_KEY is set/)]);
    expect(problemsOf({ GENERATION_PROVIDER_TIMEOUT_MS: '0' })).toEqual([expect.stringMatching(/^GENERATION_PROVIDER_TIMEOUT_MS:/)]);
  });
});
