import { type DynamicModule, Module } from '@nestjs/common';
import type { ExternalMusicProviderName } from '@dawg/contracts';
import { configuredMusicProviders, type GenerationProvidersEnv, type OpenAiEnv } from '@dawg/platform';
import { type LyricsWriter, OpenAiLyricsWriter } from './lyrics-writer';
import type { MusicProvider } from './music-provider';
import { MusicgenProvider } from './musicgen.provider';
import { SunoProvider } from './suno.provider';

/** Injection token: a `MusicProviderRegistry` of the configured external music providers (empty when none is). */
export const MUSIC_PROVIDER_REGISTRY = Symbol('MUSIC_PROVIDER_REGISTRY');
/** Injection token: the `LyricsWriter` when a model is configured, else `null` (lyrics come from the offline generator). */
export const LYRICS_WRITER = Symbol('LYRICS_WRITER');

export type MusicProviderRegistry = ReadonlyMap<ExternalMusicProviderName, MusicProvider>;

export interface ProvidersOptions {
  /** Sent to Replicate as User-Agent. */
  userAgent?: string;
}

/** The external music providers the environment turns on. */
export function musicProvidersFrom(env: GenerationProvidersEnv & OpenAiEnv, options: ProvidersOptions = {}): MusicProviderRegistry {
  const registry = new Map<ExternalMusicProviderName, MusicProvider>();
  for (const name of configuredMusicProviders(env)) {
    if (name === 'musicgen') {
      registry.set(name, new MusicgenProvider({ apiToken: env.REPLICATE_API_TOKEN!, baseUrl: env.REPLICATE_BASE_URL, model: env.REPLICATE_MUSICGEN_MODEL, timeoutMs: env.GENERATION_PROVIDER_TIMEOUT_MS, userAgent: options.userAgent }));
    } else {
      registry.set(name, new SunoProvider({ baseUrl: env.SUNO_API_URL!, apiKey: env.SUNO_API_KEY, timeoutMs: env.GENERATION_PROVIDER_TIMEOUT_MS }));
    }
  }
  return registry;
}

/** The lyrics writer the environment turns on, or null. */
export function lyricsWriterFrom(env: GenerationProvidersEnv & OpenAiEnv): LyricsWriter | null {
  if (!env.OPENAI_API_KEY) return null;
  return new OpenAiLyricsWriter({ apiKey: env.OPENAI_API_KEY, baseUrl: env.OPENAI_BASE_URL, model: env.GENERATION_LYRICS_MODEL, timeoutMs: env.GENERATION_PROVIDER_TIMEOUT_MS });
}

/**
 * The optional external generation providers (MusicGen on Replicate, a
 * Suno-compatible API, a chat model for lyrics), built from the
 * environment. Providers that are not configured are simply absent.
 */
@Module({})
export class GenerationProvidersModule {
  static forRoot(env: GenerationProvidersEnv & OpenAiEnv, options: ProvidersOptions = {}): DynamicModule {
    return {
      module: GenerationProvidersModule,
      providers: [
        { provide: MUSIC_PROVIDER_REGISTRY, useFactory: () => musicProvidersFrom(env, options) },
        { provide: LYRICS_WRITER, useFactory: () => lyricsWriterFrom(env) },
      ],
      exports: [MUSIC_PROVIDER_REGISTRY, LYRICS_WRITER],
    };
  }
}
