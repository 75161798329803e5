import type { ListProjectsQuery, Project, ProjectRole } from '@dawg/contracts';

/**
 * The SQL of the hottest reads of the product, as plain text with
 * parameters: the repository runs it, and `npm run bench:api` runs the very
 * same statements in its bare node:http + pg baseline.
 */

/** A project row as SQL returns it, with the caller's role. */
export interface ProjectRow {
  id: string;
  owner_id: string;
  name: string;
  description: string;
  bpm: number;
  time_signature_numerator: number;
  time_signature_denominator: number;
  key_tonic: string | null;
  key_scale: string | null;
  sample_rate: number;
  created_at: Date;
  updated_at: Date;
  version: number;
  role: ProjectRole;
}

export interface Statement {
  text: string;
  values: unknown[];
}

const COLUMNS = `p.id, p.owner_id, p.name, p.description, p.bpm, p.time_signature_numerator, p.time_signature_denominator,
  p.key_tonic, p.key_scale, p.sample_rate, p.created_at, p.updated_at, p.version`;
const ORDER_BY: Record<ListProjectsQuery['sort'], string> = {
  createdAt: 'p.created_at ASC, p.id',
  '-createdAt': 'p.created_at DESC, p.id',
  updatedAt: 'p.updated_at ASC, p.id',
  '-updatedAt': 'p.updated_at DESC, p.id',
  name: 'lower(p.name) ASC, p.id',
  '-name': 'lower(p.name) DESC, p.id',
};
const MEMBERSHIP = `FROM projects p LEFT JOIN project_members m ON m.project_id = p.id AND m.user_id = $1`;

/** One project with the caller's role; no row when the caller has none. */
export function projectForUserSql(id: string, userId: string): Statement {
  return {
    text: `SELECT ${COLUMNS}, CASE WHEN p.owner_id = $1 THEN 'owner' ELSE m.role END AS role
      ${MEMBERSHIP} WHERE p.id = $2 AND (p.owner_id = $1 OR m.user_id IS NOT NULL)`,
    values: [userId, id],
  };
}

function listFilter(userId: string, query: Pick<ListProjectsQuery, 'scope' | 'q'>): { where: string; values: unknown[] } {
  const where = [query.scope === 'owned' ? 'p.owner_id = $1' : query.scope === 'shared' ? 'm.user_id IS NOT NULL' : '(p.owner_id = $1 OR m.user_id IS NOT NULL)'];
  const values: unknown[] = [userId];
  if (query.q) {
    // The filter is a substring: LIKE's own wildcards in it are literals.
    values.push(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`p.name ILIKE $${values.length}`);
  }
  return { where: where.join(' AND '), values };
}

/** One page of the caller's projects, each row carrying the total count of matches. */
export function listProjectsSql(userId: string, query: ListProjectsQuery): Statement {
  const { where, values } = listFilter(userId, query);
  return {
    text: `SELECT ${COLUMNS}, CASE WHEN p.owner_id = $1 THEN 'owner' ELSE m.role END AS role, count(*) OVER () AS total
      ${MEMBERSHIP} WHERE ${where} ORDER BY ${ORDER_BY[query.sort]} LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
    values,
  };
}

/** The count alone, for a page past the last one (which has no rows to carry it). */
export function countProjectsSql(userId: string, query: ListProjectsQuery): Statement {
  const { where, values } = listFilter(userId, query);
  return { text: `SELECT count(*) AS n ${MEMBERSHIP} WHERE ${where}`, values };
}

/** The API's view of a row. */
export function toProject(row: ProjectRow): Project {
  return {
    id: row.id,
    ownerId: row.owner_id,
    name: row.name,
    description: row.description,
    bpm: row.bpm,
    timeSignature: { numerator: row.time_signature_numerator, denominator: row.time_signature_denominator },
    key: row.key_tonic && row.key_scale ? { tonic: row.key_tonic, scale: row.key_scale } : null,
    sampleRate: row.sample_rate,
    role: row.role,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}
