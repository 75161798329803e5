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

/** Room of everyone subscribed to one project. */
export const projectRoom = (projectId: string): string => `project:${projectId}`;
/** Room of every connection of one user. */
export const userRoom = (userId: string): string => `user:${userId}`;
