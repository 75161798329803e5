/**
 * The chat panel's state as a pure reducer: the stored conversation, then a
 * turn streaming in (`chat:token` deltas, `chat:tool` cards, `chat:fallback`
 * notices) until `chat:complete` or `chat:error`. The component only
 * dispatches what the socket delivers, so every rule here is testable
 * without a browser or a server.
 */
import type { ChatMessage, ChatTurn, GenerationAccepted } from '@dawg/contracts';

export type ToolStatus = 'running' | 'ok' | 'error';

export interface UserItem {
  kind: 'user';
  id: string;
  text: string;
  /** Refused before it was stored (no allowance, no connection): Retry replaces it. */
  unsent?: boolean;
}
export interface AssistantItem {
  kind: 'assistant';
  id: string;
  text: string;
  streaming: boolean;
}
export interface ToolItem {
  kind: 'tool';
  /** The tool call's id (a card is updated in place from running to ok or error). */
  id: string;
  name: string;
  status: ToolStatus;
  /** "Created track Lead Vox", "Generating trap beat, 140 BPM". */
  summary: string;
  /** The generation job a generate tool queued: its progress is shown on the card. */
  jobId?: string;
  /** The call's arguments (a generate tool's genre and tempo name the tracks it adds). */
  args?: Record<string, unknown>;
}
export interface NoticeItem {
  kind: 'notice';
  id: string;
  tone: 'info' | 'warning' | 'error';
  text: string;
}
export type ChatItem = UserItem | AssistantItem | ToolItem | NoticeItem;

/** Why a turn failed, in words a musician can act on. */
export interface ChatProblem {
  code: string;
  title: string;
  message: string;
  /** Extra lines (the plan's limit and use, the request id to quote). */
  detail?: string;
}

export type TurnPhase = 'idle' | 'sending' | 'streaming' | 'cancelling';

export interface ChatStreamState {
  items: ChatItem[];
  phase: TurnPhase;
  /** Counts turns, so a turn's item ids never collide with an earlier one's (the service numbers rounds from 1 each turn). */
  turn: number;
  /** What the last turn was asked, for Retry. */
  lastPrompt: string | null;
  problem: ChatProblem | null;
  /** Who answered the last turn, and the fallbacks on the way ("provider down, fallback used"). */
  answeredBy: { provider: string; model: string } | null;
}

export type ChatAction =
  | { type: 'history'; messages: ChatMessage[] }
  | { type: 'send'; text: string }
  | { type: 'accepted'; messageId: string }
  | { type: 'token'; messageId: string; delta: string }
  | { type: 'tool'; callId: string; name: string; args?: Record<string, unknown>; status: ToolStatus; summary: string; result?: unknown }
  | { type: 'fallback'; from: string; to: string; reason: string }
  | { type: 'complete'; turn: Pick<ChatTurn, 'provider' | 'model' | 'cancelled' | 'fallbacks'> }
  | { type: 'error'; code: string; message: string; details?: unknown; requestId?: string }
  | { type: 'cancel' }
  | { type: 'dismiss' };

export const initialChatState: ChatStreamState = { items: [], phase: 'idle', turn: 0, lastPrompt: null, problem: null, answeredBy: null };

export const PROVIDER_NAMES: Record<string, string> = { anthropic: 'Anthropic', openai: 'OpenAI', gemini: 'Gemini', offline: 'the offline assistant' };
const providerName = (name: string) => PROVIDER_NAMES[name] ?? name;

