import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { readJsonBody, vendorId, waitForRequest } from './fake-vendor';

export interface GeminiRequest {
  method: string;
  /** e.g. `/v1/models/gemini-3.8-flash:streamGenerateContent` (the SDK's default API version is v1). */
  path: string;
  /** The model named in the path. */
  model: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (`contents`, `systemInstruction`, `tools`, `generationConfig`, …). */
  body: Record<string, unknown>;
}

export interface ScriptedFunctionCall {
  name: string;
  args: Record<string, unknown>;
  /** Defaults to a fresh id; `null` sends the call without one, as some models do. */
  id?: string | null;
}

/**
 * One scripted answer to generateContent / streamGenerateContent: `text`
 * and/or `functionCalls` for a reply, `error` for a failure.
 */
export interface ScriptedGeminiTurn {
  text?: string;
  /** How the text is cut into streamed chunks; by words when unset. */
  chunks?: string[];
  functionCalls?: ScriptedFunctionCall[];
  /** The thought signature on the first function call part (a fresh one when unset); `null` for none. */
  thoughtSignature?: string | null;
  /** Defaults to `STOP`. */
  finishReason?: 'STOP' | 'MAX_TOKENS' | 'SAFETY' | 'RECITATION' | 'MALFORMED_FUNCTION_CALL' | 'OTHER';
  /** Token counts; estimated (4 characters a token) where left out. Thinking tokens are billed as output. */
  usage?: { promptTokens?: number; candidatesTokens?: number; thoughtsTokens?: number };
  /** An HTTP error with Google's body `{error: {code, message, status}}`, e.g. 503 UNAVAILABLE or 429 RESOURCE_EXHAUSTED. */
  error?: { status: number; message?: string; statusText?: string };
  /** A pause before the answer starts. */
  delayMs?: number;
  /** A pause between streamed chunks. */
  chunkDelayMs?: number;
}

export interface FakeGeminiOptions {
  /** The key the fake accepts as `x-goog-api-key` (or `?key=`). */
  apiKey?: string;
  /**
   * Refuse a request whose current turn holds a model function call without
   * its thought signature, as Gemini 3 models do (default true). The fake's own
   * signatures and Google's documented placeholders are accepted.
   */
  requireThoughtSignatures?: boolean;
}

export interface FakeGemini {
  /** The API base URL without a version, for `new GoogleGenAI({ httpOptions: { baseUrl } })`: `http://127.0.0.1:<port>`. */
  url: string;
  apiKey: string;
  /** Every request received, oldest first. */
  requests: GeminiRequest[];
  /** Queues answers to the next generate requests, in order; a function is called with the request to make its answer. */
  reply(...turns: Array<ScriptedGeminiTurn | ((req: GeminiRequest) => ScriptedGeminiTurn)>): void;
  /** Scripted answers not yet used. */
  pending(): number;
  waitFor(match: (req: GeminiRequest) => boolean, timeoutMs?: number): Promise<GeminiRequest>;
  close(): Promise<void>;
}

