import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES, MIGRATIONS } from './schema';

export interface DataSourceSettings {
  url: string;
  /** Shown in pg_stat_activity, so DBAs can tell services apart. */
  applicationName: string;
  poolMax?: number;
}

export function dataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    applicationName: settings.applicationName,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    // The schema changes only through migrations, applied before pods start.
    synchronize: false,
    migrationsRun: false,
    extra: { max: settings.poolMax ?? 10, connectionTimeoutMillis: 5_000 },
  };
}

export function createDataSource(settings: DataSourceSettings): DataSource {
  return new DataSource(dataSourceOptions(settings));
}

// Any fixed 64-bit number shared by every migrator of this schema.
const MIGRATION_LOCK_ID = 7_340_001_925n;

/**
 * Applies pending migrations under a Postgres advisory lock, so concurrent
 * runs (several pods, a hook re-run) wait for each other instead of racing.
 * Returns the names of the migrations this call applied.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID.toString()]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID.toString()]).catch(() => undefined);
    await lock.release();
  }
}
