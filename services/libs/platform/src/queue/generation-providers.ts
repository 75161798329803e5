import { z } from 'zod';
import type { ExternalMusicProviderName } from '@dawg/contracts';
import { envPart } from '../config/env';

/**
 * Meta's MusicGen on Replicate, pinned to a version: meta/musicgen is a
 * community model, so Replicate runs it only by version id, and a pin keeps
 * its inputs and sound from changing under us.
 */
export const DEFAULT_MUSICGEN_MODEL = 'meta/musicgen:671ac645ce5e552cc63a54a2bbff63fcf798043055d2dac5fc9e36a837eedcfb';
/** A small, fast model that follows strict JSON schemas and honours `seed`; any chat model with structured outputs works. */
export const DEFAULT_LYRICS_MODEL = 'gpt-4.1-mini';

const optionalSecret = (what: string) => z.string().trim().min(1).optional().describe(what);

/**
 * Optional external generation providers, read by the generation worker.
 * Each is off until its key (or URL) is set; with none set, everything is
 * composed by the built-in engine and lyrics by the offline generator.
 */
export const generationProvidersEnv = envPart(
  {
    REPLICATE_API_TOKEN: optionalSecret('a Replicate API token (r8_…); MusicGen generation is on when set'),
    REPLICATE_BASE_URL: z.url().default('https://api.replicate.com/v1').describe('the Replicate HTTP API base URL'),
    REPLICATE_MUSICGEN_MODEL: z
      .string()
      .regex(/^[\w.-]+\/[\w.-]+(:[0-9a-f]{64})?$/, 'must be owner/name or owner/name:<64-hex version id>')
      .default(DEFAULT_MUSICGEN_MODEL)
      .describe('the Replicate model MusicGen runs on, owner/name:version (it must take meta/musicgen inputs)'),
    SUNO_API_URL: z.url().optional().describe('the base URL of a Suno-compatible API (e.g. a self-hosted gcui-art/suno-api); Suno generation is on when set'),
    SUNO_API_KEY: optionalSecret('a bearer token for the Suno-compatible API, when it asks for one'),
    GENERATION_LYRICS_MODEL: z.string().trim().min(1).default(DEFAULT_LYRICS_MODEL).describe('the chat model that writes lyrics; it must support JSON-schema structured outputs'),
    GENERATION_PROVIDER_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .positive()
      .default(300_000)
      .describe('milliseconds one request to an external provider may take, polling included, before it is cancelled'),
  },
  (env, ctx) => {
    // A key without the service it is for is a mistake worth stopping for, not a silent no-op.
    if (env.SUNO_API_KEY !== undefined && env.SUNO_API_URL === undefined) {
      ctx.addIssue({ code: 'custom', path: ['SUNO_API_URL'], message: 'is required when SUNO_API_KEY is set' });
    }
  },
);
export type GenerationProvidersEnv = z.infer<z.ZodObject<typeof generationProvidersEnv.shape>>;

/** The external music providers this environment turns on, in a stable order. */
export function configuredMusicProviders(env: Pick<GenerationProvidersEnv, 'REPLICATE_API_TOKEN' | 'SUNO_API_URL'>): ExternalMusicProviderName[] {
  const providers: ExternalMusicProviderName[] = [];
  if (env.REPLICATE_API_TOKEN) providers.push('musicgen');
  if (env.SUNO_API_URL) providers.push('suno');
  return providers;
}
