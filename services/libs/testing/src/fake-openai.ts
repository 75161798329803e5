import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { readJsonBody, vendorId, waitForRequest } from './fake-vendor';

export interface OpenAIRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (`model`, `messages`, `tools`, `response_format`, `stream`, `seed`, …). */
  body: Record<string, unknown>;
}

export interface ScriptedToolCall {
  name: string;
  /** The arguments as the model would write them: an object is sent as its JSON. */
  arguments: string | Record<string, unknown>;
  /** Defaults to a fresh `call_…` id. */
  id?: string;
}

/**
 * One scripted answer to POST /v1/chat/completions. Set `content` (or
 * `json`, sent as its JSON text), `toolCalls`, or `refusal` for a reply;
 * `error` for a failure. The same script is answered as one JSON body, or as
 * server-sent chunks when the request asks for `stream: true`.
 */
export interface ScriptedReply {
  content?: string;
  json?: unknown;
  toolCalls?: ScriptedToolCall[];
  refusal?: string;
  /** Defaults to `tool_calls` when there are tool calls, else `stop`. */
  finishReason?: 'stop' | 'length' | 'tool_calls' | 'content_filter';
  /** Token counts; estimated (4 characters a token) where left out. */
  usage?: { promptTokens?: number; completionTokens?: number };
  /** How streamed content is cut into chunks; by words when unset. */
  chunks?: string[];
  /** An HTTP error with OpenAI's body `{error: {message, type, param, code}}`; a `retryAfterMs` is sent as `retry-after-ms`. */
  error?: { status: number; message?: string; type?: string; code?: string | null; retryAfterMs?: number };
  /** A pause before the answer starts. */
  delayMs?: number;
  /** A pause between streamed chunks. */
  chunkDelayMs?: number;
}

export interface FakeOpenAIOptions {
  /** The key the fake accepts as `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Ids GET /v1/models lists. */
  models?: string[];
}

export interface FakeOpenAI {
  /** The API base URL, for `new OpenAI({ baseURL })`: `http://127.0.0.1:<port>/v1`. */
  url: string;
  apiKey: string;
  /** Every request received, oldest first. */
  requests: OpenAIRequest[];
  /**
   * Queues the text of the next audio transcriptions (POST /v1/audio/transcriptions,
   * multipart), in order; streamed as `transcript.text.delta` events word by word,
   * then `transcript.text.done`, when the request asks for `stream`.
   */
  transcribe(...texts: string[]): void;
  /** Queues answers to the next chat completions, in order; a function is called with the request to make its answer. */
  reply(...replies: Array<ScriptedReply | ((req: OpenAIRequest) => ScriptedReply)>): void;
  /** Scripted answers not yet used. */
  pending(): number;
  waitFor(match: (req: OpenAIRequest) => boolean, timeoutMs?: number): Promise<OpenAIRequest>;
  close(): Promise<void>;
}

