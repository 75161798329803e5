import { randomBytes } from 'node:crypto';
import { ApiError, type Content, type FunctionDeclaration, type GenerateContentResponse, GoogleGenAI, type Part } from '@google/genai';
import {
  type ChatEvent,
  type ChatMessage,
  type ChatProvider,
  type ChatRequest,
  errorCodeForStatus,
  DEFAULT_MAX_OUTPUT_TOKENS,
  ProviderError,
  type StopReason,
  type ToolCall,
  truncate,
} from './provider';
import { StreamWatchdog } from './stream-watchdog';
import { TurnReplayCache } from './turn-replay-cache';

export interface GeminiProviderSettings {
  apiKey: string;
  /** The API root without a version; defaults to https://generativelanguage.googleapis.com. */
  baseUrl?: string;
  model: string;
  /** How long the API may stay silent before the request is abandoned as timed out. */
  idleTimeoutMs: number;
  /** Where tool-calling turns are kept for replay; one per provider by default. */
  replay?: TurnReplayCache<Part[]>;
}

/**
 * Google documents this placeholder for a function call whose thought
 * signature is not at hand (a turn written by another model, or one this
 * replica never saw); Gemini 3 refuses a current-turn call with none at all.
 */
export const PLACEHOLDER_THOUGHT_SIGNATURE = 'skip_thought_signature_validator';

/** Finish reasons for an answer withheld by the model's own checks, or a function call it could not form. */
const WITHHELD: ReadonlySet<string> = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'LANGUAGE', 'MALFORMED_FUNCTION_CALL', 'UNEXPECTED_TOOL_CALL']);

/**
 * Gemini through generateContent, streamed (`streamGenerateContent?alt=sse`).
 * Tools go out as `functionDeclarations` with their JSON Schema as
 * `parametersJsonSchema`; function calls arrive whole in a `functionCall`
 * part; results go back as `functionResponse` parts of a user turn. Thinking
 * tokens are billed as output, so they are counted as output.
 *
 * A turn that called functions is kept with its thought signatures and sent
 * back verbatim with the results, as Gemini 3 requires; when it is not at hand
 * it is rebuilt, with Google's placeholder signature on its first call.
 */
export class GeminiProvider implements ChatProvider {
  readonly name = 'gemini' as const;
  readonly model: string;
  private readonly client: GoogleGenAI;
  private readonly idleTimeoutMs: number;
  private readonly replay: TurnReplayCache<Part[]>;

