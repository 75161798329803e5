import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import type { ChatCompletionChunk, ChatCompletionFunctionTool, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import {
  type ChatEvent,
  type ChatMessage,
  type ChatProvider,
  type ChatRequest,
  errorCodeForStatus,
  DEFAULT_MAX_OUTPUT_TOKENS,
  parseToolArguments,
  ProviderError,
  type ProviderErrorCode,
  type StopReason,
  truncate,
} from './provider';
import { StreamWatchdog } from './stream-watchdog';

export interface OpenAIProviderSettings {
  apiKey: string;
  /** Defaults to https://api.openai.com/v1; any OpenAI-compatible chat API works. */
  baseUrl?: string;
  model: string;
  /** How long the API may stay silent before the request is abandoned as timed out. */
  idleTimeoutMs: number;
}

/** OpenAI's error `type`s, for errors that arrive inside a stream (no HTTP status). */
const CODE_FOR_TYPE: Record<string, ProviderErrorCode> = {
  server_error: 'server_error',
  rate_limit_exceeded: 'rate_limited',
  requests: 'rate_limited',
  tokens: 'rate_limited',
  invalid_request_error: 'bad_request',
};

/**
 * A GPT model through Chat Completions, streamed with
 * `stream_options.include_usage` so the last chunk carries the usage. Tools
 * go out as `function` tools; a call's arguments stream as fragments under
 * `delta.tool_calls[index]` and are handed on once the choice finishes; tool
 * results go back as `role: 'tool'` messages. Reasoning stays on OpenAI's side
 * in this API, so nothing needs replaying.
 */
export class OpenAIProvider implements ChatProvider {
  readonly name = 'openai' as const;
  readonly model: string;
  private readonly client: OpenAI;
  private readonly idleTimeoutMs: number;

  constructor(settings: OpenAIProviderSettings) {
    this.model = settings.model;
    this.idleTimeoutMs = settings.idleTimeoutMs;
    // No retries here: the router falls back to another provider instead of waiting on this one.
    this.client = new OpenAI({ apiKey: settings.apiKey, baseURL: settings.baseUrl ?? 'https://api.openai.com/v1', maxRetries: 0 });
  }

  async *stream(request: ChatRequest): AsyncIterable<ChatEvent> {
    const watchdog = new StreamWatchdog(request.signal, this.idleTimeoutMs);
    let model = this.model;
    const usage = { inputTokens: 0, outputTokens: 0 };
    let finishReason: string | null = null;
    // Tool calls by their index in the choice, assembled from fragments.
    const calls = new Map<number, { id: string; name: string; json: string }>();
    const cancelled = (): ChatEvent => ({ type: 'done', model, usage: { ...usage }, stopReason: 'cancelled' });

    try {
      try {
        const chunks = await this.client.chat.completions.create(
          {
            model: this.model,
            messages: toMessages(request.system, request.messages),
            ...(request.tools.length > 0 ? { tools: request.tools.map(toTool) } : {}),
            max_completion_tokens: request.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS,
            stream: true,
            stream_options: { include_usage: true },
          },
          { signal: watchdog.signal },
        );
        for await (const chunk of chunks as AsyncIterable<ChatCompletionChunk>) {
          watchdog.touch();
          model = chunk.model || model;
          if (chunk.usage) usage.inputTokens = chunk.usage.prompt_tokens;
          if (chunk.usage) usage.outputTokens = chunk.usage.completion_tokens;
          const choice = chunk.choices[0];
          if (!choice) continue;
          if (choice.delta.content) yield { type: 'text', delta: choice.delta.content };
          // A refusal is the model's answer to the user, in a field of its own.
          if (choice.delta.refusal) yield { type: 'text', delta: choice.delta.refusal };
          for (const fragment of choice.delta.tool_calls ?? []) {
            const call = calls.get(fragment.index) ?? { id: '', name: '', json: '' };
            call.id = fragment.id || call.id;
            call.name += fragment.function?.name ?? '';
            call.json += fragment.function?.arguments ?? '';
            calls.set(fragment.index, call);
          }
          if (choice.finish_reason) {
            finishReason = choice.finish_reason;
            // The calls are complete once the choice finishes; the usage chunk may still follow.
            for (const event of finishedCalls(calls)) yield event;
          }
        }
      } catch (err) {
        if (watchdog.cancelled) {
          watchdog.dispose();
          yield cancelled();
          return;
        }
        throw openAIError(err, watchdog);
      }
      // The SDK ends a stream quietly when its signal aborts.
      if (watchdog.cancelled) {
        watchdog.dispose();
        yield cancelled();
        return;
      }
      if (watchdog.timedOut) throw openAIError(undefined, watchdog);
      if (finishReason === null) throw new ProviderError('openai', 'network', 'the stream ended before the choice finished');
      // Settled: a consumer that stops at `done` need not resume this generator to free the timer.
      watchdog.dispose();
      yield { type: 'done', model, usage, stopReason: stopReasonOf(finishReason) };
    } finally {
      watchdog.dispose();
    }
  }
}

function* finishedCalls(calls: Map<number, { id: string; name: string; json: string }>): Generator<ChatEvent> {
  for (const index of [...calls.keys()].sort((a, b) => a - b)) {
    const call = calls.get(index)!;
    calls.delete(index);
    yield { type: 'tool_call', call: { id: call.id || `call_${index}`, name: call.name, arguments: parseToolArguments('openai', call.name, call.json) } };
  }
}

function toMessages(system: string, messages: ChatMessage[]): ChatCompletionMessageParam[] {
  const out: ChatCompletionMessageParam[] = system ? [{ role: 'system', content: system }] : [];
  for (const message of messages) {
    if (message.role === 'user') out.push({ role: 'user', content: message.content });
    else if (message.role === 'tool') out.push({ role: 'tool', tool_call_id: message.toolCallId, content: message.content });
    else {
      const calls = message.toolCalls ?? [];
      out.push({
        role: 'assistant',
        content: message.content || null,
        ...(calls.length > 0 ? { tool_calls: calls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: JSON.stringify(c.arguments) } })) } : {}),
      });
    }
  }
  return out;
}

