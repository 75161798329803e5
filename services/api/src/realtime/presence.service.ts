import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type Logger, ROOT_LOGGER } from '@dawg/platform';
import { SocketServer } from '@dawg/realtime';
import type { ApiSocketServer } from './api-socket.module';
import { presenceMembers } from './presence';
import { PresenceRepository } from './presence.repository';

const PROJECT_ROOM = /^project:(.+)$/;

/**
 * Who is in a project: whenever a socket of this replica joins or leaves
 * `project:<id>` (subscribe, unsubscribe, disconnect, removal from the
 * project), everyone in the room gets `presence:updated` with the room's
 * members on every replica. Changes that arrive while a snapshot is being
 * taken are folded into one more snapshot after it.
 */
@Injectable()
export class PresenceService implements OnModuleInit {
  private readonly sockets: ApiSocketServer;
  private readonly log: Logger;
  private readonly running = new Set<string>();
  private readonly stale = new Set<string>();

  constructor(
    sockets: SocketServer,
    private readonly repository: PresenceRepository,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.sockets = sockets as ApiSocketServer;
    this.log = logger.child({ component: 'presence' });
  }

  onModuleInit(): void {
    this.sockets.onRoomMembership((room) => {
      const projectId = PROJECT_ROOM.exec(room)?.[1];
      if (projectId) this.changed(projectId);
    });
  }

  /** Sends the project's presence now, or once more after the snapshot being taken. */
  changed(projectId: string): void {
    if (this.running.has(projectId)) {
      this.stale.add(projectId);
      return;
    }
    this.running.add(projectId);
    void this.announce(projectId).finally(() => {
      this.running.delete(projectId);
      if (this.stale.delete(projectId)) this.changed(projectId);
    });
  }

  private async announce(projectId: string): Promise<void> {
    // Begun before asking the replicas: a snapshot begun later saw at least as much.
    const at = new Date().toISOString();
    try {
      const sockets = await this.sockets.roomMembers(`project:${projectId}`);
      // An empty room has nobody to tell.
      if (!sockets.length) return;
      const names = await this.repository.displayNames([...new Set(sockets.map((s) => s.userId))]);
      this.sockets.toProject(projectId).emit('presence:updated', { projectId, members: presenceMembers(sockets, names), at });
    } catch (err) {
      this.log.warn({ err, projectId }, 'could not announce who is in the project');
    }
  }
}
