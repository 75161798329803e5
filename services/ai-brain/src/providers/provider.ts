import type { ChatMessage, ToolCall, ToolDefinition } from '@dawg/assistant';

// The chat shapes are @dawg/assistant's (pure, shared with the offline provider): one definition for every provider.
export type { ChatMessage, ToolCall, ToolDefinition };

/**
 * The one interface every LLM provider speaks: a streamed chat turn with tool
 * calls, whatever the vendor. Providers translate to and from their vendor's
 * wire format; nothing above them knows which vendor answered, except by name.
 */

export type ProviderName = 'anthropic' | 'openai' | 'gemini' | 'offline';

export interface ChatRequest {
  system: string;
  messages: ChatMessage[];
  tools: ToolDefinition[];
  maxOutputTokens?: number;
  signal?: AbortSignal;
}

export type StopReason = 'end' | 'tool_calls' | 'max_tokens' | 'cancelled';

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

export type ChatEvent =
  | { type: 'text'; delta: string }
  | { type: 'tool_call'; call: ToolCall }
  | { type: 'done'; model: string; usage: TokenUsage; stopReason: StopReason };

export interface ChatProvider {
  readonly name: ProviderName;
  readonly model: string;
  /**
   * One model turn. Text arrives as it is written; each tool call once its
   * arguments are complete; `done` last, with the usage the vendor reported.
   * An aborted `signal` ends the stream with `done` and stopReason
   * `cancelled`; any other failure is thrown as a ProviderError.
   */
  stream(request: ChatRequest): AsyncIterable<ChatEvent>;
}

/** Output budget when the request sets none; thinking models spend part of it before they answer. */
export const DEFAULT_MAX_OUTPUT_TOKENS = 8_192;

/**
 * Why a provider failed, stable across vendors:
 * - `overloaded`, `rate_limited`, `server_error`, `timeout`, `network`: the vendor's trouble, worth trying again later (retryable);
 * - `auth`: the key was refused; `not_found`: no such model; `bad_request`: the vendor refused what was sent;
 * - `bad_response`: the vendor answered something that cannot be read (e.g. tool arguments that are not JSON).
 */
export const PROVIDER_ERROR_CODES = ['overloaded', 'rate_limited', 'server_error', 'timeout', 'network', 'auth', 'not_found', 'bad_request', 'bad_response'] as const;
export type ProviderErrorCode = (typeof PROVIDER_ERROR_CODES)[number];
const RETRYABLE: ReadonlySet<ProviderErrorCode> = new Set(['overloaded', 'rate_limited', 'server_error', 'timeout', 'network']);

export class ProviderError extends Error {
  /** Whether the same request could succeed later (overload, 429, 5xx, timeout, network), as opposed to a refused key or request. */
  readonly retryable: boolean;
  /** The HTTP status the vendor answered with, when there was one (none for errors inside a stream, timeouts and network failures). */
  readonly status: number | undefined;

  constructor(
    readonly provider: ProviderName,
    readonly code: ProviderErrorCode,
    message: string,
    options: { status?: number; cause?: unknown } = {},
  ) {
    super(`${provider}: ${message}`, { cause: options.cause });
    this.name = 'ProviderError';
    this.status = options.status;
    this.retryable = RETRYABLE.has(code);
  }
}

/** The code for an HTTP status, the same for every vendor. */
export function errorCodeForStatus(status: number): ProviderErrorCode {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not_found';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate_limited';
  if (status === 529 || status === 503) return 'overloaded';
  if (status >= 500) return 'server_error';
  return 'bad_request';
}

export function truncate(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** Tool arguments as the model wrote them (JSON text); an empty text is no arguments. */
export function parseToolArguments(provider: ProviderName, name: string, json: string): Record<string, unknown> {
  if (json.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (err) {
    throw new ProviderError(provider, 'bad_response', `the arguments of tool call ${name} are not JSON: ${truncate(json, 120)}`, { cause: err });
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ProviderError(provider, 'bad_response', `the arguments of tool call ${name} are not a JSON object: ${truncate(json, 120)}`);
  }
  return parsed as Record<string, unknown>;
}
