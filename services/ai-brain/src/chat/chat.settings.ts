/** Injection token for ChatSettings. */
export const CHAT_SETTINGS = Symbol('CHAT_SETTINGS');

export interface ChatSettings {
  /** The api's base URL; read at call time, since in unified it is this process's own address, known once listening. */
  apiUrl: () => string;
  maxToolRounds: number;
  historyMessages: number;
}
