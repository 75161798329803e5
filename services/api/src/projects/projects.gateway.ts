import { Injectable, type OnModuleInit } from '@nestjs/common';
import { projectRoom, SocketServer } from '@dawg/realtime';
import type { ApiSocketServer } from '../realtime/api-socket.module';
import { ProjectAccess } from './project-access';

/** Socket subscriptions to a project's changes: members only. */
@Injectable()
export class ProjectsGateway implements OnModuleInit {
  constructor(
    private readonly sockets: SocketServer,
    private readonly access: ProjectAccess,
  ) {}

  onModuleInit(): void {
    const sockets = this.sockets as ApiSocketServer;
    sockets.handle('subscribe:project', async ({ projectId }, { socket, user }) => {
      // A stranger learns nothing (NOT_FOUND, as over REST) and never joins.
      const role = await this.access.require(projectId, user.id, 'view');
      await socket.join(projectRoom(projectId));
      return { projectId, role };
    });
    sockets.handle('unsubscribe:project', async ({ projectId }, { socket }) => {
      await socket.leave(projectRoom(projectId));
      return { projectId };
    });
  }
}
