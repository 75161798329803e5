import { Injectable } from '@nestjs/common';
import type { Project, ProjectChange, Track } from '@dawg/contracts';
import { projectRoom, SocketServer, userRoom } from '@dawg/realtime';
import type { ApiSocketServer } from '../realtime/api-socket.module';

/** What a committed change tells the project's room, beyond the change itself. */
export interface ProjectChangeNotice {
  change: ProjectChange;
  /** The project's new state (changes to the project itself). */
  project?: Project;
  /** The track's new state (changes to a track). */
  track?: Track;
  /** The track a clip or take group is on (changes on a track). */
  trackId?: string;
}

/**
 * Tells everyone subscribed to a project what changed in it. Called after
 * the change's transaction has committed, so a client that refetches on the
 * event reads the new state; the Redis adapter carries it to every replica.
 */
@Injectable()
export class ProjectEvents {
  private readonly sockets: ApiSocketServer;

  constructor(sockets: SocketServer) {
    this.sockets = sockets as ApiSocketServer;
  }

  changed(projectId: string, actorId: string, { change, project, track, trackId }: ProjectChangeNotice): void {
    const at = new Date().toISOString();
    const room = this.sockets.toProject(projectId);
    const { role: _role, ...projectState } = project ?? { role: undefined };
    room.emit('project:updated', { projectId, change, actorId, at, ...(project ? { project: projectState as Omit<Project, 'role'> } : {}) });
    const onTrack = track?.id ?? trackId;
    if (onTrack) room.emit('track:updated', { projectId, trackId: onTrack, change, actorId, at, ...(track ? { track } : {}) });

    // Whoever lost access stops hearing about the project, on every replica.
    if (change.entity === 'project' && change.action === 'deleted') this.sockets.roomLeaves(projectRoom(projectId), projectRoom(projectId));
    if (change.entity === 'collaborator' && change.action === 'deleted') this.sockets.roomLeaves(userRoom(change.id), projectRoom(projectId));
  }
}
