import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { opsHealthResponseSchema, sessionResponseSchema, sshKeySchema } from '@dawg/contracts';
import { SshServerService } from '@dawg/gateway';
import { REPO_ROOT } from '@dawg/testing';
import { run } from '../gateway/harness';
import { PASSWORD, signIn, useWebStack } from './harness';

const ADMIN_CLI = join(REPO_ROOT, 'services/api/dist/admin-cli.js');

/**
 * The ops console end to end, in real Chromium against one unified process
 * (api, ai-brain, voice, generation and the SSH gateway, no AI keys): an
 * account made admin with the admin CLI sees every service healthy; another
 * user's agent runs a privileged command through the real OpenSSH client,
 * the admin sees the request arrive live and approves it in the browser, and
 * the command runs. A non-admin gets no console; the billing page shows the
 * plan and usage, with no upgrade button while billing is off.
 */
describe('the ops console and billing page in Chromium', () => {
  beforeAll(() => {
    if (!existsSync(ADMIN_CLI)) throw new Error('services/api/dist is missing: build first (npx tsc -b tsconfig.build.json)');
  });
  const web = useWebStack({
    tmpPrefix: 'dawg-ops-e2e-',
    env: (dir) => ({
      // A health sample every second, so the console has a 24 h uptime to show.
      OPS_HEALTH_SAMPLE_SECONDS: '1',
      // AI-CLI commands (node here: the one running the tests) each need an admin's approval.
      GATEWAY_AI_CLI_ENABLED: 'true',
      GATEWAY_COMMAND_PATH: `${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`,
      GATEWAY_WORKSPACE_ROOT: join(dir, 'gw'),
    }),
  });
  const { api, query, shot, newPage } = web;
  const register = async (email: string, displayName: string) => {
    const res = await api(null, 'POST', '/auth/register', { email, password: PASSWORD, displayName });
    expect(res.status).toBe(201);
    return sessionResponseSchema.parse(res.body);
  };
  const failing = (err: unknown) => web.failed(err, 'ops-failure');

  it('an admin made with the CLI sees every service healthy and approves an agent’s SSH command live; the command runs', async () => {
    const page = await newPage();
    let ssh: Promise<{ code: number | null; stdout: string; stderr: string }> | undefined;
    try {
      // ---- the admin: an ordinary account, made admin with the CLI an operator runs
      await register('ops@example.com', 'Olu Ops');
      const granted = await run(process.execPath, [ADMIN_CLI, 'grant', 'ops@example.com'], undefined, 30_000, { DATABASE_URL: web.db.url });
      expect(granted).toMatchObject({ code: 0, stdout: expect.stringContaining('ops@example.com is now an admin') });

      await signIn(page, 'ops@example.com', '/');
      await page.getByRole('heading', { name: 'Projects' }).waitFor();
      await page.getByRole('button', { name: /Olu Ops/ }).click();
      await shot(page, 'ops-01-user-menu');
      await page.getByRole('link', { name: 'Ops console' }).click();
      await page.waitForURL(/\/ops$/);

      // ---- every service healthy, with latency and uptime
      const health = page.getByRole('region', { name: 'Service health' });
      const services = ['api', 'ai-brain', 'voice', 'generation', 'gateway'];
      for (const name of services) await health.locator(`tr[data-service="${name}"]`, { hasText: 'Healthy' }).waitFor();
      // Uptime from the api's samples (kept in Redis): every one found each service up.
      for (const name of services) await health.locator(`tr[data-service="${name}"] .uptime`, { hasText: '100%' }).waitFor();
      await page.getByTestId('overall-status').filter({ hasText: 'Healthy' }).waitFor();
      await health.locator('tr[data-service="api"] td', { hasText: /\d+(\.\d)? ms/ }).first().waitFor();
      // The page shows what the api reports.
      const token = sessionResponseSchema.parse((await api(null, 'POST', '/auth/login', { email: 'ops@example.com', password: PASSWORD })).body).tokens.accessToken;
      const report = opsHealthResponseSchema.parse((await api(token, 'GET', '/ops/health')).body);
      expect(report.services.map((s) => [s.name, s.status])).toEqual(services.map((s) => [s, 'up']));
      await page.getByRole('region', { name: 'Business metrics' }).getByRole('img', { name: /AI cost per provider per day/ }).waitFor();
      await page.getByRole('region', { name: 'SSH gateway' }).getByText('Live', { exact: true }).waitFor();
      await shot(page, 'ops-02-console-healthy');

      // ---- a generation job the admin queues appears among the recent jobs and runs to the end
      const queued = await api<{ jobId: string }>(token, 'POST', '/generate/beat', { genre: 'trap', bpm: 140, bars: 4, key: 'F', scale: 'minor', complexity: 'simple', seed: 7 });
      expect(queued.status).toBe(202);
      const recentJobs = page.getByRole('table', { name: 'Recent jobs' });
      await recentJobs.locator('tr', { has: page.locator(`code[title="${queued.body.jobId}"]`), hasText: 'Succeeded' }).waitFor({ timeout: 30_000 });
      await recentJobs.scrollIntoViewIfNeeded();
      await shot(page, 'ops-02a-recent-jobs');
      await page.getByRole('region', { name: 'Business metrics' }).scrollIntoViewIfNeeded();
      await shot(page, 'ops-02b-metrics');

      // ---- another user's agent asks to run a privileged command over the real OpenSSH client
      const owner = await register('agent-owner@example.com', 'Ada Agent');
      const keyPath = join(web.dir, 'agent_key');
      expect((await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'release-bot', '-f', keyPath])).code).toBe(0);
      const key = await api(owner.tokens.accessToken, 'POST', '/ssh-keys', {
        name: 'release bot',
        publicKey: readFileSync(`${keyPath}.pub`, 'utf8').trim(),
        scopes: ['gateway:exec', 'gateway:ai-cli'],
        agent: 'release-bot',
      });
      expect(key.status).toBe(201);
      sshKeySchema.parse(key.body);
      const port = web.service.app.get(SshServerService).port!;
      ssh = run(
        'ssh',
        [
          '-F', '/dev/null', '-i', keyPath, '-o', 'IdentitiesOnly=yes', '-p', String(port),
          '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'BatchMode=yes',
          '-o', 'IdentityAgent=none', '-o', 'LogLevel=ERROR', '-o', 'ConnectTimeout=10',
          'agent@127.0.0.1', `node -e 'console.log(6 * 7)'`,
        ],
        undefined,
        110_000,
      );

      // ---- the request appears on the admin's page, announced over the socket
      const gateway = page.getByRole('region', { name: 'SSH gateway' });
      const approve = gateway.getByRole('button', { name: "Approve node -e 'console.log(6 * 7)'" });
      await approve.waitFor();
      await gateway.locator('[role="status"]', { hasText: 'An SSH command awaits approval' }).waitFor({ state: 'attached' });
      await gateway.locator('tr[data-session]', { hasText: 'release-bot' }).waitFor();
      await gateway.scrollIntoViewIfNeeded();
      await shot(page, 'ops-03-approval-pending');

      // ---- approved in the browser, with the keyboard; the command runs once and the client exits 0
      await gateway.getByLabel(/Reason for the decision/).fill('release 1.2');
      await approve.focus();
      await page.keyboard.press('Enter');
      const result = await ssh;
      ssh = undefined;
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('42');
      await gateway.locator('.decisions li', { hasText: "node -e 'console.log(6 * 7)'" }).filter({ hasText: /approved|consumed/ }).waitFor();
      expect(await approve.count()).toBe(0);
      const rows = await query<{ decision: string; exit_code: number }>(`SELECT decision, exit_code FROM gateway_commands WHERE approver_id IS NOT NULL`);
      expect(rows).toEqual([{ decision: 'approved', exit_code: 0 }]);
      await shot(page, 'ops-04-approved');

      // ---- the audit log finds the CLI's grant
      const audit = page.getByRole('region', { name: 'Audit log' });
      await audit.getByLabel('Action').fill('admin.*');
      await audit.getByRole('button', { name: 'Search' }).click();
      await audit.locator('tbody tr', { hasText: 'admin.granted' }).filter({ hasText: 'ops@example.com' }).waitFor();
      await audit.getByLabel('Action').fill('not a valid action');
      await audit.getByRole('button', { name: 'Search' }).click();
      await audit.getByRole('alert').filter({ hasText: 'action' }).waitFor();
      await audit.getByLabel('Action').fill('admin.*');
      await audit.getByRole('button', { name: 'Search' }).click();
      await audit.locator('tbody tr', { hasText: 'admin.granted' }).waitFor();
      await audit.locator('tbody tr').first().scrollIntoViewIfNeeded();
      await shot(page, 'ops-05-audit');
    } catch (err) {
      await failing(err);
    } finally {
      await ssh;
    }
  }, 180_000);

  it('gives a non-admin no console, and shows them their plan and usage with no upgrade button while billing is off', async () => {
    const page = await newPage();
    try {
      const musician = await register('musician@example.com', 'Mo Musician');
      await api(musician.tokens.accessToken, 'POST', '/projects', { name: 'First song' });
      expect((await api(musician.tokens.accessToken, 'GET', '/ops/health')).status).toBe(403);

      await signIn(page, 'musician@example.com', '/');
      await page.getByRole('heading', { name: 'Projects' }).waitFor();
      await page.getByRole('button', { name: /Mo Musician/ }).click();
      await page.getByRole('link', { name: 'Plan & usage' }).waitFor();
      expect(await page.getByRole('link', { name: 'Ops console' }).count()).toBe(0);
      await page.keyboard.press('Escape');

      await page.goto('/ops');
      await page.getByRole('heading', { name: 'Admins only' }).waitFor();
      expect(await page.getByRole('region', { name: 'Service health' }).count()).toBe(0);
      await shot(page, 'ops-06-non-admin-refused');

      // ---- billing, from the projects page
      await page.getByRole('button', { name: 'Back to your projects' }).click();
      await page.getByRole('link', { name: 'Plan and usage' }).click();
      await page.waitForURL(/\/billing$/);
      await page.getByRole('heading', { name: /Self-hosted/ }).waitFor();
      const bars = page.getByRole('progressbar');
      await bars.first().waitFor();
      expect(await bars.count()).toBe(4);
      expect(await page.locator('[data-entitlement="maxProjects"] [role="progressbar"]').getAttribute('aria-valuetext')).toBe('1 of 10,000');
      expect(await page.getByRole('button', { name: /Upgrade|Manage/ }).count()).toBe(0);
      await page.getByText('Billing is not set up on this installation').waitFor();
      await shot(page, 'ops-07-billing');

      // ---- the same menu in the studio's top bar
      const project = (await api<{ items: Array<{ id: string }> }>(musician.tokens.accessToken, 'GET', '/projects')).body.items[0]!;
      await page.goto(`/projects/${project.id}`);
      await page.getByRole('button', { name: 'Account menu for Mo Musician' }).click();
      await page.getByRole('link', { name: 'Plan & usage' }).waitFor();
      await shot(page, 'ops-08-studio-menu');
      await page.getByRole('link', { name: 'Plan & usage' }).click();
      await page.waitForURL(/\/billing$/);
      await page.getByRole('heading', { name: /Self-hosted/ }).waitFor();
    } catch (err) {
      await failing(err);
    }
  }, 90_000);
});
