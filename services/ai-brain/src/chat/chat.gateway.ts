import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { aiBrainClientEvents, AiBrainServerToClientEvents } from '@dawg/contracts';
import { AppError } from '@dawg/platform';
import { SocketServer } from '@dawg/realtime';
import { ChatService } from './chat.service';

type AiBrainSocketServer = SocketServer<typeof aiBrainClientEvents, AiBrainServerToClientEvents>;

/**
 * Socket.IO /ai-brain: `chat:message` is acknowledged once the message is
 * stored, then the turn streams to that socket (`chat:token`, `chat:tool`,
 * `chat:fallback`) and ends with `chat:complete` or `chat:error`;
 * `chat:cancel` stops it.
 */
@Injectable()
export class ChatGateway implements OnModuleInit {
  constructor(
    private readonly sockets: SocketServer,
    private readonly chat: ChatService,
  ) {}

  onModuleInit(): void {
    const sockets = this.sockets as unknown as AiBrainSocketServer;
    sockets.handle('chat:message', (payload, ctx) => {
      const caller = { principal: { id: ctx.user.id, roles: ctx.user.roles }, credential: { kind: 'bearer' as const, value: ctx.user.accessToken }, requestId: ctx.eventId };
      return new Promise((resolve, reject) => {
        let acknowledged = false;
        this.chat
          .send(caller, payload.conversationId, payload.content, (event, data) => (ctx.reply as (name: string, payload: unknown) => void)(event, data), (messageId) => {
            acknowledged = true;
            resolve({ conversationId: payload.conversationId, messageId });
          })
          .catch((err: unknown) => {
            // The stream ends with chat:error; before the message was stored, the ack carries the error too.
            const error = err instanceof AppError ? err : new AppError('INTERNAL', 'The assistant failed while answering.');
            if (!(err instanceof AppError)) ctx.log.error({ err }, 'chat turn failed');
            ctx.reply('chat:error', { conversationId: payload.conversationId, code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }), requestId: ctx.eventId });
            if (!acknowledged) reject(error);
          });
      });
    });
    sockets.handle('chat:cancel', async (payload, ctx) => ({ cancelled: await this.chat.cancel(ctx.user.id, payload.conversationId) }));
  }
}
