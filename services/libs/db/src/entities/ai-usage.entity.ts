import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One LLM call: who, which provider and model, tokens and cost. Owned by the ai-brain service. */
@Entity({ name: 'ai_usage' })
@Index('ai_usage_created_provider_idx', ['createdAt', 'provider'])
export class AiUsageEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Null once the account is deleted: the cost stays on the books. */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ name: 'conversation_id', type: 'uuid', nullable: true })
  conversationId!: string | null;

  /** `anthropic`, `openai`, `gemini` or `offline`. */
  @Column({ type: 'text' })
  provider!: string;

  @Column({ type: 'text' })
  model!: string;

  @Column({ name: 'input_tokens', type: 'integer', default: 0 })
  inputTokens!: number;

  @Column({ name: 'output_tokens', type: 'integer', default: 0 })
  outputTokens!: number;

  /** A decimal string (numeric(12,6)), so cents are never lost to floating point. */
  @Column({ name: 'cost_usd', type: 'numeric', precision: 12, scale: 6, default: 0 })
  costUsd!: string;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
