/**
 * `npm run migrate`: applies pending migrations to DATABASE_URL. Safe to run
 * twice and concurrently; the Helm chart runs it as a pre-install/pre-upgrade hook.
 */
import 'reflect-metadata';
import { z } from 'zod';
import { loadConfigOrExit } from '@dawg/platform';
import { createDataSource, runMigrations } from './data-source';

const env = loadConfigOrExit(
  z.object({ DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).describe('a postgres:// connection URL') }),
  'migrate',
);

async function main(): Promise<void> {
  const dataSource = createDataSource({ url: env.DATABASE_URL, applicationName: 'dawg-migrate', poolMax: 2 });
  await dataSource.initialize();
  try {
    const applied = await runMigrations(dataSource);
    process.stdout.write(`${JSON.stringify({ level: 'info', msg: 'migrations applied', applied })}\n`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${JSON.stringify({ level: 'fatal', msg: 'migration failed', err: String(err) })}\n`);
  process.exit(1);
});
