import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { readJsonBody, vendorId, waitForRequest } from './fake-vendor';

export interface AnthropicRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (`model`, `max_tokens`, `system`, `messages`, `tools`, `stream`, …). */
  body: Record<string, unknown>;
}

export interface ScriptedAnthropicToolCall {
  name: string;
  /** The tool input; an object is sent as its JSON. */
  input: string | Record<string, unknown>;
  /** Defaults to a fresh `toolu_…` id. */
  id?: string;
  /** How the input JSON is cut into `input_json_delta` fragments; in pieces of about 8 characters when unset. */
  fragments?: string[];
}

/**
 * One scripted answer to POST /v1/messages: a turn (optional `thinking`,
 * then `text`, then `toolCalls`), an HTTP failure (`error`), or a failure
 * inside an already started stream (`streamError`). Answered as server-sent
 * events when the request asks for `stream: true`, else as one Message.
 */
export interface ScriptedAnthropicTurn {
  text?: string;
  /** How the text is cut into `text_delta` events; by words when unset. */
  chunks?: string[];
  /** A thinking block before the answer, with a `signature` (fresh when unset). */
  thinking?: string;
  signature?: string;
  toolCalls?: ScriptedAnthropicToolCall[];
  /** Defaults to `tool_use` when there are tool calls, else `end_turn`. */
  stopReason?: 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'pause_turn' | 'refusal';
  /** Token counts; estimated (4 characters a token) where left out. */
  usage?: { inputTokens?: number; outputTokens?: number };
  /** An HTTP error with Anthropic's body `{type: 'error', error: {type, message}}`; 529 is `overloaded_error`. */
  error?: { status: number; type?: string; message?: string; retryAfterSeconds?: number };
  /** An `event: error` sent after this many events of a started stream (message_start is the first), ending it. */
  streamError?: { type: string; message?: string; afterEvents?: number };
  /** A pause before the answer starts. */
  delayMs?: number;
  /** A pause between streamed events. */
  chunkDelayMs?: number;
}

export interface FakeAnthropicOptions {
  /** The key the fake accepts, as `x-api-key` or `Authorization: Bearer`. */
  apiKey?: string;
}

export interface FakeAnthropic {
  /** The API base URL, for `new Anthropic({ baseURL })`: `http://127.0.0.1:<port>`. */
  url: string;
  apiKey: string;
  /** Every request received, oldest first. */
  requests: AnthropicRequest[];
  /** Queues answers to the next messages requests, in order; a function is called with the request to make its answer. */
  reply(...turns: Array<ScriptedAnthropicTurn | ((req: AnthropicRequest) => ScriptedAnthropicTurn)>): void;
  /** Scripted answers not yet used. */
  pending(): number;
  waitFor(match: (req: AnthropicRequest) => boolean, timeoutMs?: number): Promise<AnthropicRequest>;
  close(): Promise<void>;
}

