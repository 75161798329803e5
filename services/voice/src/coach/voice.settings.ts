/** Injection token for VoiceSettings. */
export const VOICE_SETTINGS = Symbol('VOICE_SETTINGS');

export interface VoiceSettings {
  /** The api's base URL; read at call time (in unified, this process's own address once listening). */
  apiUrl: () => string;
  maxTakeSeconds: number;
  maxTakesPerSocket: number;
}
