import { apiClientEvents } from '@dawg/contracts';
import { RealtimeModule, type SocketServer } from '@dawg/realtime';

/**
 * The api's Socket.IO server (path /socket.io, main namespace). This one
 * module object is imported wherever an api feature handles socket events or
 * broadcasts, so they all share one server.
 */
export const ApiSocketModule = RealtimeModule.forRoot({ service: 'api', events: apiClientEvents });
export type ApiSocketServer = SocketServer<typeof apiClientEvents>;
