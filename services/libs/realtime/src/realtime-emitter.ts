import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import type { ServerEventName, ServerEventPayload, ServerToClientEvents } from '@dawg/contracts';
import { socketChannelKey } from './redis-channels';
import { projectRoom, userRoom } from './socket-paths';

/** Emits to one room. */
export interface RoomEmitter {
  emit<E extends ServerEventName>(event: E, payload: ServerEventPayload<E>): void;
}

/**
 * Sends events to Socket.IO clients from a process without a socket server
 * (the generation worker): it publishes on the channel every replica's Redis
 * adapter listens to, and whichever replica holds the client delivers it.
 */
export class RealtimeEmitter {
  private readonly emitter: Emitter<ServerToClientEvents>;

  /**
   * @param redis a client of the installation's Redis (its own connection is
   *   fine; the emitter only PUBLISHes).
   * @param redisKeyPrefix the installation's REDIS_KEY_PREFIX.
   */
  constructor(redis: Redis, redisKeyPrefix: string) {
    this.emitter = new Emitter<ServerToClientEvents>(redis, { key: socketChannelKey(redisKeyPrefix) });
  }

  /** Every connection of one user (`user:<id>`): generation progress, notifications. */
  toUser(userId: string): RoomEmitter {
    return this.toRoom(userRoom(userId));
  }

  /** Everyone subscribed to one project (`project:<id>`). */
  toProject(projectId: string): RoomEmitter {
    return this.toRoom(projectRoom(projectId));
  }

  private toRoom(room: string): RoomEmitter {
    const operator = this.emitter.to(room);
    return {
      emit: (event, payload) => {
        // The emitter's typed helpers need a literal event name; ours is checked against the same map above.
        (operator.emit as (ev: string, ...args: unknown[]) => true)(event, payload);
      },
    };
  }
}