export function chatStreamReducer(state: ChatStreamState, action: ChatAction): ChatStreamState {
  switch (action.type) {
    case 'history':
      return { ...initialChatState, items: itemsFromHistory(action.messages) };
    case 'send': {
      const turn = state.turn + 1;
      return {
        ...state,
        turn,
        phase: 'sending',
        lastPrompt: action.text,
        problem: null,
        answeredBy: null,
        items: [...finishStreaming(state.items).filter((i) => !(i.kind === 'user' && i.unsent)), { kind: 'user', id: `t${turn}-user`, text: action.text }],
      };
    }
    case 'accepted':
      return state.phase === 'sending' ? { ...state, phase: 'streaming' } : state;
    case 'token': {
      if (!isLive(state)) return state;
      const id = `t${state.turn}-${action.messageId}`;
      const last = state.items.at(-1);
      // Tokens of one model round go to one bubble; a round after a tool call starts a new one.
      const items =
        last?.kind === 'assistant' && last.id === id
          ? [...state.items.slice(0, -1), { ...last, text: last.text + action.delta }]
          : [...state.items, { kind: 'assistant' as const, id, text: action.delta, streaming: true }];
      return { ...state, phase: state.phase === 'cancelling' ? 'cancelling' : 'streaming', items };
    }
    case 'tool': {
      if (!isLive(state)) return state;
      const jobId = jobIdOf(action.result);
      const card: ToolItem = { kind: 'tool', id: `t${state.turn}-${action.callId}`, name: action.name, status: action.status, summary: action.summary, ...(jobId ? { jobId } : {}), ...(action.args ? { args: action.args } : {}) };
      const at = state.items.findIndex((i) => i.kind === 'tool' && i.id === card.id);
      const items = at >= 0 ? state.items.map((item, i) => (i === at ? card : item)) : [...finishStreaming(state.items), card];
      return { ...state, phase: state.phase === 'cancelling' ? 'cancelling' : 'streaming', items };
    }
    case 'fallback': {
      if (!isLive(state)) return state;
      const text = `${providerName(action.from)} could not answer (${action.reason}); ${providerName(action.to)} answered instead.`;
      return { ...state, items: [...state.items, { kind: 'notice', id: `t${state.turn}-fallback-${action.from}`, tone: 'warning', text }] };
    }
    case 'complete': {
      if (state.phase === 'idle') return state;
      const items = finishStreaming(state.items);
      if (action.turn.cancelled) items.push({ kind: 'notice', id: `t${state.turn}-cancelled`, tone: 'info', text: 'Stopped. Nothing after this point was done.' });
      return { ...state, phase: 'idle', items, answeredBy: { provider: action.turn.provider, model: action.turn.model } };
    }
    case 'error': {
      // Only a live turn can fail; a second report of the same failure (the ack and the event) changes nothing.
      if (state.phase === 'idle') return state;
      const refused = state.phase === 'sending';
      const items = finishStreaming(state.items).map((i) => (refused && i.kind === 'user' && i.id === `t${state.turn}-user` ? { ...i, unsent: true } : i));
      return { ...state, phase: 'idle', items, problem: explainChatError(action.code, action.message, action.details, action.requestId) };
    }
    case 'cancel':
      return isLive(state) ? { ...state, phase: 'cancelling' } : state;
    case 'dismiss':
      return { ...state, problem: null };
  }
}

const isLive = (state: ChatStreamState) => state.phase !== 'idle';

function finishStreaming(items: ChatItem[]): ChatItem[] {
  return items.map((item) => (item.kind === 'assistant' && item.streaming ? { ...item, streaming: false } : item));
}

/** A generate tool's result is the queued job ({jobId, status: 'queued', ...}). */
function jobIdOf(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  const job = result as Partial<GenerationAccepted>;
  return typeof job.jobId === 'string' && job.status === 'queued' ? job.jobId : undefined;
}

/** The stored conversation as the panel shows it: tool results become cards, empty assistant rounds (tool calls only) disappear. */
export function itemsFromHistory(messages: ChatMessage[]): ChatItem[] {
  const items: ChatItem[] = [];
  for (const m of messages) {
    if (m.role === 'user') items.push({ kind: 'user', id: m.id, text: m.content });
    else if (m.role === 'assistant') {
      if (m.content.trim()) items.push({ kind: 'assistant', id: m.id, text: m.content, streaming: false });
    } else {
      let result: unknown;
      try {
        result = JSON.parse(m.content);
      } catch {
        result = undefined;
      }
      const jobId = jobIdOf(result);
      items.push({ kind: 'tool', id: m.id, name: m.toolName ?? 'tool', status: m.toolStatus ?? 'ok', summary: m.summary ?? m.toolName ?? 'Tool call', ...(jobId ? { jobId } : {}) });
    }
  }
  return items;
}

interface EntitlementDetails {
  entitlement?: string;
  plan?: string;
  limit?: number;
  used?: number;
}

/** Error codes from ai-brain (and the api behind it) as a title and what to do next. */
export function explainChatError(code: string, message: string, details?: unknown, requestId?: string): ChatProblem {
  const reference = requestId ? `Reference: ${requestId}` : undefined;
  switch (code) {
    case 'PAYMENT_REQUIRED': {
      const d = (details ?? {}) as EntitlementDetails;
      const usage = d.limit !== undefined && d.used !== undefined ? `${d.used} of ${d.limit} AI messages used this month on the ${d.plan ?? 'current'} plan.` : undefined;
      return {
        code,
        title: 'This month’s AI messages are used up',
        message: 'The assistant did not run. Upgrade the plan on the Billing page, or wait for next month’s allowance.',
        ...(usage || reference ? { detail: [usage, reference].filter(Boolean).join(' ') } : {}),
      };
    }
    case 'SERVICE_UNAVAILABLE':
      return { code, title: 'The assistant is unavailable', message: `${message} Try again in a moment.`, ...(reference ? { detail: reference } : {}) };
    case 'CONFLICT':
      return { code, title: 'Still answering', message: 'The assistant is still answering in this conversation (maybe in another tab). Wait for it or stop it.' };
    case 'NOT_FOUND':
      return { code, title: 'Conversation not found', message: 'This conversation was deleted. Start a new one.' };
    case 'UNAUTHENTICATED':
      return { code, title: 'Signed out', message: 'Your session ended. Sign in again and retry.' };
    case 'RATE_LIMITED':
      return { code, title: 'Too many requests', message };
    case 'DISCONNECTED':
      return { code, title: 'Connection lost', message: 'The connection to the assistant dropped before the answer finished. Retry when you are back online.' };
    default:
      return { code, title: 'The assistant failed', message, ...(reference ? { detail: reference } : {}) };
  }
}
