/**
 * The assistant's Socket.IO namespace `/ai-brain` (path /ai-brain/socket.io),
 * typed with @dawg/contracts' event maps; payloads are checked against the
 * contracts' schemas on receipt, so a malformed event is dropped rather than
 * shown. The handshake presents the session's live token, as the api's does.
 */
import {
  type AiBrainClientToServerEvents,
  aiBrainClientEvents,
  aiBrainServerEventSchemas,
  type AiBrainServerToClientEvents,
  type SocketAck,
} from '@dawg/contracts';
import type { z } from 'zod';
import { io, type Socket } from 'socket.io-client';
import type { AuthSession } from '../api/session';

export type AiBrainSocket = Socket<AiBrainServerToClientEvents, AiBrainClientToServerEvents>;
type Schemas = typeof aiBrainServerEventSchemas;
export type AiBrainEvent = { [E in keyof Schemas]: { name: E; payload: z.output<Schemas[E]> } }[keyof Schemas];

export interface AiBrainConnection {
  socket: AiBrainSocket;
  /** Sends a message; resolves with the stored message's id once the service has accepted the turn, or rejects with its error. */
  send(conversationId: string, content: string): Promise<{ messageId: string }>;
  cancel(conversationId: string): Promise<boolean>;
  close(): void;
}

export class SocketAckError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly requestId?: string,
  ) {
    super(message);
  }
}

const EVENT_NAMES = Object.keys(aiBrainServerEventSchemas) as Array<keyof Schemas>;

export function connectAiBrain(session: AuthSession, onEvent: (event: AiBrainEvent) => void, onConnection?: (connected: boolean) => void, url?: string): AiBrainConnection {
  const options = {
    path: '/ai-brain/socket.io',
    auth: (cb: (data: object) => void) => void session.token().then((token) => cb({ token })),
    transports: ['websocket', 'polling'],
  };
  const socket: AiBrainSocket = io(`${url ?? ''}/ai-brain`, options);
  socket.on('connect', () => onConnection?.(true));
  socket.on('disconnect', () => onConnection?.(false));
  for (const name of EVENT_NAMES) {
    (socket as unknown as Socket).on(name, (payload: unknown) => {
      const parsed = aiBrainServerEventSchemas[name].safeParse(payload);
      if (parsed.success) onEvent({ name, payload: parsed.data } as AiBrainEvent);
    });
  }
  const ack = <T>(resolve: (value: T) => void, reject: (err: Error) => void) => (response: SocketAck<T>) => {
    if (response.ok) resolve(response.data);
    else reject(new SocketAckError(response.error.code, response.error.message, response.error.details, response.error.requestId));
  };
  return {
    socket,
    send: (conversationId, content) =>
      new Promise((resolve, reject) => {
        const request = aiBrainClientEvents['chat:message'].request.parse({ conversationId, content });
        socket.emit('chat:message', request, ack<{ conversationId: string; messageId: string }>(resolve, reject));
      }),
    cancel: (conversationId) =>
      new Promise((resolve, reject) => {
        socket.emit('chat:cancel', { conversationId }, ack<{ cancelled: boolean }>((r) => resolve(r.cancelled), reject));
      }),
    close: () => {
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}
