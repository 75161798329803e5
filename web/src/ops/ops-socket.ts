/**
 * The admin's live feed on the api's Socket.IO namespace: `notification`
 * events (the gateway sends one to every admin when a command awaits
 * approval), checked against the contract before they reach the console.
 */
import { type NotificationEvent, serverEventSchemas } from '@dawg/contracts';
import { io } from 'socket.io-client';
import type { ApiSocket } from '../api/realtime';
import type { AuthSession } from '../api/session';

export interface OpsFeedHandlers {
  onNotification(event: NotificationEvent): void;
  onConnectionChange(connected: boolean): void;
}

/** Connects with the session's token (a fresh one on each reconnect); answers a disconnect function. */
export function connectOpsFeed(session: AuthSession, handlers: OpsFeedHandlers): () => void {
  const socket: ApiSocket = io({
    path: '/socket.io',
    auth: (cb: (data: object) => void) => void session.token().then((token) => cb({ token })),
    transports: ['websocket', 'polling'],
  });
  socket.on('connect', () => handlers.onConnectionChange(true));
  socket.on('disconnect', () => handlers.onConnectionChange(false));
  socket.on('notification', (payload) => {
    const parsed = serverEventSchemas.notification.safeParse(payload);
    if (parsed.success) handlers.onNotification(parsed.data);
  });
  return () => {
    socket.removeAllListeners();
    socket.disconnect();
  };
}