function toTool(tool: ChatRequest['tools'][number]): ChatCompletionFunctionTool {
  return { type: 'function', function: { name: tool.name, description: tool.description, parameters: tool.parameters } };
}

function stopReasonOf(reason: string): StopReason {
  if (reason === 'tool_calls' || reason === 'function_call') return 'tool_calls';
  if (reason === 'length') return 'max_tokens';
  return 'end';
}

function openAIError(err: unknown, watchdog: StreamWatchdog): ProviderError {
  if (err instanceof ProviderError) return err;
  if (watchdog.timedOut) return new ProviderError('openai', 'timeout', `no response within ${watchdog.idleMs} ms`, { cause: err });
  if (err instanceof APIConnectionTimeoutError) return new ProviderError('openai', 'timeout', 'the request timed out', { cause: err });
  if (err instanceof APIConnectionError) return new ProviderError('openai', 'network', `could not reach the API: ${err.message}`, { cause: err });
  if (err instanceof APIError) {
    const body = err.error as { message?: unknown; type?: unknown } | undefined;
    const said = truncate(typeof body?.message === 'string' ? body.message : err.message);
    if (err.status !== undefined) return new ProviderError('openai', errorCodeForStatus(err.status), `HTTP ${err.status}: ${said}`, { status: err.status, cause: err });
    // An error payload inside the stream: the HTTP status was already 200.
    const type = typeof body?.type === 'string' ? body.type : (err.code ?? '');
    return new ProviderError('openai', CODE_FOR_TYPE[type] ?? 'server_error', `${type || 'error'} in the stream: ${said}`, { cause: err });
  }
  if (err instanceof SyntaxError) return new ProviderError('openai', 'bad_response', `unreadable stream: ${err.message}`, { cause: err });
  return new ProviderError('openai', 'network', err instanceof Error ? err.message : String(err), { cause: err });
}
