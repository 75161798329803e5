import { Inject, Injectable } from '@nestjs/common';
import type { ChatTurn, Conversation, ConversationDetail, ConversationListQuery, ConversationPage, CreateConversationRequest } from '@dawg/contracts';
import type { Principal } from '@dawg/auth';
import type { ConversationEntity } from '@dawg/db';
import { ApiCallError, ApiClient, AppError, type Credential } from '@dawg/platform';
import { ChatTurnService, type TurnEmitter } from './chat-turn.service';
import { ConversationsRepository, toChatMessage, toConversation } from './conversations.repository';
import { CHAT_SETTINGS, type ChatSettings } from './chat.settings';

/** The caller and the token the assistant acts with. */
export interface ChatCaller {
  principal: Principal;
  credential: Credential;
  requestId: string;
}

/** Conversations of the caller: create (checked against the project), list, read, delete, and send a message. */
@Injectable()
export class ChatService {
  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly turns: ChatTurnService,
    @Inject(CHAT_SETTINGS) private readonly settings: ChatSettings,
  ) {}

  async create(caller: ChatCaller, request: CreateConversationRequest): Promise<Conversation> {
    if (request.persona === 'operator' && !caller.principal.roles.includes('admin')) {
      throw new AppError('FORBIDDEN', 'The operator assistant is for administrators.', { persona: 'operator' });
    }
    let title = request.title;
    if (request.projectId) {
      // The project must be one the caller can see; its name titles the conversation.
      const api = new ApiClient(this.settings.apiUrl, caller.credential, caller.requestId);
      try {
        const project = await api.get<{ name: string }>(`/projects/${request.projectId}`);
        title ??= `Chat about ${project.name}`;
      } catch (err) {
        if (err instanceof ApiCallError && err.status === 404) throw AppError.notFound('The project');
        throw err;
      }
    }
    const row = await this.conversations.create({
      userId: caller.principal.id,
      projectId: request.projectId ?? null,
      title: title ?? (request.persona === 'operator' ? 'Operator console' : 'New chat'),
      persona: request.persona,
    });
    return toConversation(row);
  }

  async list(userId: string, query: ConversationListQuery): Promise<ConversationPage> {
    const { items, total } = await this.conversations.page(userId, query);
    return { items: items.map(toConversation), page: query.page, pageSize: query.pageSize, total };
  }

  async detail(userId: string, id: string): Promise<ConversationDetail> {
    const row = await this.owned(userId, id);
    return { ...toConversation(row), messages: (await this.conversations.messages(id)).map(toChatMessage) };
  }

  async remove(userId: string, id: string): Promise<void> {
    this.turns.cancel(id);
    if (!(await this.conversations.delete(id, userId))) throw notFound();
  }

  async send(caller: ChatCaller, id: string, content: string, emit: TurnEmitter = () => undefined, started?: (messageId: string) => void): Promise<ChatTurn> {
    const conversation = await this.owned(caller.principal.id, id);
    return this.turns.run(
      { conversation, user: { id: caller.principal.id, credential: caller.credential, isAdmin: caller.principal.roles.includes('admin') }, content, requestId: caller.requestId, emit },
      started,
    );
  }

  async cancel(userId: string, id: string): Promise<boolean> {
    await this.owned(userId, id);
    return this.turns.cancel(id);
  }

  private async owned(userId: string, id: string): Promise<ConversationEntity> {
    const row = await this.conversations.owned(id, userId);
    if (!row) throw notFound();
    return row;
  }
}

function notFound(): AppError {
  return AppError.notFound('The conversation');
}
