/** Injection token for VoiceSettings. */
export const VOICE_SETTINGS = Symbol('VOICE_SETTINGS');

export interface VoiceSettings {
  /** The api's base URL; read at call time (in unified, this process's own address once listening). */
  apiUrl: () => string;
  /** ai-brain's base URL, for voice commands. */
  aiUrl: () => string;
  /** The transcription model, when OPENAI_API_KEY is set. */
  transcription: { apiKey: string; baseUrl?: string; model: string } | null;
  maxTakeSeconds: number;
  maxTakesPerSocket: number;
}