const DEFAULT_ERRORS: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: 'invalid_request_error', code: null, message: 'Invalid request.' },
  401: { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Incorrect API key provided.' },
  403: { type: 'invalid_request_error', code: 'unsupported_country_region_territory', message: 'Country, region, or territory not supported' },
  404: { type: 'invalid_request_error', code: 'model_not_found', message: 'The model does not exist or you do not have access to it.' },
  429: { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached for requests. Please try again later.' },
  500: { type: 'server_error', code: null, message: 'The server had an error while processing your request. Sorry about that!' },
  503: { type: 'server_error', code: null, message: 'The server is overloaded or not ready yet.' },
};

/**
 * A local stand-in for the OpenAI API's chat completions, for the real
 * `openai` SDK (and any OpenAI-compatible client): bearer-key auth, POST
 * /v1/chat/completions answered from a queue of scripted replies (text,
 * JSON, tool calls, refusals; as one body or as `chat.completion.chunk`
 * server-sent events ending in `data: [DONE]`, with a usage chunk when
 * `stream_options.include_usage` is set), OpenAI-shaped errors, and GET
 * /v1/models. Requests are checked the way the API checks them where a
 * mistake would otherwise pass unnoticed: a model and messages are
 * required, and a strict `json_schema` response format must be a schema the
 * API accepts (every object closed and every property required).
 */
export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const apiKey = options.apiKey ?? 'sk-fake-openai-key';
  const requests: OpenAIRequest[] = [];
  const replies: Array<ScriptedReply | ((req: OpenAIRequest) => ScriptedReply)> = [];
  const transcripts: string[] = [];
  const waiters = new Set<() => void>();

  const answer = async (req: OpenAIRequest, res: ServerResponse) => {
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      const shown = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
      return sendError(res, { status: 401, message: `Incorrect API key provided: ${shown.slice(0, 3)}***${shown.slice(-4)}. You can find your API key at https://platform.openai.com/account/api-keys.` });
    }
    if (req.method === 'GET' && req.path === '/v1/models') {
      const data = (options.models ?? ['gpt-4.1-mini']).map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'system' }));
      return sendJson(res, 200, { object: 'list', data });
    }
    if (req.method === 'POST' && req.path === '/v1/audio/transcriptions') return transcription(req, transcripts.shift(), res);
    if (req.method !== 'POST' || req.path !== '/v1/chat/completions') {
      return sendError(res, { status: 404, message: `Invalid URL (${req.method} ${req.path})`, code: null });
    }
    const invalid = requestProblem(req.body);
    if (invalid) return sendError(res, { status: 400, message: invalid });
    const next = replies.shift();
    if (!next) return sendError(res, { status: 400, message: 'fake-openai: no scripted reply left for this request', code: 'fake_openai_exhausted' });
    const reply = typeof next === 'function' ? next(req) : next;
    if (reply.delayMs) await sleep(reply.delayMs);
    if (reply.error) return sendError(res, reply.error);
    if (req.body.stream === true) return stream(req, reply, res);
    return sendJson(res, 200, completion(req, reply));
  };

  const server: Server = createServer((req, res) => {
    void readJsonBody(req).then(async (body) => {
      const received: OpenAIRequest = {
        method: req.method ?? '',
        path: new URL(req.url ?? '/', 'http://openai.local').pathname,
        headers: req.headers,
        body:
          typeof body === 'string' && String(req.headers['content-type']).startsWith('multipart/form-data')
            ? formFields(body, String(req.headers['content-type']))
            : body && typeof body === 'object' && !Array.isArray(body)
              ? (body as Record<string, unknown>)
              : {},
      };
      requests.push(received);
      for (const wake of [...waiters]) wake();
      await answer(received, res).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    apiKey,
    requests,
    reply: (...more) => void replies.push(...more),
    transcribe: (...texts) => void transcripts.push(...texts),
    pending: () => replies.length,
    waitFor: (match, timeoutMs = 10_000) => waitForRequest(requests, waiters, match, timeoutMs),
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A multipart form's fields: text fields by name, a file part as
 * `{ filename, contentType, size }` (the body was read as text, so the size
 * counts characters; enough to see that audio came).
 */
function formFields(body: string, contentType: string): Record<string, unknown> {
  const boundary = /boundary=("?)([^";]+)\1/.exec(contentType)?.[2];
  if (!boundary) return {};
  const fields: Record<string, unknown> = {};
  for (const part of body.split(`--${boundary}`)) {
    const [head, ...rest] = part.split('\r\n\r\n');
    const name = /name="([^"]*)"/.exec(head ?? '')?.[1];
    if (!name) continue;
    const value = rest.join('\r\n\r\n').replace(/\r\n$/, '');
    const filename = /filename="([^"]*)"/.exec(head ?? '')?.[1];
    fields[name] = filename === undefined ? value : { filename, contentType: /Content-Type: ([^\r\n]+)/i.exec(head ?? '')?.[1], size: value.length };
  }
  return fields;
}

/** POST /v1/audio/transcriptions: the scripted text, streamed as transcript events or as one JSON body. */
function transcription(req: OpenAIRequest, text: string | undefined, res: ServerResponse) {
  if (text === undefined) return sendError(res, { status: 400, message: 'fake-openai: no scripted transcript left for this request', code: 'fake_openai_exhausted' });
  if (typeof req.body.model !== 'string' || typeof req.body.file !== 'object') return sendError(res, { status: 400, message: "'file' and 'model' are required" });
  if (req.body.stream !== 'true') return sendJson(res, 200, { text, usage: { type: 'duration', seconds: 1 } });
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const word of text.match(/\S+\s*/g) ?? []) res.write(`data: ${JSON.stringify({ type: 'transcript.text.delta', delta: word })}\n\n`);
  res.end(`data: ${JSON.stringify({ type: 'transcript.text.done', text, usage: { type: 'tokens', input_tokens: 10, output_tokens: 5, total_tokens: 15 } })}\n\n`);
}

interface Message {
  role: 'assistant';
  content: string | null;
  refusal: string | null;
  tool_calls?: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }>;
  annotations: [];
}

function messageOf(reply: ScriptedReply): Message {
  const content = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.content ?? null);
  const toolCalls = reply.toolCalls?.map((call) => ({
    id: call.id ?? `call_${vendorId(24)}`,
    type: 'function' as const,
    function: { name: call.name, arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments) },
  }));
  return { role: 'assistant', content: reply.refusal ? null : content, refusal: reply.refusal ?? null, ...(toolCalls?.length ? { tool_calls: toolCalls } : {}), annotations: [] };
}

function usageOf(req: OpenAIRequest, reply: ScriptedReply, message: Message) {
  const written = (message.content ?? message.refusal ?? '') + (message.tool_calls ?? []).map((c) => c.function.name + c.function.arguments).join('');
  const prompt = reply.usage?.promptTokens ?? Math.ceil(JSON.stringify(req.body.messages ?? []).length / 4);
  const completion = reply.usage?.completionTokens ?? Math.ceil(written.length / 4);
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

function finishReasonOf(reply: ScriptedReply, message: Message) {
  return reply.finishReason ?? (message.tool_calls ? 'tool_calls' : 'stop');
}

function envelope(req: OpenAIRequest, id: string, object: string) {
  return { id, object, created: Math.floor(Date.now() / 1000), model: String(req.body.model), service_tier: 'default', system_fingerprint: 'fp_fake0penai' };
}

function completion(req: OpenAIRequest, reply: ScriptedReply) {
  const message = messageOf(reply);
  return {
    ...envelope(req, `chatcmpl-${vendorId(29)}`, 'chat.completion'),
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReasonOf(reply, message) }],
    usage: usageOf(req, reply, message),
  };
}

