import { dirname } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { type Approval, approvalListSchema, approvalSchema, type NotificationEvent } from '@dawg/contracts';
import { ApprovalsRepository, argvDigest } from '@dawg/gateway';
import { eventually, GatewayHarness, type TestKey, type TestUser } from './harness';

/**
 * Privileged commands (AI-CLI mode here) wait for another admin's approval,
 * bound to their session and exact argv: approve runs it once, deny and
 * expiry do not, self-approval and replays are refused.
 */
describe('approval of privileged commands', () => {
  const h = new GatewayHarness();
  let requester: TestUser;
  let admin: TestUser;
  let otherAdmin: TestUser;
  let requesterKey: TestKey;
  let adminKey: TestKey;
  let socket: Socket;
  const notifications: NotificationEvent[] = [];

  beforeAll(async () => {
    // node is the AI-CLI command these tests run: the one running the tests, wherever it is installed.
    await h.start({ GATEWAY_AI_CLI_ENABLED: 'true', GATEWAY_APPROVAL_TIMEOUT_MS: '4000', GATEWAY_COMMAND_PATH: `${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin` });
    requester = await h.user('agent-owner@example.com');
    admin = await h.user('approver@example.com', { admin: true });
    otherAdmin = await h.user('second-approver@example.com', { admin: true });
    requesterKey = await h.registeredKey(requester, ['gateway:exec', 'gateway:ai-cli'], { agent: 'release-bot' });
    adminKey = await h.registeredKey(admin, ['gateway:exec', 'gateway:ai-cli']);
    socket = io(h.api.url, { path: '/socket.io', transports: ['websocket'], auth: { token: admin.token }, reconnection: false });
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('connect_error', reject));
    socket.on('notification', (event: NotificationEvent) => notifications.push(event));
  }, 60_000);
  afterAll(async () => {
    socket?.disconnect();
    await h.stop();
  });

  const pending = (argvIncludes: string) =>
    eventually(async () => {
      const list = approvalListSchema.parse((await h.call('GET', '/gateway/approvals?status=pending', admin.token, undefined, h.gateway.url)).body);
      return list.items.find((a) => a.argv.includes(argvIncludes));
    }, 10_000, `a pending approval for ${argvIncludes}`);
  const decide = (id: string, verb: 'approve' | 'deny', token: string, reason?: string) => h.call<Approval>('POST', `/gateway/approvals/${id}/${verb}`, token, reason ? { reason } : {}, h.gateway.url);

  it('runs the command once another admin approves it, tells admins in real time, and records who approved', async () => {
    const client = h.spawnSsh(requesterKey.path, `node -e 'console.log(6 * 7)'`);
    const approval = await pending('console.log(6 * 7)');
    expect(approval).toMatchObject({ requesterId: requester.id, agent: 'release-bot', argv: ['node', '-e', 'console.log(6 * 7)'], rule: 'ai-cli.approval', status: 'pending' });
    await eventually(() => (notifications.some((n) => n.id === approval.id) ? true : undefined), 5_000, 'the admin notification');
    expect(notifications.find((n) => n.id === approval.id)).toMatchObject({ level: 'warning', link: `/api/v1/gateway/approvals/${approval.id}` });

    // The requester is no admin: the REST says so before anything else.
    expect((await decide(approval.id, 'approve', requester.token)).status).toBe(403);
    const approved = await decide(approval.id, 'approve', admin.token, 'release 1.2');
    expect(approved.status).toBe(200);
    expect(approvalSchema.parse(approved.body)).toMatchObject({ status: 'approved', decidedBy: admin.id });

    expect(await client.exited).toBe(0);
    expect(client.output()).toContain('approval required (rule ai-cli.approval)');
    expect(client.output()).toContain('42\n');
    const [row] = await h.sql<{ status: string }>(`SELECT status FROM gateway_approvals WHERE id = $1`, [approval.id]);
    expect(row!.status).toBe('consumed');
    const [command] = await h.sql<{ decision: string; approver_id: string; exit_code: number }>(`SELECT decision, approver_id, exit_code FROM gateway_commands WHERE approval_id = $1`, [approval.id]);
    expect(command).toMatchObject({ decision: 'approved', approver_id: admin.id, exit_code: 0 });

    // A decision cannot be given twice.
    expect((await decide(approval.id, 'approve', otherAdmin.token)).status).toBe(409);
  });

  it('refuses self-approval: the requester, even an admin, cannot approve their own command', async () => {
    const client = h.spawnSsh(adminKey.path, `node -e 'console.log("self")'`);
    const approval = await pending('console.log("self")');
    const self = await decide(approval.id, 'approve', admin.token);
    expect(self.status).toBe(403);
    expect(self.body.error?.message).toContain('your own command');
    expect((await decide(approval.id, 'approve', otherAdmin.token)).status).toBe(200);
    expect(await client.exited).toBe(0);
    expect(client.output()).toContain('self\n');
  });

  it('does not run a denied command, and tells the client why', async () => {
    const client = h.spawnSsh(requesterKey.path, `node -e 'console.log("denied")'`);
    const approval = await pending(`console.log("denied")`);
    expect((await decide(approval.id, 'deny', otherAdmin.token, 'not during the release freeze')).status).toBe(200);
    expect(await client.exited).toBe(126);
    expect(client.output()).toContain('denied by rule approval.denied');
    expect(client.output()).toContain('not during the release freeze');
    expect(client.output()).not.toMatch(/^denied$/m);
    const [command] = await h.sql<{ decision: string; finished_at: Date | null }>(`SELECT decision, finished_at FROM gateway_commands WHERE approval_id = $1`, [approval.id]);
    expect(command).toMatchObject({ decision: 'rejected', finished_at: null });
  });

  it('does not run a command whose approval expired, and refuses a late approval', async () => {
    const started = Date.now();
    const client = h.spawnSsh(requesterKey.path, `node -e 'console.log("late")'`);
    const approval = await pending('console.log("late")');
    expect(await client.exited).toBe(126);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_500);
    expect(client.output()).toContain('denied by rule approval.expired');
    expect(client.output()).not.toContain('late\n');
    const late = await decide(approval.id, 'approve', admin.token);
    expect(late.status).toBe(409);
    expect(late.body.error?.details).toMatchObject({ status: 'expired' });
  });

  it('binds an approval to its session and exact argv, and consumes it once: a replay finds nothing', async () => {
    const repository = h.gateway.app.get(ApprovalsRepository);
    const [session] = await h.sql<{ id: string }>(`SELECT id FROM gateway_sessions WHERE user_id = $1 LIMIT 1`, [requester.id]);
    const [otherSession] = await h.sql<{ id: string }>(`SELECT id FROM gateway_sessions WHERE user_id = $1 AND id <> $2 LIMIT 1`, [requester.id, session!.id]);
    const argv = ['node', '-e', 'console.log("bound")'];
    const created = await repository.create({ sessionId: session!.id, requesterId: requester.id, agent: null, argv, argvSha256: argvDigest(argv), cwd: '/w', rule: 'ai-cli.approval', expiresAt: new Date(Date.now() + 60_000) });
    expect((await decide(created.id, 'approve', admin.token)).status).toBe(200);
    expect(await repository.consume(created.id, otherSession!.id, argvDigest(argv))).toBeUndefined();
    expect(await repository.consume(created.id, session!.id, argvDigest([...argv, '--and-more']))).toBeUndefined();
    expect(await repository.consume(created.id, session!.id, argvDigest(argv))).toMatchObject({ status: 'consumed' });
    expect(await repository.consume(created.id, session!.id, argvDigest(argv))).toBeUndefined();
  });

  it('keeps privileged base commands for keys with gateway:admin, and AI-CLI commands for keys with gateway:ai-cli', async () => {
    const plain = await h.registeredKey(requester, ['gateway:exec']);
    expect(await h.ssh(plain.path, `node -e 1`)).toMatchObject({ code: 126, stderr: expect.stringContaining('denied by rule scope.ai-cli') });
    expect(await h.ssh(requesterKey.path, 'git fetch origin')).toMatchObject({ code: 126, stderr: expect.stringContaining('denied by rule scope.admin') });
  });
});