const STATUS_TEXT: Record<number, { status: string; message: string }> = {
  400: { status: 'INVALID_ARGUMENT', message: 'Request contains an invalid argument.' },
  403: { status: 'PERMISSION_DENIED', message: 'The caller does not have permission.' },
  404: { status: 'NOT_FOUND', message: 'models/unknown is not found for API version v1beta, or is not supported for generateContent.' },
  429: { status: 'RESOURCE_EXHAUSTED', message: 'You exceeded your current quota, please check your plan and billing details.' },
  500: { status: 'INTERNAL', message: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting' },
  503: { status: 'UNAVAILABLE', message: 'The model is overloaded. Please try again later.' },
  504: { status: 'DEADLINE_EXCEEDED', message: 'The request timed out. Please try again.' },
};

/** Placeholders Google documents for function calls whose real signature is not at hand. */
const PLACEHOLDER_SIGNATURES = new Set(['skip_thought_signature_validator', 'context_engineering_is_the_way_to_go']);

/**
 * A local stand-in for the Gemini API's generateContent, for the real
 * `@google/genai` SDK (`httpOptions.baseUrl`): `x-goog-api-key` auth,
 * POST /{version}/models/{model}:streamGenerateContent?alt=sse (server-sent
 * `GenerateContentResponse` chunks, `\r\n\r\n`-separated, the last with
 * `finishReason` and `usageMetadata`) and :generateContent, answered from a
 * queue of scripted turns (text, function calls with thought signatures) or
 * Google-shaped errors. Requests are checked where the API would refuse them:
 * contents are required, every function response must answer the previous
 * model turn's calls one for one, and (like Gemini 3) function calls of the
 * current turn must carry their thought signature.
 */
export async function startFakeGemini(options: FakeGeminiOptions = {}): Promise<FakeGemini> {
  const apiKey = options.apiKey ?? 'AIza-fake-gemini-key';
  const requireSignatures = options.requireThoughtSignatures ?? true;
  const issued = new Set<string>();
  const requests: GeminiRequest[] = [];
  const turns: Array<ScriptedGeminiTurn | ((req: GeminiRequest) => ScriptedGeminiTurn)> = [];
  const waiters = new Set<() => void>();

  const answer = async (req: GeminiRequest, res: ServerResponse) => {
    if ((req.headers['x-goog-api-key'] ?? req.query.key) !== apiKey) {
      return sendError(res, { status: 400, message: 'API key not valid. Please pass a valid API key.' }, [
        { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' },
      ]);
    }
    const method = /^\/v1(?:beta|alpha)?\/models\/[^/:]+:(streamGenerateContent|generateContent)$/.exec(req.path)?.[1];
    if (req.method !== 'POST' || !method) return sendError(res, { status: 404, message: `Method not found: ${req.method} ${req.path}` });
    const invalid = requestProblem(req.body, requireSignatures ? (s) => issued.has(s) || PLACEHOLDER_SIGNATURES.has(s) : undefined);
    if (invalid) return sendError(res, { status: 400, message: invalid });
    const next = turns.shift();
    if (!next) return sendError(res, { status: 400, message: 'fake-gemini: no scripted turn left for this request' });
    const turn = typeof next === 'function' ? next(req) : next;
    if (turn.delayMs) await sleep(turn.delayMs);
    if (turn.error) return sendError(res, turn.error);
    const chunks = chunksOf(req, turn, issued);
    if (method === 'generateContent') return sendJson(res, 200, merge(chunks));
    res.writeHead(200, { 'content-type': 'text/event-stream', 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' });
    for (const chunk of chunks) {
      if (res.destroyed) return;
      res.write(`data: ${JSON.stringify(chunk)}\r\n\r\n`);
      if (turn.chunkDelayMs) await sleep(turn.chunkDelayMs);
    }
    res.end();
  };

  const server: Server = createServer((req, res) => {
    void readJsonBody(req).then(async (body) => {
      const url = new URL(req.url ?? '/', 'http://gemini.local');
      const path = decodeURIComponent(url.pathname);
      const received: GeminiRequest = {
        method: req.method ?? '',
        path,
        model: /\/models\/([^/:]+)/.exec(path)?.[1] ?? '',
        query: Object.fromEntries(url.searchParams),
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

type Part = Record<string, unknown>;
interface Chunk {
  candidates: Array<{ content: { parts: Part[]; role: 'model' }; index: number; finishReason?: string }>;
  usageMetadata: Record<string, unknown>;
  modelVersion: string;
  responseId: string;
}

/** The turn as streamed chunks: one per text piece, the function calls together, the last with finishReason and the full usage. */
function chunksOf(req: GeminiRequest, turn: ScriptedGeminiTurn, issued: Set<string>): Chunk[] {
  const responseId = vendorId(20);
  const texts = turn.text ? (turn.chunks ?? turn.text.match(/\S+\s*|\s+/g) ?? []) : [];
  const calls: Part[] = (turn.functionCalls ?? []).map((call, i) => {
    const part: Part = { functionCall: { ...(call.id === null ? {} : { id: call.id ?? vendorId(8) }), name: call.name, args: call.args } };
    // Gemini 3 signs the first function call of a step.
    if (i === 0 && turn.thoughtSignature !== null) {
      const signature = turn.thoughtSignature ?? Buffer.from(`sig:${vendorId(32)}`).toString('base64');
      issued.add(signature);
      part.thoughtSignature = signature;
    }
    return part;
  });
  const written = (turn.text ?? '') + JSON.stringify(turn.functionCalls ?? []);
  const prompt = turn.usage?.promptTokens ?? Math.ceil(JSON.stringify([req.body.systemInstruction ?? '', req.body.contents ?? [], req.body.tools ?? []]).length / 4);
  const candidates = turn.usage?.candidatesTokens ?? Math.max(1, Math.ceil(written.length / 4));
  const thoughts = turn.usage?.thoughtsTokens;
  const partial = { promptTokenCount: prompt, totalTokenCount: prompt };
  const final = {
    promptTokenCount: prompt,
    candidatesTokenCount: candidates,
    totalTokenCount: prompt + candidates + (thoughts ?? 0),
    ...(thoughts !== undefined ? { thoughtsTokenCount: thoughts } : {}),
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: prompt }],
  };
  const pieces: Part[][] = texts.map((text) => [{ text }]);
  if (calls.length > 0) pieces.push(calls);
  if (pieces.length === 0) pieces.push([{ text: '' }]);
  return pieces.map((parts, i) => {
    const last = i === pieces.length - 1;
    return {
      candidates: [{ content: { parts, role: 'model' }, index: 0, ...(last ? { finishReason: turn.finishReason ?? 'STOP' } : {}) }],
      usageMetadata: last ? final : partial,
      modelVersion: req.model,
      responseId,
    };
  });
}

/** The non-streamed answer: the chunks' parts in one candidate. */
function merge(chunks: Chunk[]): Chunk {
  const last = chunks.at(-1)!;
  const parts: Part[] = [];
  for (const chunk of chunks) {
    for (const part of chunk.candidates[0]!.content.parts) {
      const previous = parts.at(-1);
      if (typeof part.text === 'string' && previous && typeof previous.text === 'string') previous.text += part.text;
      else parts.push({ ...part });
    }
  }
  return { ...last, candidates: [{ ...last.candidates[0]!, content: { parts, role: 'model' } }] };
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' }).end(JSON.stringify(body));
}

function sendError(res: ServerResponse, error: NonNullable<ScriptedGeminiTurn['error']>, details?: unknown[]) {
  const preset = STATUS_TEXT[error.status] ?? { status: error.status >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT', message: `HTTP ${error.status}` };
  sendJson(res, error.status, { error: { code: error.status, message: error.message ?? preset.message, status: error.statusText ?? preset.status, ...(details ? { details } : {}) } });
}

type Content = { role?: unknown; parts?: Array<{ text?: unknown; functionCall?: { name?: unknown }; functionResponse?: { name?: unknown; response?: unknown }; thoughtSignature?: unknown }> };

/** What the real API would refuse with a 400, or undefined. */
function requestProblem(body: Record<string, unknown>, signatureAccepted?: (signature: string) => boolean): string | undefined {
  if (!Array.isArray(body.contents) || body.contents.length === 0) return '* GenerateContentRequest.contents: contents is not specified';
  const contents = body.contents as Content[];
  // The current turn starts at the last user message that is not only function responses.
  let turnStart = 0;
  for (const [i, content] of contents.entries()) {
    if (content.role === 'user' && (content.parts ?? []).some((p) => p.functionResponse === undefined)) turnStart = i;
  }
  for (const [i, content] of contents.entries()) {
    const parts = content.parts ?? [];
    if (content.role !== 'user' && content.role !== 'model') return `* GenerateContentRequest.contents[${i}].role: Please use a valid role: user, model.`;
    if (parts.length === 0) return `* GenerateContentRequest.contents[${i}].parts: contents.parts must not be empty.`;
    const responses = parts.filter((p) => p.functionResponse !== undefined);
    const previous = contents[i - 1];
    const calls = previous?.role === 'model' ? (previous.parts ?? []).filter((p) => p.functionCall !== undefined) : [];
    if (responses.length > 0 && responses.length !== calls.length) {
      return 'Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.';
    }
    for (const response of responses) {
      const r = response.functionResponse!;
      if (typeof r.name !== 'string' || !r.response || typeof r.response !== 'object') return `* GenerateContentRequest.contents[${i}].parts: functionResponse needs a name and a response object`;
    }
    const ownCalls = parts.filter((p) => p.functionCall !== undefined);
    if (signatureAccepted && i > turnStart && content.role === 'model' && ownCalls.length > 0) {
      const signature = ownCalls[0]!.thoughtSignature;
      if (typeof signature !== 'string') {
        return `Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call \`default_api:${String(ownCalls[0]!.functionCall!.name)}\`, position ${i + 1}.`;
      }
      if (!signatureAccepted(signature)) return 'Corrupted thought signature.';
    }
  }
  return undefined;
}
