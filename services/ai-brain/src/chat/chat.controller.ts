import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  type ChatTurn,
  chatTurnSchema,
  type Conversation,
  type ConversationDetail,
  conversationDetailSchema,
  type ConversationListQuery,
  conversationListQuerySchema,
  type ConversationPage,
  conversationPageSchema,
  conversationParamsSchema,
  conversationSchema,
  type CreateConversationRequest,
  createConversationSchema,
  type SendMessageRequest,
  sendMessageSchema,
} from '@dawg/contracts';
import { CurrentUser, type Principal, Scopes } from '@dawg/auth';
import { ApiDoc, credentialOf, RateLimit, ZodValidationPipe } from '@dawg/platform';
import { type ChatCaller, ChatService } from './chat.service';

const ConversationParams = () => Param(new ZodValidationPipe(conversationParamsSchema));

/** The credential the request came with, so the assistant's tools act with exactly the caller's authority. */
function callerOf(principal: Principal, req: FastifyRequest): ChatCaller {
  return { principal, credential: credentialOf(req.headers), requestId: String(req.id) };
}

@Controller('chat/conversations')
@Scopes('ai:chat')
export class ChatController {
  constructor(private readonly chat: ChatService) {}

  @Post()
  @ApiDoc({ summary: 'Start a conversation with the assistant, optionally about a project', status: 201, response: conversationSchema, errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'FORBIDDEN'] })
  create(@CurrentUser() user: Principal, @Body(new ZodValidationPipe(createConversationSchema)) body: CreateConversationRequest, @Req() req: FastifyRequest): Promise<Conversation> {
    return this.chat.create(callerOf(user, req), body);
  }

  @Get()
  @ApiDoc({ summary: 'The caller’s conversations, most recent first', response: conversationPageSchema, errors: ['VALIDATION_FAILED'] })
  list(@CurrentUser() user: Principal, @Query(new ZodValidationPipe(conversationListQuerySchema)) query: ConversationListQuery): Promise<ConversationPage> {
    return this.chat.list(user.id, query);
  }

  @Get(':conversationId')
  @ApiDoc({ summary: 'A conversation with its messages (tool calls and their results included)', response: conversationDetailSchema, errors: ['VALIDATION_FAILED', 'NOT_FOUND'] })
  detail(@CurrentUser() user: Principal, @ConversationParams() params: { conversationId: string }): Promise<ConversationDetail> {
    return this.chat.detail(user.id, params.conversationId);
  }

  @Delete(':conversationId')
  @HttpCode(204)
  @ApiDoc({ summary: 'Delete a conversation and its messages', response: null, errors: ['VALIDATION_FAILED', 'NOT_FOUND'] })
  async remove(@CurrentUser() user: Principal, @ConversationParams() params: { conversationId: string }): Promise<void> {
    await this.chat.remove(user.id, params.conversationId);
  }

  @Post(':conversationId/messages')
  @HttpCode(200)
  @RateLimit('general')
  @ApiDoc({
    summary: 'Send a message and wait for the whole turn (tool calls run as the caller); Socket.IO /ai-brain streams the same turn as it happens',
    response: chatTurnSchema,
    errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'CONFLICT', 'PAYMENT_REQUIRED', 'SERVICE_UNAVAILABLE'],
  })
  send(
    @CurrentUser() user: Principal,
    @ConversationParams() params: { conversationId: string },
    @Body(new ZodValidationPipe(sendMessageSchema)) body: SendMessageRequest,
    @Req() req: FastifyRequest,
  ): Promise<ChatTurn> {
    return this.chat.send(callerOf(user, req), params.conversationId, body.content);
  }
}
