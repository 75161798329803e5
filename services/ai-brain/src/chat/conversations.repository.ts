import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ChatMessage, Conversation } from '@dawg/contracts';
import { ChatMessageEntity, ConversationEntity } from '@dawg/db';

/** A message to append; `seq` is assigned on insert. */
export type NewChatMessage = Omit<ChatMessageEntity, 'id' | 'conversationId' | 'seq' | 'createdAt'>;

/** conversations and chat_messages, which the ai-brain service owns. */
@Injectable()
export class ConversationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  create(row: Pick<ConversationEntity, 'userId' | 'projectId' | 'title' | 'persona'>): Promise<ConversationEntity> {
    const rows = this.db.getRepository(ConversationEntity);
    return rows.save(rows.create(row));
  }

  /** The conversation when it is this user's; undefined otherwise (someone else's is indistinguishable from none). */
  async owned(id: string, userId: string): Promise<ConversationEntity | undefined> {
    return (await this.db.getRepository(ConversationEntity).findOneBy({ id, userId })) ?? undefined;
  }

  async page(userId: string, query: { page: number; pageSize: number; projectId?: string }): Promise<{ items: ConversationEntity[]; total: number }> {
    const [items, total] = await this.db.getRepository(ConversationEntity).findAndCount({
      where: { userId, ...(query.projectId ? { projectId: query.projectId } : {}) },
      order: { updatedAt: 'DESC', id: 'ASC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return { items, total };
  }

  async delete(id: string, userId: string): Promise<boolean> {
    const result = await this.db.getRepository(ConversationEntity).delete({ id, userId });
    return (result.affected ?? 0) > 0;
  }

  messages(conversationId: string, afterSeq = 0): Promise<ChatMessageEntity[]> {
    return this.db
      .getRepository(ChatMessageEntity)
      .createQueryBuilder('m')
      .where('m.conversation_id = :conversationId AND m.seq > :afterSeq', { conversationId, afterSeq })
      .orderBy('m.seq', 'ASC')
      .getMany();
  }

  /**
   * Appends messages in order. The conversation row is locked first, so two
   * turns of one conversation (two tabs, two replicas) never interleave
   * their sequence numbers.
   */
  async append(conversationId: string, messages: NewChatMessage[]): Promise<ChatMessageEntity[]> {
    return this.db.transaction(async (em: EntityManager) => {
      await em.query('SELECT 1 FROM conversations WHERE id = $1 FOR UPDATE', [conversationId]);
      const [{ last }] = (await em.query('SELECT coalesce(max(seq), 0)::int AS last FROM chat_messages WHERE conversation_id = $1', [conversationId])) as Array<{ last: number }>;
      const rows = messages.map((m, i) => em.create(ChatMessageEntity, { ...m, conversationId, seq: last! + i + 1 }));
      const saved = await em.save(rows);
      await em.update(ConversationEntity, { id: conversationId }, { updatedAt: new Date() });
      return saved;
    });
  }

  async summarize(conversationId: string, summary: string, throughSeq: number): Promise<void> {
    await this.db.getRepository(ConversationEntity).update({ id: conversationId }, { summary, summarizedThrough: throughSeq });
  }
}

export function toConversation(row: ConversationEntity): Conversation {
  return { id: row.id, projectId: row.projectId, title: row.title, persona: row.persona, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

export function toChatMessage(row: ChatMessageEntity): ChatMessage {
  return {
    id: row.id,
    conversationId: row.conversationId,
    role: row.role,
    content: row.content,
    ...(row.toolCalls ? { toolCalls: row.toolCalls } : {}),
    ...(row.toolCallId ? { toolCallId: row.toolCallId } : {}),
    ...(row.toolName ? { toolName: row.toolName } : {}),
    ...(row.toolStatus ? { toolStatus: row.toolStatus } : {}),
    ...(row.summary ? { summary: row.summary } : {}),
    ...(row.provider ? { provider: row.provider } : {}),
    ...(row.model ? { model: row.model } : {}),
    createdAt: row.createdAt.toISOString(),
  };
}