const ERROR_TYPES: Record<number, { type: string; message: string }> = {
  400: { type: 'invalid_request_error', message: 'Invalid request.' },
  401: { type: 'authentication_error', message: 'invalid x-api-key' },
  403: { type: 'permission_error', message: 'Your API key does not have permission to use the specified resource.' },
  404: { type: 'not_found_error', message: 'The requested resource could not be found.' },
  413: { type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' },
  429: { type: 'rate_limit_error', message: 'Number of request tokens has exceeded your per-minute rate limit.' },
  500: { type: 'api_error', message: 'Internal server error' },
  503: { type: 'api_error', message: 'Service unavailable' },
  529: { type: 'overloaded_error', message: 'Overloaded' },
};

/**
 * A local stand-in for Anthropic's Messages API, for the real
 * `@anthropic-ai/sdk`: key auth, POST /v1/messages answered from a queue of
 * scripted turns, streamed as the API streams them (`message_start`,
 * `content_block_start`/`_delta`/`_stop` with `text_delta`,
 * `input_json_delta`, `thinking_delta` and `signature_delta`, `ping`,
 * `message_delta` with the stop reason and usage, `message_stop`), with
 * Anthropic-shaped errors over HTTP (e.g. 529 `overloaded_error`) or inside
 * the stream. Requests are checked where the API would refuse them and a
 * mistake would otherwise pass: model, max_tokens and messages are required,
 * tools need an object `input_schema`, every `tool_use` must be answered by a
 * `tool_result` at the start of the next user message, and no result may
 * answer an unknown call.
 */
export async function startFakeAnthropic(options: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
  const apiKey = options.apiKey ?? 'sk-ant-fake-anthropic-key';
  const requests: AnthropicRequest[] = [];
  const turns: Array<ScriptedAnthropicTurn | ((req: AnthropicRequest) => ScriptedAnthropicTurn)> = [];
  const waiters = new Set<() => void>();

  const answer = async (req: AnthropicRequest, res: ServerResponse) => {
    const presented = req.headers['x-api-key'] ?? String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (presented !== apiKey) return sendError(res, { status: 401 });
    if (req.method !== 'POST' || req.path !== '/v1/messages') return sendError(res, { status: 404, message: `Not Found: ${req.method} ${req.path}` });
    if (!req.headers['anthropic-version']) return sendError(res, { status: 400, message: 'anthropic-version: header is required' });
    const invalid = requestProblem(req.body);
    if (invalid) return sendError(res, { status: 400, message: invalid });
    const next = turns.shift();
    if (!next) return sendError(res, { status: 400, message: 'fake-anthropic: no scripted turn left for this request' });
    const turn = typeof next === 'function' ? next(req) : next;
    if (turn.delayMs) await sleep(turn.delayMs);
    if (turn.error) return sendError(res, turn.error);
    if (req.body.stream === true) return stream(req, turn, res);
    return sendJson(res, 200, message(req, turn));
  };

  const server: Server = createServer((req, res) => {
    void readJsonBody(req).then(async (body) => {
      const received: AnthropicRequest = {
        method: req.method ?? '',
        path: new URL(req.url ?? '/', 'http://anthropic.local').pathname,
        headers: req.headers,
        body: body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {},
      };
      requests.push(received);
      for (const wake of [...waiters]) wake();
      await answer(received, res).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    reply: (...more) => void turns.push(...more),
    pending: () => turns.length,
    waitFor: (match, timeoutMs = 10_000) => waitForRequest(requests, waiters, match, timeoutMs),
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

type Block =
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'text'; text: string; chunks: string[] }
  | { type: 'tool_use'; id: string; name: string; json: string; fragments: string[] };

function blocksOf(turn: ScriptedAnthropicTurn): Block[] {
  const blocks: Block[] = [];
  if (turn.thinking !== undefined) blocks.push({ type: 'thinking', thinking: turn.thinking, signature: turn.signature ?? `sig_${vendorId(48)}` });
  if (turn.text) blocks.push({ type: 'text', text: turn.text, chunks: turn.chunks ?? turn.text.match(/\S+\s*|\s+/g) ?? [] });
  for (const call of turn.toolCalls ?? []) {
    const json = typeof call.input === 'string' ? call.input : JSON.stringify(call.input);
    blocks.push({ type: 'tool_use', id: call.id ?? `toolu_${vendorId(24)}`, name: call.name, json, fragments: call.fragments ?? (json.match(/[\s\S]{1,8}/g) ?? []) });
  }
  return blocks;
}

function usageOf(req: AnthropicRequest, turn: ScriptedAnthropicTurn, blocks: Block[]) {
  const written = blocks.map((b) => (b.type === 'text' ? b.text : b.type === 'thinking' ? b.thinking : b.name + b.json)).join('');
  return {
    input_tokens: turn.usage?.inputTokens ?? Math.ceil(JSON.stringify([req.body.system ?? '', req.body.messages ?? [], req.body.tools ?? []]).length / 4),
    output_tokens: turn.usage?.outputTokens ?? Math.max(1, Math.ceil(written.length / 4)),
  };
}

const stopReasonOf = (turn: ScriptedAnthropicTurn) => turn.stopReason ?? (turn.toolCalls?.length ? 'tool_use' : 'end_turn');

function finalBlock(block: Block): Record<string, unknown> {
  if (block.type === 'thinking') return { type: 'thinking', thinking: block.thinking, signature: block.signature };
  if (block.type === 'text') return { type: 'text', text: block.text, citations: null };
  return { type: 'tool_use', id: block.id, name: block.name, input: block.json ? (JSON.parse(block.json) as unknown) : {}, caller: { type: 'direct' } };
}

function envelope(req: AnthropicRequest) {
  return { id: `msg_${vendorId(24)}`, type: 'message', role: 'assistant', model: String(req.body.model), stop_sequence: null, stop_details: null, container: null, diagnostics: null };
}

function fullUsage(usage: { input_tokens: number; output_tokens: number }) {
  return { ...usage, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, cache_creation: null, inference_geo: null, output_tokens_details: null, server_tool_use: null, service_tier: 'standard', speed: null };
}

function message(req: AnthropicRequest, turn: ScriptedAnthropicTurn) {
  const blocks = blocksOf(turn);
  return { ...envelope(req), content: blocks.map(finalBlock), stop_reason: stopReasonOf(turn), usage: fullUsage(usageOf(req, turn, blocks)) };
}

/** The turn as the API streams it. */
async function stream(req: AnthropicRequest, turn: ScriptedAnthropicTurn, res: ServerResponse) {
  const blocks = blocksOf(turn);
  const usage = usageOf(req, turn, blocks);
  const events: Array<[string, Record<string, unknown>]> = [
    ['message_start', { type: 'message_start', message: { ...envelope(req), content: [], stop_reason: null, usage: fullUsage({ input_tokens: usage.input_tokens, output_tokens: 1 }) } }],
  ];
  for (const [index, block] of blocks.entries()) {
    if (block.type === 'thinking') {
      events.push(['content_block_start', { type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } }]);
      events.push(['content_block_delta', { type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: block.thinking } }]);
      events.push(['content_block_delta', { type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: block.signature } }]);
    } else if (block.type === 'text') {
      events.push(['content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '', citations: null } }]);
      if (index === 0) events.push(['ping', { type: 'ping' }]);
      for (const text of block.chunks) events.push(['content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text } }]);
    } else {
      events.push(['content_block_start', { type: 'content_block_start', index, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {}, caller: { type: 'direct' } } }]);
      // The API opens a tool's input with an empty fragment.
      for (const partial_json of ['', ...block.fragments]) events.push(['content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } }]);
    }
    events.push(['content_block_stop', { type: 'content_block_stop', index }]);
  }
  events.push(['message_delta', { type: 'message_delta', delta: { stop_reason: stopReasonOf(turn), stop_sequence: null, stop_details: null, container: null }, usage: { output_tokens: usage.output_tokens } }]);
  events.push(['message_stop', { type: 'message_stop' }]);
  if (turn.streamError) {
    const cut = Math.max(1, turn.streamError.afterEvents ?? 1);
    events.splice(cut, events.length, ['error', { type: 'error', error: { type: turn.streamError.type, message: turn.streamError.message ?? ERROR_TYPES[529]!.message } }]);
  }

  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'request-id': `req_${vendorId(24)}` });
  for (const [name, data] of events) {
    if (res.destroyed) return;
    res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
    if (turn.chunkDelayMs) await sleep(turn.chunkDelayMs);
  }
  res.end();
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${vendorId(24)}`, ...headers }).end(JSON.stringify(body));
}

function sendError(res: ServerResponse, error: NonNullable<ScriptedAnthropicTurn['error']>) {
  const preset = ERROR_TYPES[error.status] ?? { type: error.status >= 500 ? 'api_error' : 'invalid_request_error', message: `HTTP ${error.status}` };
  const requestId = `req_${vendorId(24)}`;
  const body = { type: 'error', error: { type: error.type ?? preset.type, message: error.message ?? preset.message }, request_id: requestId };
  sendJson(res, error.status, body, { 'request-id': requestId, ...(error.retryAfterSeconds !== undefined ? { 'retry-after': String(error.retryAfterSeconds) } : {}) });
}

type Content = Array<{ type?: unknown; id?: unknown; tool_use_id?: unknown }>;

/** What the real API would refuse with a 400, or undefined. */
function requestProblem(body: Record<string, unknown>): string | undefined {
  if (typeof body.model !== 'string' || body.model === '') return 'model: Field required';
  if (!Number.isInteger(body.max_tokens) || (body.max_tokens as number) < 1) return 'max_tokens: Field required (a positive integer)';
  if (!Array.isArray(body.messages) || body.messages.length === 0) return 'messages: at least one message is required';
  for (const [i, tool] of (Array.isArray(body.tools) ? body.tools : []).entries()) {
    const t = tool as { name?: unknown; input_schema?: { type?: unknown } };
    if (typeof t.name !== 'string' || !/^[a-zA-Z0-9_-]{1,128}$/.test(t.name)) return `tools.${i}.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`;
    if (t.input_schema?.type !== 'object') return `tools.${i}.custom.input_schema.type: Input should be 'object'`;
  }
  const messages = body.messages as Array<{ role?: unknown; content?: unknown }>;
  for (const [i, m] of messages.entries()) {
    if (m.role !== 'user' && m.role !== 'assistant') return `messages.${i}.role: Input should be 'user' or 'assistant'`;
    const content: Content = typeof m.content === 'string' ? [{ type: 'text' }] : Array.isArray(m.content) ? (m.content as Content) : [];
    if (content.length === 0) return `messages.${i}: all messages must have non-empty content except for the optional final assistant message`;
    const previous = messages[i - 1];
    const calls = previous?.role === 'assistant' && Array.isArray(previous.content) ? (previous.content as Content).filter((b) => b.type === 'tool_use').map((b) => b.id) : [];
    const results = content.filter((b) => b.type === 'tool_result').map((b) => b.tool_use_id);
    if (m.role === 'user') {
      const missing = calls.filter((id) => !results.includes(id));
      if (missing.length > 0) return `messages.${i}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`;
      const unknown = results.filter((id) => !calls.includes(id));
      if (unknown.length > 0) return `messages.${i}.content: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${unknown.join(', ')}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`;
      const firstOther = content.findIndex((b) => b.type !== 'tool_result');
      if (firstOther !== -1 && content.slice(firstOther).some((b) => b.type === 'tool_result')) return `messages.${i}.content: tool_result blocks must come before any other content`;
    } else if (calls.length > 0) {
      return `messages.${i}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${calls.join(', ')}`;
    }
  }
  return undefined;
}
