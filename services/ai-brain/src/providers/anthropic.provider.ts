import Anthropic, { APIConnectionError, APIConnectionTimeoutError, APIError } from '@anthropic-ai/sdk';
import type { ContentBlockParam, MessageParam, RawMessageStreamEvent, Tool } from '@anthropic-ai/sdk/resources/messages';
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
  type ToolCall,
  truncate,
} from './provider';
import { StreamWatchdog } from './stream-watchdog';
import { TurnReplayCache } from './turn-replay-cache';

export interface AnthropicProviderSettings {
  apiKey: string;
  /** Defaults to https://api.anthropic.com. */
  baseUrl?: string;
  model: string;
  /** How long the API may stay silent before the request is abandoned as timed out. */
  idleTimeoutMs: number;
  /** Where tool-calling turns are kept for replay; one per provider by default. */
  replay?: TurnReplayCache<ContentBlockParam[]>;
}

/** Anthropic's error `type`s, for errors that arrive inside a stream (no HTTP status). */
const CODE_FOR_TYPE: Record<string, ProviderErrorCode> = {
  overloaded_error: 'overloaded',
  rate_limit_error: 'rate_limited',
  api_error: 'server_error',
  timeout_error: 'timeout',
  authentication_error: 'auth',
  permission_error: 'auth',
  billing_error: 'auth',
  not_found_error: 'not_found',
  invalid_request_error: 'bad_request',
  request_too_large: 'bad_request',
};

/** One content block as it streams in. */
interface OpenBlock {
  type: string;
  text: string;
  json: string;
  id: string;
  name: string;
  thinking: string;
  signature: string;
  data: string;
  input: unknown;
}

/**
 * Claude through the Messages API, streamed. Tools go out as `tools` with
 * their JSON Schema as `input_schema`; tool calls come back as `tool_use`
 * blocks whose input streams as `input_json_delta` fragments; tool results go
 * back as `tool_result` blocks in the next user message.
 *
 * A turn that called tools is kept (thinking blocks and all) and sent back
 * verbatim with the results: current models bind their thinking to the
 * conversation and expect it back during a tool loop. When the turn is not at
 * hand (another replica answered it), it is rebuilt from text and tool calls,
 * without thinking.
 */
export class AnthropicProvider implements ChatProvider {
  readonly name = 'anthropic' as const;
  readonly model: string;
  private readonly client: Anthropic;
  private readonly idleTimeoutMs: number;
  private readonly replay: TurnReplayCache<ContentBlockParam[]>;

  constructor(settings: AnthropicProviderSettings) {
    this.model = settings.model;
    this.idleTimeoutMs = settings.idleTimeoutMs;
    this.replay = settings.replay ?? new TurnReplayCache();
    // No retries here: the router falls back to another provider instead of waiting on this one.
    this.client = new Anthropic({ apiKey: settings.apiKey, baseURL: settings.baseUrl ?? 'https://api.anthropic.com', maxRetries: 0 });
  }

