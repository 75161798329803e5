import type { ExternalMusicProviderName } from '@dawg/contracts';

/** What the worker asks an external music model for. */
export interface MusicRequest {
  /** A text description of the music, e.g. from `musicPrompt`. */
  prompt: string;
  /** The length wanted; a provider may cap it (MusicGen) or choose its own (Suno). */
  durationSeconds: number;
  seed: number;
}

/** Audio as the provider made it: not decoded, not resampled, not mastered. */
export interface GeneratedAudio {
  bytes: Uint8Array;
  /** e.g. `audio/wav`, `audio/mpeg`. */
  contentType: string;
  provider: ExternalMusicProviderName;
  /** The model that made it, e.g. `meta/musicgen:671ac645…`, `chirp-v3-5`. */
  model: string;
  /** The provider's id for this generation (a Replicate prediction id, a Suno clip id), for support requests. */
  externalId: string;
  /**
   * The length the provider was asked for after capping (MusicGen) or
   * reported (Suno), when known; the decoded audio is the authority.
   */
  durationSeconds?: number;
}

export interface MusicProvider {
  readonly name: ExternalMusicProviderName;
  /**
   * Resolves with the audio, or rejects with a GenerationProviderError. When
   * `signal` aborts, the provider's job is cancelled where the API allows it
   * and the promise rejects with `signal.reason`.
   */
  generate(req: MusicRequest, signal: AbortSignal): Promise<GeneratedAudio>;
}
