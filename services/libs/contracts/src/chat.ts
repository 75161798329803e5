import { z } from 'zod';
import { idSchema } from './projects';
import type { ClientEventSpecs, ClientToServerEventsOf } from './realtime';

/**
 * The AI assistant's conversations (REST /api/v1/chat, owned by ai-brain)
 * and its Socket.IO namespace `/ai-brain` (path /ai-brain/socket.io): a message goes in,
 * tokens and tool cards stream out, then one `chat:complete` or `chat:error`.
 */

/** `daw`: the musician's studio assistant, acting on a project. `operator`: the admin console's assistant (admins only). */
export const CHAT_PERSONAS = ['daw', 'operator'] as const;
export type ChatPersona = (typeof CHAT_PERSONAS)[number];

export const createConversationSchema = z.strictObject({
  /** The project the assistant works on; its tools act there. */
  projectId: idSchema.optional(),
  title: z.string().trim().min(1).max(120).optional(),
  persona: z.enum(CHAT_PERSONAS).default('daw'),
});
export type CreateConversationRequest = z.infer<typeof createConversationSchema>;

export const conversationSchema = z.object({
  id: z.string(),
  projectId: z.string().nullable(),
  title: z.string(),
  persona: z.enum(CHAT_PERSONAS),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Conversation = z.infer<typeof conversationSchema>;

export const conversationListQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  projectId: idSchema.optional(),
});
export type ConversationListQuery = z.infer<typeof conversationListQuerySchema>;
export const conversationPageSchema = z.object({ items: z.array(conversationSchema), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() });
export type ConversationPage = z.infer<typeof conversationPageSchema>;

export const conversationParamsSchema = z.strictObject({ conversationId: idSchema });

export const toolCallSchema = z.object({ id: z.string(), name: z.string(), arguments: z.record(z.string(), z.unknown()) });
export type ChatToolCall = z.infer<typeof toolCallSchema>;

export const CHAT_ROLES = ['user', 'assistant', 'tool'] as const;
export const TOOL_STATUSES = ['running', 'ok', 'error'] as const;
export const chatMessageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  role: z.enum(CHAT_ROLES),
  content: z.string(),
  /** Assistant messages: the tools it called. */
  toolCalls: z.array(toolCallSchema).optional(),
  /** Tool messages: which call this answers, the tool, how it went, and a line for a card ("Created track Lead Vox"). */
  toolCallId: z.string().optional(),
  toolName: z.string().optional(),
  toolStatus: z.enum(TOOL_STATUSES).optional(),
  summary: z.string().optional(),
  /** Assistant messages: who wrote it. */
  provider: z.string().optional(),
  model: z.string().optional(),
  createdAt: z.string(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export const conversationDetailSchema = conversationSchema.extend({ messages: z.array(chatMessageSchema) });
export type ConversationDetail = z.infer<typeof conversationDetailSchema>;

export const sendMessageSchema = z.strictObject({ content: z.string().trim().min(1).max(8_000) });
export type SendMessageRequest = z.infer<typeof sendMessageSchema>;

/** A provider that failed and the one that took over, for "provider down, fallback used". */
export const chatFallbackSchema = z.object({ from: z.string(), to: z.string(), reason: z.string() });
export const chatUsageSchema = z.object({ inputTokens: z.number().int(), outputTokens: z.number().int(), costUsd: z.number() });

/** What a turn ended with: every message it added (assistant text, tool calls and their results, the final answer). */
export const chatTurnSchema = z.object({
  conversationId: z.string(),
  messages: z.array(chatMessageSchema),
  provider: z.string(),
  model: z.string(),
  usage: chatUsageSchema,
  fallbacks: z.array(chatFallbackSchema),
  cancelled: z.boolean(),
});
export type ChatTurn = z.infer<typeof chatTurnSchema>;

// ------------------------------------------------------------- Socket.IO /ai-brain

export const aiBrainClientEvents = {
  /** Runs a turn: the ack says it started (with the stored user message); the turn streams as events. */
  'chat:message': {
    request: z.strictObject({ conversationId: idSchema, content: sendMessageSchema.shape.content }),
    result: z.object({ conversationId: z.string(), messageId: z.string() }),
  },
  /** Stops the conversation's running turn: the stream ends with `chat:complete` marked cancelled. */
  'chat:cancel': { request: z.strictObject({ conversationId: idSchema }), result: z.object({ cancelled: z.boolean() }) },
} satisfies ClientEventSpecs;
export type AiBrainClientToServerEvents = ClientToServerEventsOf<typeof aiBrainClientEvents>;

export const chatTokenEventSchema = z.object({ conversationId: z.string(), messageId: z.string(), delta: z.string() });
export const chatToolEventSchema = z.object({
  conversationId: z.string(),
  call: toolCallSchema,
  status: z.enum(TOOL_STATUSES),
  /** A line for the card: "Creating track Lead Vox" while running, "Created track Lead Vox" when done, the error when not. */
  summary: z.string(),
  result: z.unknown().optional(),
});
export const chatFallbackEventSchema = z.object({ conversationId: z.string() }).extend(chatFallbackSchema.shape);
export const chatCompleteEventSchema = chatTurnSchema;
export const chatErrorEventSchema = z.object({
  conversationId: z.string(),
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
  requestId: z.string(),
});

export const aiBrainServerEventSchemas = {
  'chat:token': chatTokenEventSchema,
  'chat:tool': chatToolEventSchema,
  'chat:fallback': chatFallbackEventSchema,
  'chat:complete': chatCompleteEventSchema,
  'chat:error': chatErrorEventSchema,
} as const;
export type AiBrainServerEventName = keyof typeof aiBrainServerEventSchemas;
export type AiBrainServerToClientEvents = { [E in AiBrainServerEventName]: (payload: z.input<(typeof aiBrainServerEventSchemas)[E]>) => void };
