import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { type AiBrainServerToClientEvents, type ChatTurn, type ProjectDocument } from '@dawg/contracts';
import { toolDefinitions } from '@dawg/assistant';
import { type ConversationEntity } from '@dawg/db';
import { ApiCallError, ApiClient, AppError, type Credential, ROOT_LOGGER } from '@dawg/platform';
import { type ChatMessage as ProviderMessage, type ToolCall, type ToolDefinition } from '../providers/provider';
import { ProviderRouter } from '../providers/router';
import { AiUsageRecorder } from './ai-usage.recorder';
import { CHAT_SETTINGS, type ChatSettings } from './chat.settings';
import { ConversationsRepository, type NewChatMessage, toChatMessage } from './conversations.repository';
import { OPERATOR_TOOLS } from './operator-tools';
import { projectBlock } from './offline.provider';
import { projectState, ToolExecutor } from './tool-executor';

/** Where a turn's events go: the socket that asked (streaming), or nowhere (REST answers the whole turn at the end). */
export type TurnEmitter = <E extends keyof AiBrainServerToClientEvents & string>(event: E, payload: Parameters<AiBrainServerToClientEvents[E]>[0]) => void;

export interface TurnInput {
  conversation: ConversationEntity;
  user: { id: string; credential: Credential; isAdmin: boolean };
  content: string;
  requestId: string;
  emit: TurnEmitter;
}

/** A tool result goes back to the model as JSON, cut to this many characters. */
const TOOL_RESULT_CHARS = 4_000;
const SUMMARY_CHARS = 4_000;

const DAW_SYSTEM = [
  'You are DAWG AI, the assistant inside a browser DAW (digital audio workstation).',
  "You change the user's project only through the tools, and you never claim a change you did not make with a tool.",
  'Generation tools queue a job and return its id at once; say that it is on its way, the studio shows its progress.',
  'Answer music-theory questions directly. Keep replies short and concrete.',
].join(' ');
const OPERATOR_SYSTEM = [
  "You are DAWG AI's operator console assistant, talking to a platform administrator.",
  'Use the tools to read service health, platform metrics and failed generation jobs; report figures exactly as the tools give them.',
  'You cannot change the platform: say which admin action would, when one would help.',
].join(' ');

/**
 * One chat turn: the user's message in, then model rounds until the
 * assistant answers without calling a tool (at most AI_MAX_TOOL_ROUNDS).
 * Text streams as `chat:token`, each tool call as a `chat:tool` card while it
 * runs and when done, a provider passed over as `chat:fallback`. Every
 * message (user, assistant, tool result) is stored as it happens, each model
 * call is counted (ai_usage, metrics), and the user's plan is charged one AI
 * message per turn before any model is asked.
 */
@Injectable()
export class ChatTurnService {
  /** Running turns in this process, by conversation, so a second message waits its turn and a cancel can stop one. */
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly router: ProviderRouter,
    private readonly tools: ToolExecutor,
    private readonly usage: AiUsageRecorder,
    @Inject(CHAT_SETTINGS) private readonly settings: ChatSettings,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  cancel(conversationId: string): boolean {
    const running = this.running.get(conversationId);
    running?.abort();
    return running !== undefined;
  }

  /** Stores the user's message and runs the turn; `started` resolves once the message is stored (the socket ack). */
  async run(input: TurnInput, started?: (userMessageId: string) => void): Promise<ChatTurn> {
    const { conversation, user } = input;
    if (this.running.has(conversation.id)) throw new AppError('CONFLICT', 'The assistant is still answering in this conversation; wait for it or cancel it.', { conversationId: conversation.id });
    const abort = new AbortController();
    this.running.set(conversation.id, abort);
    const log = this.logger.child({ conversationId: conversation.id, userId: user.id, requestId: input.requestId });
    const api = new ApiClient(this.settings.apiUrl, user.credential, input.requestId);
    try {
      await this.chargeMessage(api);
      const [userMessage] = await this.conversations.append(conversation.id, [message({ role: 'user', content: input.content, requestId: input.requestId })]);
      started?.(userMessage!.id);
      return await this.rounds(input, api, abort.signal, log);
    } finally {
      this.running.delete(conversation.id);
    }
  }

  private async rounds(input: TurnInput, api: ApiClient, signal: AbortSignal, log: Logger): Promise<ChatTurn> {
    const { conversation, user, emit } = input;
    const added: NewChatMessage[] = [];
    const stored: ChatTurn['messages'] = [];
    const turn = { provider: 'offline', model: '', usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 }, fallbacks: [] as ChatTurn['fallbacks'] };
    const tools: ToolDefinition[] = conversation.persona === 'operator' ? OPERATOR_TOOLS : toolDefinitions();
    let cancelled = false;

