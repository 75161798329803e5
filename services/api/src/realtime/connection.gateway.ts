import { Injectable, type OnModuleInit } from '@nestjs/common';
import { SocketServer } from '@dawg/realtime';
import type { ApiSocketServer } from './api-socket.module';

/** Events about the connection itself. */
@Injectable()
export class ConnectionGateway implements OnModuleInit {
  constructor(private readonly sockets: SocketServer) {}

  onModuleInit(): void {
    (this.sockets as ApiSocketServer).handle('ping', (payload, ctx) => {
      const pong = { serverTime: Date.now(), ...(payload?.clientTime === undefined ? {} : { clientTime: payload.clientTime }) };
      // Clients without an ack callback get the answer as an event.
      if (!ctx.hasAck) ctx.reply('pong', pong);
      return pong;
    });
  }
}
