/**
 * The api's Socket.IO namespace (path /socket.io), typed with the event maps
 * from @dawg/contracts: a renamed event or a changed payload is a compile
 * error here. Payloads received are also checked against the contracts'
 * schemas, so a malformed event is dropped instead of corrupting the studio.
 */
import {
  apiClientEvents,
  type ClientToServerEvents,
  type PresenceUpdatedEvent,
  type ProjectUpdatedEvent,
  serverEventSchemas,
  type ServerToClientEvents,
  type SocketAck,
  type TrackUpdatedEvent,
} from '@dawg/contracts';
import { io, type Socket } from 'socket.io-client';
import type { AuthSession } from './session';

export type ApiSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ProjectEvents {
  onProjectUpdated(event: ProjectUpdatedEvent): void;
  onTrackUpdated(event: TrackUpdatedEvent): void;
  /** Who is in the project now (snapshots may arrive out of order: compare `at`). */
  onPresenceUpdated?(event: PresenceUpdatedEvent): void;
  /** Connected and subscribed (again, after a reconnect: the caller should catch up). */
  onSubscribed?(role: string): void;
  onConnectionChange?(connected: boolean): void;
}

/** Connects, joins `project:<id>` (again on every reconnect) and delivers its events; answers a disconnect function. */
export function subscribeToProject(session: AuthSession, projectId: string, handlers: ProjectEvents, url?: string): () => void {
  const options = {
    path: '/socket.io',
    // A function, so each (re)connection presents a live token.
    auth: (cb: (data: object) => void) => void session.token().then((token) => cb({ token })),
    transports: ['websocket', 'polling'],
  };
  const socket: ApiSocket = url ? io(url, options) : io(options);

  socket.on('connect', () => {
    handlers.onConnectionChange?.(true);
    const request = apiClientEvents['subscribe:project'].request.parse({ projectId });
    socket.emit('subscribe:project', request, (ack: SocketAck<{ projectId: string; role: string }>) => {
      if (ack.ok) handlers.onSubscribed?.(ack.data.role);
    });
  });
  socket.on('disconnect', () => handlers.onConnectionChange?.(false));
  socket.on('project:updated', (payload) => {
    const parsed = serverEventSchemas['project:updated'].safeParse(payload);
    if (parsed.success && parsed.data.projectId === projectId) handlers.onProjectUpdated(parsed.data);
  });
  socket.on('track:updated', (payload) => {
    const parsed = serverEventSchemas['track:updated'].safeParse(payload);
    if (parsed.success && parsed.data.projectId === projectId) handlers.onTrackUpdated(parsed.data);
  });
  socket.on('presence:updated', (payload) => {
    const parsed = serverEventSchemas['presence:updated'].safeParse(payload);
    if (parsed.success && parsed.data.projectId === projectId) handlers.onPresenceUpdated?.(parsed.data);
  });

  return () => {
    socket.removeAllListeners();
    socket.disconnect();
  };
}