    for (let round = 1; round <= this.settings.maxToolRounds; round++) {
      const history = await this.history(conversation);
      const system = await this.systemPrompt(conversation, api);
      const messageId = `pending-${round}`;
      let text = '';
      const calls: ToolCall[] = [];
      for await (const event of this.router.stream({ system, messages: history, tools, signal })) {
        if (event.type === 'text') {
          text += event.delta;
          emit('chat:token', { conversationId: conversation.id, messageId, delta: event.delta });
        } else if (event.type === 'tool_call') {
          calls.push(event.call);
        } else if (event.type === 'fallback') {
          this.usage.fellBack(event.from);
          turn.fallbacks.push({ from: event.from, to: event.to, reason: event.message });
          emit('chat:fallback', { conversationId: conversation.id, from: event.from, to: event.to, reason: event.message });
        } else {
          cancelled = event.stopReason === 'cancelled';
          turn.provider = event.provider;
          turn.model = event.model;
          turn.usage.inputTokens += event.usage.inputTokens;
          turn.usage.outputTokens += event.usage.outputTokens;
          turn.usage.costUsd = round6(turn.usage.costUsd + event.costUsd);
          await this.usage.record(
            { userId: user.id, conversationId: conversation.id, provider: event.provider, model: event.model, ...event.usage, costUsd: event.costUsd, requestId: input.requestId },
            cancelled ? 'cancelled' : 'answered',
          );
        }
      }

      const assistant = message({ role: 'assistant', content: text, toolCalls: calls.length > 0 && !cancelled ? calls : null, provider: turn.provider, model: turn.model, requestId: input.requestId });
      stored.push(...(await this.conversations.append(conversation.id, [assistant])).map(toChatMessage));
      added.push(assistant);
      if (cancelled || calls.length === 0) break;

      for (const call of calls) {
        if (signal.aborted) {
          cancelled = true;
          break;
        }
        emit('chat:tool', { conversationId: conversation.id, call, status: 'running', summary: this.tools.describe(call.name, call.arguments) });
        const outcome = await this.tools.run(call.name, call.arguments, { api, projectId: conversation.projectId });
        log.info({ tool: call.name, arguments: call.arguments, status: outcome.status, summary: outcome.summary }, 'assistant tool call');
        emit('chat:tool', { conversationId: conversation.id, call, status: outcome.status, summary: outcome.summary, result: outcome.result });
        const result = message({
          role: 'tool',
          content: JSON.stringify(outcome.result ?? null).slice(0, TOOL_RESULT_CHARS),
          toolCallId: call.id,
          toolName: call.name,
          toolStatus: outcome.status,
          summary: outcome.summary,
          requestId: input.requestId,
        });
        stored.push(...(await this.conversations.append(conversation.id, [result])).map(toChatMessage));
      }
      if (cancelled) break;
    }

    const done: ChatTurn = { conversationId: conversation.id, messages: stored, ...turn, cancelled };
    emit('chat:complete', done);
    return done;
  }

  /** One AI message of the plan per turn, through the api with the user's token; 402 when the month's are used up. */
  private async chargeMessage(api: ApiClient): Promise<void> {
    try {
      await api.post('/billing/ai-messages', {});
    } catch (err) {
      if (err instanceof ApiCallError) throw new AppError(err.code === 'PAYMENT_REQUIRED' ? 'PAYMENT_REQUIRED' : 'SERVICE_UNAVAILABLE', err.message, err.details);
      throw err;
    }
  }

  /**
   * The messages the model sees: those after the stored summary. When there
   * are more than AI_HISTORY_MESSAGES, the oldest are folded into the
   * summary first (never splitting a tool call from its results).
   */
  private async history(conversation: ConversationEntity): Promise<ProviderMessage[]> {
    let rows = await this.conversations.messages(conversation.id, conversation.summarizedThrough);
    const limit = this.settings.historyMessages;
    if (rows.length > limit) {
      let cut = rows.length - Math.floor(limit / 2);
      while (cut < rows.length && rows[cut]!.role === 'tool') cut++;
      const folded = rows.slice(0, cut);
      const summary = [conversation.summary ?? '', ...folded.map(summaryLine)].filter(Boolean).join('\n').slice(-SUMMARY_CHARS);
      conversation.summary = summary;
      conversation.summarizedThrough = folded.at(-1)!.seq;
      await this.conversations.summarize(conversation.id, summary, conversation.summarizedThrough);
      rows = rows.slice(cut);
    }
    return rows.map((row): ProviderMessage => {
      if (row.role === 'tool') return { role: 'tool', toolCallId: row.toolCallId ?? '', name: row.toolName ?? '', content: row.content };
      if (row.role === 'assistant') return { role: 'assistant', content: row.content, ...(row.toolCalls ? { toolCalls: row.toolCalls } : {}) };
      return { role: 'user', content: row.content };
    });
  }

  private async systemPrompt(conversation: ConversationEntity, api: ApiClient): Promise<string> {
    const parts = [conversation.persona === 'operator' ? OPERATOR_SYSTEM : DAW_SYSTEM];
    if (conversation.summary) parts.push(`Earlier in this conversation:\n${conversation.summary}`);
    if (conversation.persona === 'daw' && conversation.projectId) {
      try {
        parts.push(`The project, as it is now:\n${projectBlock(projectState(await api.get<ProjectDocument>(`/projects/${conversation.projectId}/export`)))}`);
      } catch (err) {
        // The project may be gone or the user's access revoked; the tools will say so if asked to act.
        parts.push(`The project could not be read: ${(err as Error).message}`);
      }
    }
    return parts.join('\n\n');
  }
}

function message(fields: Partial<NewChatMessage> & Pick<NewChatMessage, 'role' | 'content'>): NewChatMessage {
  return { toolCalls: null, toolCallId: null, toolName: null, toolStatus: null, summary: null, provider: null, model: null, requestId: null, ...fields };
}

function summaryLine(row: { role: string; content: string; toolCalls: ToolCall[] | null; summary: string | null }): string {
  if (row.role === 'user') return `User: ${row.content.slice(0, 200)}`;
  if (row.role === 'tool') return `Tool: ${row.summary ?? row.content.slice(0, 120)}`;
  const calls = row.toolCalls?.map((c) => c.name).join(', ');
  return `Assistant: ${row.content.slice(0, 200)}${calls ? ` [called ${calls}]` : ''}`;
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
