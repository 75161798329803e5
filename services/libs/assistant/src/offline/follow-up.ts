import type { ChatMessage, PlannedToolCall, ToolCall } from '../types';
import { capitalise, describeDone, describePlanned } from './describe';

/**
 * The turn after tools ran: the final answer, written from their results.
 * Errors are explained in plain words by their code (a 402 is the monthly
 * budget, a 403 a viewer's role, a 409 someone else's edit).
 */

export interface ToolOutcome {
  call: PlannedToolCall;
  ok: boolean;
  /** The result object (success) or the error object (failure). */
  value: Record<string, unknown>;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Reads one tool message: its JSON, unwrapped from an { status, result } envelope, with errors told apart. */
export function readOutcome(message: Extract<ChatMessage, { role: 'tool' }>, calls: ReadonlyMap<string, ToolCall>): ToolOutcome {
  const known = calls.get(message.toolCallId);
  const call: PlannedToolCall = known ? { name: known.name, arguments: known.arguments } : { name: message.name, arguments: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(message.content) as unknown;
  } catch {
    const text = message.content.trim();
    const looksLikeError = /^(error|failed|invalid)\b/i.test(text);
    return { call, ok: !looksLikeError, value: looksLikeError ? { message: text } : { text } };
  }
  let body = record(parsed) ?? { value: parsed };
  if ((body.status === 'ok' || body.status === 'error') && 'result' in body) {
    const inner = record(body.result) ?? { value: body.result };
    if (body.status === 'error') return { call, ok: false, value: record(inner.error) ?? { ...inner, message: inner.message ?? body.summary } };
    body = inner;
  }
  const error = body.error;
  if (error !== undefined && error !== null && error !== false) {
    return { call, ok: false, value: record(error) ?? { message: String(error) } };
  }
  if (body.ok === false) return { call, ok: false, value: body };
  return { call, ok: true, value: body };
}

const ENTITLEMENT_TEXT: Readonly<Record<string, string>> = {
  generationMinutesPerMonth: "this month's generation minutes",
  aiMessagesPerMonth: "this month's AI messages",
  storageBytes: 'your storage',
  maxProjects: 'the number of projects',
};

const GENERATION_TOOLS = new Set(['generate_beat', 'generate_melody', 'generate_chords', 'generate_arrangement', 'generate_lyrics', 'mix_and_master', 'master']);

const STATUS_CODES: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST', 401: 'UNAUTHENTICATED', 402: 'PAYMENT_REQUIRED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE', 422: 'VALIDATION_FAILED', 429: 'RATE_LIMITED', 500: 'INTERNAL', 502: 'SERVICE_UNAVAILABLE', 503: 'SERVICE_UNAVAILABLE', 504: 'SERVICE_UNAVAILABLE',
};

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** A failed call, explained. */
export function explainError(call: PlannedToolCall, error: Record<string, unknown>): string {
  const status = typeof error.status === 'number' ? error.status : typeof error.statusCode === 'number' ? error.statusCode : undefined;
  const code = typeof error.code === 'string' ? error.code.toUpperCase() : status !== undefined ? (STATUS_CODES[status] ?? '') : '';
  const message = typeof error.message === 'string' && error.message.trim() ? error.message.trim() : undefined;
  const details = record(error.details) ?? {};
  const action = describePlanned(call);
  switch (code) {
    case 'PAYMENT_REQUIRED': {
      const entitlement = typeof details.entitlement === 'string' ? details.entitlement : GENERATION_TOOLS.has(call.name) ? 'generationMinutesPerMonth' : undefined;
      const what = (entitlement && ENTITLEMENT_TEXT[entitlement]) ?? "your plan's allowance";
      const plan = typeof details.plan === 'string' ? ` on the ${details.plan} plan` : '';
      const usage = typeof details.used === 'number' && typeof details.limit === 'number' ? ` (${details.used} of ${details.limit} used)` : '';
      const verb = entitlement === 'storageBytes' || entitlement === 'maxProjects' ? "You've reached the limit of" : "You've used";
      const fix = entitlement === 'generationMinutesPerMonth' || entitlement === 'aiMessagesPerMonth' ? 'Upgrade your plan under Billing, or wait until it renews next month.' : 'Upgrade your plan under Billing, or free some up.';
      return `${verb} ${what}${plan}${usage}, so I couldn't ${action}. ${fix}`;
    }
    case 'FORBIDDEN':
      return `You can view this project but not edit it, so I couldn't ${action}. Ask the owner to make you an editor.`;
    case 'CONFLICT':
      return `Someone changed the project at the same moment, so I couldn't ${action}. Ask again and I'll use the latest version.`;
    case 'RATE_LIMITED':
      return `The studio is getting too many requests from you right now, so I couldn't ${action}. Wait a minute and ask again.`;
    case 'UNAUTHENTICATED':
      return `Your session has expired, so I couldn't ${action}. Sign in again and ask me once more.`;
    case 'SERVICE_UNAVAILABLE':
    case 'INTERNAL':
      return `The studio had a problem, so I couldn't ${action}${message ? ` (${message.replace(/\.$/, '')})` : ''}. Try again in a moment.`;
    case 'NO_PROJECT':
      return 'Open a project first: I can only change the DAW inside a project.';
    default:
      return message ? `I couldn't ${action}: ${sentence(message)}` : `I couldn't ${action}.`;
  }
}

/** The final answer's sentences, one per result, in the order the tools ran. */
export function describeOutcomes(outcomes: readonly ToolOutcome[]): string[] {
  const sentences: string[] = [];
  for (const outcome of outcomes) {
    if (outcome.call.name === 'get_project_state' && outcome.ok) continue;
    sentences.push(outcome.ok ? describeDone(outcome.call, outcome.value) : explainError(outcome.call, outcome.value));
  }
  return sentences.map((s) => capitalise(s));
}
