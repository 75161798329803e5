import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ProjectRole } from '@dawg/contracts';
import { AppError } from '@dawg/platform';

/** What a caller wants to do with a project; each needs at least the role beside it. */
export type ProjectAction = 'view' | 'edit' | 'own';
const RANK: Record<ProjectRole, number> = { viewer: 1, editor: 2, owner: 3 };
const NEEDS: Record<ProjectAction, ProjectRole> = { view: 'viewer', edit: 'editor', own: 'owner' };

/**
 * The one place project permissions are decided. Someone with no role in a
 * project learns nothing about it (404, as for a project that does not
 * exist); a collaborator whose role is too low is told so (403).
 */
@Injectable()
export class ProjectAccess {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async roleOf(projectId: string, userId: string, em: EntityManager = this.db.manager): Promise<ProjectRole | undefined> {
    const rows: Array<{ role: ProjectRole }> = await em.query(
      `SELECT CASE WHEN p.owner_id = $2 THEN 'owner' ELSE m.role END AS role
         FROM projects p LEFT JOIN project_members m ON m.project_id = p.id AND m.user_id = $2
        WHERE p.id = $1 AND (p.owner_id = $2 OR m.user_id IS NOT NULL)`,
      [projectId, userId],
    );
    return rows[0]?.role;
  }

  /** The caller's role, if it allows `action`; throws 404 or 403 otherwise. */
  async require(projectId: string, userId: string, action: ProjectAction, em?: EntityManager): Promise<ProjectRole> {
    const role = await this.roleOf(projectId, userId, em);
    if (!role) throw AppError.notFound('The project');
    if (RANK[role] < RANK[NEEDS[action]]) {
      throw new AppError('FORBIDDEN', `Your role in this project (${role}) cannot ${action === 'own' ? 'do this; only the owner can' : action} it.`, { role, required: NEEDS[action] });
    }
    return role;
  }
}
