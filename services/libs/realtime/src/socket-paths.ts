/**
 * Each service serves Socket.IO on its own path so an ingress can route by
 * path: `/socket.io` (api), `/ai-brain/socket.io`, `/voice/socket.io`.
 */
export const SOCKET_PATHS = {
  api: '/socket.io',
  'ai-brain': '/ai-brain/socket.io',
  voice: '/voice/socket.io',
} as const;
export type SocketService = keyof typeof SOCKET_PATHS;

/** The namespace each service's clients join on its path: the api's main one, `/ai-brain`, `/realtime-voice`. */
export const SOCKET_NAMESPACES = {
  api: '/',
  'ai-brain': '/ai-brain',
  voice: '/realtime-voice',
} as const satisfies Record<SocketService, string>;

/** Room of everyone subscribed to one project. */
export const projectRoom = (projectId: string): string => `project:${projectId}`;
/** Room of every connection of one user. */
export const userRoom = (userId: string): string => `user:${userId}`;
