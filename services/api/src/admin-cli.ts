/**
 * `npm run admin -- grant|revoke <email>` and `npm run admin -- list`: who is
 * an admin on a self-hosted install, without writing SQL. Uses DATABASE_URL
 * like `npm run migrate`; in a pod: `node services/api/dist/admin-cli.js`.
 */
import 'reflect-metadata';
import { z } from 'zod';
import { createDataSource } from '@dawg/db';
import { loadConfigOrExit } from '@dawg/platform';
import { ADMIN_CLI_USAGE, parseAdminCommand, runAdminCommand } from './admin/admin-roles';

async function main(): Promise<number> {
  const command = parseAdminCommand(process.argv.slice(2));
  if (!command) {
    process.stderr.write(`${ADMIN_CLI_USAGE}\n`);
    return 64; // EX_USAGE
  }
  const env = loadConfigOrExit(z.object({ DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).describe('a postgres:// connection URL') }), 'admin');
  const db = createDataSource({ url: env.DATABASE_URL, applicationName: 'dawg-admin', poolMax: 1 });
  await db.initialize();
  try {
    const result = await runAdminCommand(db, command);
    (result.code === 0 ? process.stdout : process.stderr).write(`${result.message}\n`);
    return result.code;
  } finally {
    await db.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`admin: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
