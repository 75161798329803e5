import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ListProjectsQuery } from '@dawg/contracts';
import { countProjectsSql, listProjectsSql, projectForUserSql, type ProjectRow, type Statement } from './projects.sql';

export type { ProjectRow } from './projects.sql';

/** Project reads are plain SQL: they are the hottest queries of the product. */
@Injectable()
export class ProjectsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Runs `work` in one transaction; `snapshot` gives every query in it the same view (REPEATABLE READ), for exports. */
  transaction<T>(work: (em: EntityManager) => Promise<T>, { snapshot = false } = {}): Promise<T> {
    return snapshot ? this.db.transaction('REPEATABLE READ', work) : this.db.transaction(work);
  }

  /** The project with the caller's role, or undefined when the caller has none. */
  async findForUser(id: string, userId: string, em: EntityManager = this.db.manager): Promise<ProjectRow | undefined> {
    const rows = await run<ProjectRow>(em, projectForUserSql(id, userId));
    return rows[0];
  }

  async listForUser(userId: string, query: ListProjectsQuery): Promise<{ rows: ProjectRow[]; total: number }> {
    const rows = await run<ProjectRow & { total: string }>(this.db.manager, listProjectsSql(userId, query));
    if (rows.length) return { rows, total: Number(rows[0]!.total) };
    // Past the last page there are no rows to carry the window count.
    const total = query.page === 1 ? 0 : Number((await run<{ n: string }>(this.db.manager, countProjectsSql(userId, query)))[0]!.n);
    return { rows, total };
  }

  /** Serialises project creation per owner, so the project limit cannot be overrun by parallel requests. */
  async lockOwner(em: EntityManager, userId: string): Promise<number> {
    await em.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [userId]);
    const rows: Array<{ n: string }> = await em.query(`SELECT count(*) AS n FROM projects WHERE owner_id = $1`, [userId]);
    return Number(rows[0]!.n);
  }
}

function run<T>(em: EntityManager, statement: Statement): Promise<T[]> {
  return em.query(statement.text, statement.values);
}
