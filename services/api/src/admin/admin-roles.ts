import type { DataSource } from 'typeorm';

export type AdminCommand = { verb: 'grant' | 'revoke'; email: string } | { verb: 'list' };

export interface AdminCommandResult {
  /** The process exit status: 0 done (or nothing to do), 1 no such account, 64 bad usage. */
  code: 0 | 1 | 64;
  message: string;
}

export const ADMIN_CLI_USAGE = [
  'usage: npm run admin -- grant <email>    make the account an admin',
  '       npm run admin -- revoke <email>   take admin away',
  '       npm run admin -- list             list the admins',
  '(in a pod: node services/api/dist/admin-cli.js <command>; reads DATABASE_URL)',
].join('\n');

/** The command line's words as a command, or null when they are not one. */
export function parseAdminCommand(args: readonly string[]): AdminCommand | null {
  const [verb, email, ...rest] = args;
  if (rest.length > 0) return null;
  if (verb === 'list' && email === undefined) return { verb };
  if ((verb === 'grant' || verb === 'revoke') && email !== undefined && /^[^\s@]+@[^\s@]+$/.test(email)) return { verb, email };
  return null;
}

/**
 * Grants or revokes the admin role in one transaction with its audit event
 * (`admin.granted` / `admin.revoked`, no actor: whoever ran the CLI holds
 * the database credentials). The user's next access token carries the
 * change: at their next sign-in or session refresh.
 */
export async function runAdminCommand(db: DataSource, command: AdminCommand): Promise<AdminCommandResult> {
  if (command.verb === 'list') {
    const rows = (await db.query(`SELECT email, display_name AS "displayName" FROM users WHERE 'admin' = ANY(roles) ORDER BY lower(email)`)) as Array<{ email: string; displayName: string }>;
    return { code: 0, message: rows.length ? rows.map((r) => `${r.email}\t${r.displayName}`).join('\n') : 'no admins' };
  }
  const { verb, email } = command;
  return db.transaction(async (em) => {
    const [user] = (await em.query(`SELECT id, email, roles FROM users WHERE lower(email) = lower($1) FOR UPDATE`, [email])) as Array<{ id: string; email: string; roles: string[] }>;
    if (!user) return { code: 1, message: `no account with the email ${email}` };
    const isAdmin = user.roles.includes('admin');
    if (verb === 'grant' && isAdmin) return { code: 0, message: `${user.email} is already an admin` };
    if (verb === 'revoke' && !isAdmin) return { code: 0, message: `${user.email} is not an admin` };
    const roles = verb === 'grant' ? [...user.roles, 'admin'] : user.roles.filter((r) => r !== 'admin');
    await em.query(`UPDATE users SET roles = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [user.id, roles]);
    await em.query(`INSERT INTO audit_events (action, actor_id, details) VALUES ($1, NULL, $2)`, [
      verb === 'grant' ? 'admin.granted' : 'admin.revoked',
      { userId: user.id, email: user.email, via: 'cli' },
    ]);
    const done = verb === 'grant' ? `${user.email} is now an admin` : `${user.email} is no longer an admin`;
    return { code: 0, message: `${done} (from their next sign-in or session refresh)` };
  });
}