  async *stream(request: ChatRequest): AsyncIterable<ChatEvent> {
    const watchdog = new StreamWatchdog(request.signal, this.idleTimeoutMs);
    let model = this.model;
    const usage = { inputTokens: 0, outputTokens: 0 };
    let stopReason: string | null = null;
    let finished = false;
    const open = new Map<number, OpenBlock>();
    const turn: ContentBlockParam[] = [];
    const calls: ToolCall[] = [];
    const cancelled = (): ChatEvent => ({ type: 'done', model, usage: { ...usage }, stopReason: 'cancelled' });

    try {
      try {
        const events = await this.client.messages.create(
          {
            model: this.model,
            max_tokens: request.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS,
            ...(request.system ? { system: request.system } : {}),
            messages: this.toMessages(request.messages),
            ...(request.tools.length > 0 ? { tools: request.tools.map(toTool) } : {}),
            stream: true,
          },
          { signal: watchdog.signal },
        );
        for await (const event of events as AsyncIterable<RawMessageStreamEvent>) {
          watchdog.touch();
          switch (event.type) {
            case 'message_start': {
              model = event.message.model || model;
              const u = event.message.usage;
              usage.inputTokens = u.input_tokens + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0);
              usage.outputTokens = u.output_tokens;
              break;
            }
            case 'content_block_start': {
              const block = event.content_block as { type: string; text?: string; id?: string; name?: string; input?: unknown; thinking?: string; signature?: string; data?: string };
              open.set(event.index, {
                type: block.type,
                text: block.text ?? '',
                json: '',
                id: block.id ?? '',
                name: block.name ?? '',
                thinking: block.thinking ?? '',
                signature: block.signature ?? '',
                data: block.data ?? '',
                input: block.input,
              });
              if (block.type === 'text' && block.text) yield { type: 'text', delta: block.text };
              break;
            }
            case 'content_block_delta': {
              const block = open.get(event.index);
              if (!block) break;
              const delta = event.delta;
              if (delta.type === 'text_delta') {
                block.text += delta.text;
                if (delta.text) yield { type: 'text', delta: delta.text };
              } else if (delta.type === 'input_json_delta') block.json += delta.partial_json;
              else if (delta.type === 'thinking_delta') block.thinking += delta.thinking;
              else if (delta.type === 'signature_delta') block.signature = delta.signature;
              break;
            }
            case 'content_block_stop': {
              const block = open.get(event.index);
              open.delete(event.index);
              if (!block) break;
              const done = finishBlock(block);
              if (done) turn.push(done);
              if (block.type === 'tool_use' && done?.type === 'tool_use') {
                const call: ToolCall = { id: block.id, name: block.name, arguments: done.input as Record<string, unknown> };
                calls.push(call);
                yield { type: 'tool_call', call };
              }
              break;
            }
            case 'message_delta': {
              stopReason = event.delta.stop_reason ?? stopReason;
              const u = event.usage;
              if (u.input_tokens != null) usage.inputTokens = u.input_tokens + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0);
              usage.outputTokens = u.output_tokens;
              break;
            }
            case 'message_stop':
              finished = true;
              break;
          }
        }
      } catch (err) {
        if (watchdog.cancelled) {
          watchdog.dispose();
          yield cancelled();
          return;
        }
        throw anthropicError(err, watchdog);
      }
      // The SDK ends a stream quietly when its signal aborts.
      if (watchdog.cancelled) {
        watchdog.dispose();
        yield cancelled();
        return;
      }
      if (watchdog.timedOut) throw anthropicError(undefined, watchdog);
      if (!finished) throw new ProviderError('anthropic', 'network', 'the stream ended before message_stop');
      if (calls.length > 0) this.replay.remember(calls.map((c) => c.id), turn);
      // Settled: a consumer that stops at `done` need not resume this generator to free the timer.
      watchdog.dispose();
      yield { type: 'done', model, usage, stopReason: stopReasonOf(stopReason) };
    } finally {
      watchdog.dispose();
    }
  }

  /** The conversation as Messages API turns: tool results (and any user text after them) share one user message, results first. */
  private toMessages(messages: ChatMessage[]): MessageParam[] {
    const out: Array<{ role: 'user' | 'assistant'; content: ContentBlockParam[] }> = [];
    const append = (role: 'user' | 'assistant', blocks: ContentBlockParam[]) => {
      if (blocks.length === 0) return;
      const last = out.at(-1);
      if (last?.role === role) {
        last.content.push(...blocks);
        // The API wants a turn's tool results before anything else in the user message.
        if (role === 'user') last.content.sort((a, b) => Number(b.type === 'tool_result') - Number(a.type === 'tool_result'));
      } else out.push({ role, content: [...blocks] });
    };
    for (const message of messages) {
      if (message.role === 'user') append('user', message.content ? [{ type: 'text', text: message.content }] : []);
      else if (message.role === 'tool') append('user', [{ type: 'tool_result', tool_use_id: message.toolCallId, content: message.content }]);
      else append('assistant', this.assistantBlocks(message));
    }
    return out;
  }

  private assistantBlocks(message: Extract<ChatMessage, { role: 'assistant' }>): ContentBlockParam[] {
    const calls = message.toolCalls ?? [];
    const kept = this.replay.recall(calls.map((c) => c.id));
    const keptText = kept?.map((b) => (b.type === 'text' ? b.text : '')).join('');
    if (kept && keptText === message.content) return kept;
    const blocks: ContentBlockParam[] = [];
    if (message.content) blocks.push({ type: 'text', text: message.content });
    for (const call of calls) blocks.push({ type: 'tool_use', id: call.id, name: call.name, input: call.arguments });
    return blocks;
  }
}

function toTool(tool: ChatRequest['tools'][number]): Tool {
  return { name: tool.name, description: tool.description, input_schema: { ...tool.parameters, type: 'object' } as Tool.InputSchema };
}

/** A finished block as it is sent back in a later request (and, for tool_use, with its parsed input). */
function finishBlock(block: OpenBlock): ContentBlockParam | undefined {
  switch (block.type) {
    case 'text':
      return block.text ? { type: 'text', text: block.text } : undefined;
    case 'tool_use': {
      const json = block.json || (block.input && Object.keys(block.input).length > 0 ? JSON.stringify(block.input) : '');
      return { type: 'tool_use', id: block.id, name: block.name, input: parseToolArguments('anthropic', block.name, json) };
    }
    case 'thinking':
      return { type: 'thinking', thinking: block.thinking, signature: block.signature };
    case 'redacted_thinking':
      return { type: 'redacted_thinking', data: block.data };
    default:
      return undefined;
  }
}

function stopReasonOf(reason: string | null): StopReason {
  if (reason === 'tool_use') return 'tool_calls';
  if (reason === 'max_tokens' || reason === 'model_context_window_exceeded') return 'max_tokens';
  return 'end';
}

function anthropicError(err: unknown, watchdog: StreamWatchdog): ProviderError {
  if (err instanceof ProviderError) return err;
  if (watchdog.timedOut) return new ProviderError('anthropic', 'timeout', `no response within ${watchdog.idleMs} ms`, { cause: err });
  if (err instanceof APIConnectionTimeoutError) return new ProviderError('anthropic', 'timeout', 'the request timed out', { cause: err });
  if (err instanceof APIConnectionError) return new ProviderError('anthropic', 'network', `could not reach the API: ${err.message}`, { cause: err });
  if (err instanceof APIError) {
    const said = truncate(err.apiMessage ?? err.message);
    if (err.status !== undefined) return new ProviderError('anthropic', errorCodeForStatus(err.status), `HTTP ${err.status} ${err.type ?? ''}: ${said}`.replace(' :', ':'), { status: err.status, cause: err });
    // An error event inside the stream: the HTTP status was already 200.
    const code = (err.type && CODE_FOR_TYPE[err.type]) ?? 'server_error';
    return new ProviderError('anthropic', code, `${err.type ?? 'error'} in the stream: ${said}`, { cause: err });
  }
  if (err instanceof SyntaxError) return new ProviderError('anthropic', 'bad_response', `unreadable stream: ${err.message}`, { cause: err });
  return new ProviderError('anthropic', 'network', err instanceof Error ? err.message : String(err), { cause: err });
}
