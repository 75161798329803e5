import { Test } from '@nestjs/testing';
import { composeEnv, generationProvidersEnv, loadConfig, openAiEnv } from '@dawg/platform';
import { OpenAiLyricsWriter } from './lyrics-writer';
import { MusicgenProvider } from './musicgen.provider';
import { GenerationProvidersModule, LYRICS_WRITER, MUSIC_PROVIDER_REGISTRY, type MusicProviderRegistry } from './providers.module';
import { SunoProvider } from './suno.provider';

const envOf = (vars: Record<string, string>) => loadConfig(composeEnv(generationProvidersEnv, openAiEnv), vars);

async function resolve(vars: Record<string, string>) {
  const moduleRef = await Test.createTestingModule({ imports: [GenerationProvidersModule.forRoot(envOf(vars))] }).compile();
  return { providers: moduleRef.get<MusicProviderRegistry>(MUSIC_PROVIDER_REGISTRY), lyrics: moduleRef.get<OpenAiLyricsWriter | null>(LYRICS_WRITER) };
}

describe('GenerationProvidersModule', () => {
  it('provides no external providers and no lyrics writer when nothing is configured', async () => {
    const { providers, lyrics } = await resolve({});
    expect(providers.size).toBe(0);
    expect(lyrics).toBeNull();
  });

  it('provides each configured provider under its name, and the lyrics writer on the configured model', async () => {
    const { providers, lyrics } = await resolve({
      REPLICATE_API_TOKEN: 'r8_token',
      SUNO_API_URL: 'http://suno.internal:3000',
      OPENAI_API_KEY: 'sk-key',
      GENERATION_LYRICS_MODEL: 'gpt-5-mini',
    });
    expect([...providers.keys()]).toEqual(['musicgen', 'suno']);
    expect(providers.get('musicgen')).toBeInstanceOf(MusicgenProvider);
    expect(providers.get('suno')).toBeInstanceOf(SunoProvider);
    expect(lyrics).toBeInstanceOf(OpenAiLyricsWriter);
    expect(lyrics!.model).toBe('gpt-5-mini');
  });
});
