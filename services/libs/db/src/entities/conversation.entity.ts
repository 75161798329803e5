import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** An AI assistant conversation of one user, optionally about one project. Owned by the ai-brain service. */
@Entity({ name: 'conversations' })
export class ConversationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'project_id', type: 'uuid', nullable: true })
  projectId!: string | null;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  persona!: 'daw' | 'operator';

  /** The gist of the messages up to `summarizedThrough` (their seq), which are then left out of the model's context. */
  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  @Column({ name: 'summarized_through', type: 'integer', default: 0 })
  summarizedThrough!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** One message of a conversation: the user's, the assistant's (with the tools it called), or a tool's result. */
@Entity({ name: 'chat_messages' })
export class ChatMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId!: string;

  /** Order within the conversation, from 1. */
  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'text' })
  role!: 'user' | 'assistant' | 'tool';

  @Column({ type: 'text' })
  content!: string;

  @Column({ name: 'tool_calls', type: 'jsonb', nullable: true })
  toolCalls!: Array<{ id: string; name: string; arguments: Record<string, unknown> }> | null;

  @Column({ name: 'tool_call_id', type: 'text', nullable: true })
  toolCallId!: string | null;

  @Column({ name: 'tool_name', type: 'text', nullable: true })
  toolName!: string | null;

  @Column({ name: 'tool_status', type: 'text', nullable: true })
  toolStatus!: 'running' | 'ok' | 'error' | null;

  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  @Column({ type: 'text', nullable: true })
  provider!: string | null;

  @Column({ type: 'text', nullable: true })
  model!: string | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
