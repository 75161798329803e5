import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { AppError } from '@dawg/platform';

/** The one answer to a write that carries a stale version: 409 with the version that is current now. */
export function staleVersion(what: string, currentVersion: number): AppError {
  return new AppError('CONFLICT', `${what} was changed by someone else since you read it; reload and try again.`, { currentVersion });
}

/** Drops keys whose value is undefined, so a partial update leaves those columns alone. */
export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Optimistic concurrency for one object inside a project: applies `patch`
 * only if the row still has `version`, bumping it. A stale version is 409
 * CONFLICT with the current version, a missing row 404 — never a silent
 * overwrite.
 */
export async function updateVersioned<T extends ObjectLiteral & { version: number }>(
  em: EntityManager,
  entity: EntityTarget<T>,
  what: string,
  key: { id: string; projectId: string },
  version: number,
  patch: Record<string, unknown>,
): Promise<T> {
  const result = await em
    .createQueryBuilder()
    .update(entity)
    .set({ ...definedOnly(patch), version: () => 'version + 1', updatedAt: () => 'now()' } as never)
    .where('id = :id AND project_id = :projectId AND version = :version', { ...key, version })
    .execute();
  const current = await em.findOneBy(entity, key as never);
  if (!current) throw AppError.notFound(what);
  if (!result.affected) {
    throw staleVersion(what, current.version);
  }
  return current;
}

/** Deletes one object inside a project; with a version, only if it is still current. Returns what it deleted. */
export async function deleteVersioned<T extends ObjectLiteral & { version: number }>(
  em: EntityManager,
  entity: EntityTarget<T>,
  what: string,
  key: { id: string; projectId: string },
  version: number | undefined,
): Promise<T> {
  const current = await em.findOne(entity, { where: key as never, lock: { mode: 'pessimistic_write' } });
  if (!current) throw AppError.notFound(what);
  const currentVersion = current.version;
  if (version !== undefined && version !== currentVersion) {
    throw staleVersion(what, currentVersion);
  }
  await em.delete(entity, key as never);
  return current;
}

/** Marks the project as changed (for "recently edited" sorting) when something inside it changes. */
export async function touchProject(em: EntityManager, projectId: string): Promise<void> {
  await em.query(`UPDATE projects SET updated_at = now() WHERE id = $1`, [projectId]);
}