/** The reply as OpenAI streams it: a role chunk, content (or tool-call) deltas, a finish chunk, an optional usage chunk, `[DONE]`. */
async function stream(req: OpenAIRequest, reply: ScriptedReply, res: ServerResponse) {
  const message = messageOf(reply);
  const head = envelope(req, `chatcmpl-${vendorId(29)}`, 'chat.completion.chunk');
  const includeUsage = (req.body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) => ({
    ...head,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(includeUsage ? { usage: null } : {}),
  });
  const events: unknown[] = [chunk({ role: 'assistant', content: '', refusal: null })];
  if (message.refusal) events.push(chunk({ refusal: message.refusal }));
  for (const piece of reply.chunks ?? (message.content ?? '').match(/\S+\s*|\s+/g) ?? []) events.push(chunk({ content: piece }));
  for (const [index, call] of (message.tool_calls ?? []).entries()) {
    events.push(chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }] }));
    const args = call.function.arguments;
    const half = Math.ceil(args.length / 2);
    for (const part of [args.slice(0, half), args.slice(half)].filter(Boolean)) events.push(chunk({ tool_calls: [{ index, function: { arguments: part } }] }));
  }
  events.push(chunk({}, finishReasonOf(reply, message)));
  if (includeUsage) events.push({ ...head, choices: [], usage: usageOf(req, reply, message) });

  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-request-id': `req_${vendorId(24)}` });
  for (const event of events) {
    if (res.destroyed) return;
    res.write(`data: ${JSON.stringify(event)}\n\n`);
    if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
  }
  res.end('data: [DONE]\n\n');
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': `req_${vendorId(24)}`, ...headers }).end(JSON.stringify(body));
}

function sendError(res: ServerResponse, error: NonNullable<ScriptedReply['error']>) {
  const preset = DEFAULT_ERRORS[error.status] ?? { type: error.status >= 500 ? 'server_error' : 'invalid_request_error', code: null, message: `HTTP ${error.status}` };
  const body = { error: { message: error.message ?? preset.message, type: error.type ?? preset.type, param: null, code: error.code === undefined ? preset.code : error.code } };
  sendJson(res, error.status, body, error.retryAfterMs !== undefined ? { 'retry-after-ms': String(error.retryAfterMs) } : {});
}

/** What the real API would refuse with a 400, or undefined. */
function requestProblem(body: Record<string, unknown>): string | undefined {
  if (typeof body.model !== 'string' || body.model === '') return "you must provide a model parameter";
  if (!Array.isArray(body.messages) || body.messages.length === 0) return "[] is too short - 'messages'";
  const format = body.response_format as { type?: unknown; json_schema?: { name?: unknown; strict?: unknown; schema?: unknown } } | undefined;
  if (format?.type === 'json_schema') {
    const spec = format.json_schema;
    if (!spec || typeof spec.name !== 'string' || !/^[\w-]{1,64}$/.test(spec.name)) return "Invalid 'response_format.json_schema.name': must be 1-64 letters, digits, underscores or dashes.";
    if (spec.strict === true) {
      const problem = strictSchemaProblem(spec.schema, 'response_format.json_schema.schema');
      if (problem) return `Invalid schema for response_format '${spec.name}': ${problem}`;
    }
  }
  return undefined;
}

/** Structured Outputs in strict mode: every object lists all its properties as required and allows no others. */
function strictSchemaProblem(schema: unknown, at: string): string | undefined {
  if (!schema || typeof schema !== 'object') return `${at} must be a schema object`;
  const node = schema as { type?: unknown; properties?: Record<string, unknown>; required?: unknown; additionalProperties?: unknown; items?: unknown; anyOf?: unknown[] };
  if (node.type === 'object') {
    if (node.additionalProperties !== false) return `In context=${at}, 'additionalProperties' is required to be supplied and to be false.`;
    const properties = Object.keys(node.properties ?? {});
    const required = Array.isArray(node.required) ? node.required : [];
    const missing = properties.filter((p) => !required.includes(p));
    if (missing.length > 0) return `In context=${at}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing[0]}'.`;
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const problem = strictSchemaProblem(child, `${at}.properties.${key}`);
      if (problem) return problem;
    }
  }
  if (node.items !== undefined) return strictSchemaProblem(node.items, `${at}.items`);
  for (const [i, option] of (node.anyOf ?? []).entries()) {
    const problem = strictSchemaProblem(option, `${at}.anyOf[${i}]`);
    if (problem) return problem;
  }
  return undefined;
}