  constructor(settings: GeminiProviderSettings) {
    this.model = settings.model;
    this.idleTimeoutMs = settings.idleTimeoutMs;
    this.replay = settings.replay ?? new TurnReplayCache();
    this.client = new GoogleGenAI({
      // The Gemini API, never Vertex (whatever GOOGLE_GENAI_USE_VERTEXAI says).
      vertexai: false,
      apiKey: settings.apiKey,
      // No retryOptions, so the SDK does not retry. Our own fetch: the SDK's default reaches for undici's
      // process-global dispatcher, which a sandboxed global (Jest's) does not have; the idle watchdog
      // bounds the request well inside undici's own 300 s limits either way.
      httpOptions: { ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}), fetch: (input, init) => fetch(input, init) },
    });
  }

  async *stream(request: ChatRequest): AsyncIterable<ChatEvent> {
    const watchdog = new StreamWatchdog(request.signal, this.idleTimeoutMs);
    let model = this.model;
    const usage = { inputTokens: 0, outputTokens: 0 };
    let finishReason: string | undefined;
    let answered = false;
    const turn: Part[] = [];
    const calls: ToolCall[] = [];
    const cancelled = (): ChatEvent => ({ type: 'done', model, usage: { ...usage }, stopReason: 'cancelled' });

    try {
      try {
        const chunks = await this.client.models.generateContentStream({
          model: this.model,
          contents: this.toContents(request.messages),
          config: {
            ...(request.system ? { systemInstruction: request.system } : {}),
            ...(request.tools.length > 0 ? { tools: [{ functionDeclarations: request.tools.map(toFunctionDeclaration) }] } : {}),
            maxOutputTokens: request.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS,
            abortSignal: watchdog.signal,
            // The SDK neither runs tools nor resumes streams on its own: the chat layer and the router do.
            automaticFunctionCalling: { disable: true },
            automaticContinuation: false,
          },
        });
        for await (const chunk of chunks as AsyncIterable<GenerateContentResponse>) {
          watchdog.touch();
          model = chunk.modelVersion || model;
          const u = chunk.usageMetadata;
          if (u) {
            usage.inputTokens = (u.promptTokenCount ?? 0) + (u.toolUsePromptTokenCount ?? 0);
            usage.outputTokens = (u.candidatesTokenCount ?? 0) + (u.thoughtsTokenCount ?? 0);
          }
          if (chunk.promptFeedback?.blockReason) {
            throw new ProviderError('gemini', 'bad_request', `the prompt was blocked (${chunk.promptFeedback.blockReason})`);
          }
          const candidate = chunk.candidates?.[0];
          if (!candidate) continue;
          for (const part of candidate.content?.parts ?? []) {
            keep(turn, part);
            if (part.thought) continue;
            if (part.text) {
              answered = true;
              yield { type: 'text', delta: part.text };
            }
            if (part.functionCall) {
              const call: ToolCall = { id: part.functionCall.id || `call_${randomBytes(6).toString('hex')}`, name: part.functionCall.name ?? '', arguments: part.functionCall.args ?? {} };
              // The kept part carries the id the chat layer will answer to.
              turn[turn.length - 1] = { ...turn.at(-1)!, functionCall: { ...part.functionCall, id: call.id } };
              calls.push(call);
              answered = true;
              yield { type: 'tool_call', call };
            }
          }
          finishReason = candidate.finishReason ?? finishReason;
        }
      } catch (err) {
        if (watchdog.cancelled) {
          watchdog.dispose();
          yield cancelled();
          return;
        }
        throw geminiError(err, watchdog);
      }
      if (watchdog.cancelled) {
        watchdog.dispose();
        yield cancelled();
        return;
      }
      if (watchdog.timedOut) throw geminiError(undefined, watchdog);
      if (finishReason === undefined) throw new ProviderError('gemini', 'network', 'the stream ended before a finishReason');
      // An empty answer stopped by the model's own checks: another provider may well answer it.
      if (!answered && WITHHELD.has(finishReason)) {
        throw new ProviderError('gemini', finishReason === 'MALFORMED_FUNCTION_CALL' || finishReason === 'UNEXPECTED_TOOL_CALL' ? 'bad_response' : 'bad_request', `no answer (finishReason ${finishReason})`);
      }
      if (calls.length > 0) this.replay.remember(calls.map((c) => c.id), turn);
      // Settled: a consumer that stops at `done` need not resume this generator to free the timer.
      watchdog.dispose();
      yield { type: 'done', model, usage, stopReason: stopReasonOf(finishReason, calls.length) };
    } finally {
      watchdog.dispose();
    }
  }

  /** The conversation as Gemini contents: consecutive tool results share one user turn of functionResponse parts. */
  private toContents(messages: ChatMessage[]): Content[] {
    const out: Content[] = [];
    let previousWasTool = false;
    for (const message of messages) {
      if (message.role === 'tool') {
        const part: Part = { functionResponse: { id: message.toolCallId, name: message.name, response: responseOf(message.content) } };
        if (previousWasTool) out.at(-1)!.parts!.push(part);
        else out.push({ role: 'user', parts: [part] });
      } else if (message.role === 'user') {
        if (message.content) out.push({ role: 'user', parts: [{ text: message.content }] });
      } else {
        const parts = this.modelParts(message);
        if (parts.length > 0) out.push({ role: 'model', parts });
      }
      previousWasTool = message.role === 'tool';
    }
    return out;
  }

  private modelParts(message: Extract<ChatMessage, { role: 'assistant' }>): Part[] {
    const calls = message.toolCalls ?? [];
    const kept = this.replay.recall(calls.map((c) => c.id));
    const keptText = kept?.map((p) => (p.text && !p.thought ? p.text : '')).join('');
    if (kept && keptText === message.content) return kept;
    const parts: Part[] = message.content ? [{ text: message.content }] : [];
    for (const [i, call] of calls.entries()) {
      parts.push({ functionCall: { id: call.id, name: call.name, args: call.arguments }, ...(i === 0 ? { thoughtSignature: PLACEHOLDER_THOUGHT_SIGNATURE } : {}) });
    }
    return parts;
  }
}

/** Adds a streamed part to the turn kept for replay, joining plain text pieces as the API would have sent them whole. */
function keep(turn: Part[], part: Part): void {
  const last = turn.at(-1);
  const plainText = (p: Part) => typeof p.text === 'string' && !p.thought && !p.functionCall;
  if (last && plainText(last) && plainText(part) && !part.thoughtSignature) last.text = (last.text ?? '') + part.text;
  else turn.push({ ...part });
}

function toFunctionDeclaration(tool: ChatRequest['tools'][number]): FunctionDeclaration {
  return { name: tool.name, description: tool.description, parametersJsonSchema: tool.parameters };
}

/** A tool's result as the object functionResponse.response must be: JSON objects as they are, anything else under `output`. */
function responseOf(content: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(content);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    return { output: parsed };
  } catch {
    return { output: content };
  }
}

function stopReasonOf(finishReason: string, calls: number): StopReason {
  if (calls > 0) return 'tool_calls';
  if (finishReason === 'MAX_TOKENS') return 'max_tokens';
  return 'end';
}

function geminiError(err: unknown, watchdog: StreamWatchdog): ProviderError {
  if (err instanceof ProviderError) return err;
  if (watchdog.timedOut) return new ProviderError('gemini', 'timeout', `no response within ${watchdog.idleMs} ms`, { cause: err });
  if (err instanceof ApiError) {
    // The SDK puts Google's whole error body, as JSON, in the message.
    let said = err.message;
    try {
      const body = JSON.parse(err.message) as { error?: { message?: string; status?: string } };
      said = [body.error?.status, body.error?.message].filter(Boolean).join(': ') || said;
    } catch {
      // A stream error chunk: "got status: …" followed by the body.
    }
    const code = /API_KEY_INVALID|API key not valid/.test(err.message) ? 'auth' : errorCodeForStatus(err.status);
    return new ProviderError('gemini', code, `HTTP ${err.status}: ${truncate(said)}`, { status: err.status, cause: err });
  }
  if (err instanceof Error && /exception parsing stream chunk|Incomplete JSON segment/.test(err.message)) {
    return new ProviderError('gemini', 'bad_response', `unreadable stream: ${truncate(err.message)}`, { cause: err });
  }
  return new ProviderError('gemini', 'network', err instanceof Error ? err.message : String(err), { cause: err });
}
