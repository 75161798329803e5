import { join } from 'node:path';
import { gatewaySessionListSchema, lockPrincipalResponseSchema, transcriptLinkSchema } from '@dawg/contracts';
import { type S3TestServer, ServiceProcess, startS3Server } from '@dawg/testing';
import { eventually, GatewayHarness, processesWith, type TestKey, type TestUser } from './harness';

/**
 * Sessions end when they must, and take their processes with them: TTL,
 * idle timeout, a client that vanishes, an admin's kill or lock; the caps
 * hold across two gateway processes sharing Redis; transcripts are stored.
 */
describe('gateway sessions', () => {
  const h = new GatewayHarness();
  let s3: S3TestServer;
  let user: TestUser;
  let admin: TestUser;
  let key: TestKey;

  beforeAll(async () => {
    s3 = await startS3Server();
    await h.start({ GATEWAY_SESSION_TTL_MS: '3000', GATEWAY_SESSION_IDLE_MS: '1500' }, s3.env);
    user = await h.user('sessions@example.com');
    admin = await h.user('sessions-admin@example.com', { admin: true });
    key = await h.registeredKey(user);
  }, 60_000);
  afterAll(async () => {
    await h.stop();
    await s3?.close();
  });

  it('ends an idle session, saying why', async () => {
    const started = Date.now();
    const shell = h.spawnSsh(key.path, undefined, { extra: ['-tt'] });
    expect(await shell.exited).toBe(255);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
    expect(Date.now() - started).toBeLessThan(2_900);
    expect(shell.output()).toContain('session ended: the session was idle too long');
  });

  it('ends a session at its TTL however busy, with its whole process tree, and stores its asciicast transcript', async () => {
    const marker = `ttl-${Date.now()}`;
    const started = Date.now();
    const client = h.spawnSsh(key.path, `grep ${marker}`);
    await eventually(() => (processesWith(marker).length ? true : undefined), 5_000, 'the command to start');
    expect(await client.exited).toBe(255);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_800);
    expect(client.output()).toContain('session ended: the session reached its time limit');
    await eventually(() => (processesWith(marker).length === 0 ? true : undefined), 3_000, 'the process tree to end');

    const [session] = await eventually(async () => {
      const rows = await h.sql<{ id: string; end_reason: string; transcript_key: string | null }>(`SELECT id, end_reason, transcript_key FROM gateway_sessions WHERE user_id = $1 AND end_reason = 'ttl'`, [user.id]);
      return rows[0]?.transcript_key ? rows : undefined;
    }, 5_000, 'the transcript');
    const link = await h.call('GET', `/gateway/sessions/${session!.id}/transcript`, admin.token, undefined, h.gateway.url);
    expect(link.status).toBe(200);
    const cast = await (await fetch(transcriptLinkSchema.parse(link.body).url)).text();
    const [header, ...events] = cast.trim().split('\n').map((line) => JSON.parse(line) as unknown);
    expect(header).toMatchObject({ version: 2, width: 80, height: 24 });
    expect(events).toContainEqual([expect.any(Number), 'm', `exec grep ${marker}`]);
    expect(events).toContainEqual([expect.any(Number), 'm', 'session ended: ttl']);
  });

  it('leaves no process behind when the client disappears mid-command', async () => {
    const marker = `orphan-${Date.now()}`;
    const client = h.spawnSsh(key.path, `grep ${marker}`);
    await eventually(() => (processesWith(marker).length ? true : undefined), 5_000, 'the command to start');
    client.child.kill('SIGKILL');
    await eventually(() => (processesWith(marker).length === 0 ? true : undefined), 3_000, 'the orphaned command to end');
  });

  describe('across two gateway processes sharing Redis', () => {
    const gateways: Array<{ process: ServiceProcess; url: string; ssh: number }> = [];
    let second: TestUser;
    let secondKey: TestKey;
    let userKey: TestKey;

    beforeAll(async () => {
      const env = {
        ...h.gatewayEnv(),
        LOG_LEVEL: 'info',
        REDIS_KEY_PREFIX: `${h.shared.REDIS_KEY_PREFIX}cluster:`,
        GATEWAY_MAX_SESSIONS: '3',
        GATEWAY_MAX_SESSIONS_PER_USER: '2',
        SSH_HOST_KEY_FILE: join(h.dir, 'ssh', 'host_ed25519_key'),
        // A replica that dies frees its sessions' slots within this.
        GATEWAY_SESSION_LEASE_MS: '3000',
      };
      for (let i = 0; i < 2; i++) {
        const { service, url } = await ServiceProcess.start('gateway', env);
        const listening = await service.waitForLog((l) => l.msg === 'ssh listening');
        gateways.push({ process: service, url, ssh: Number(listening.port) });
      }
      second = await h.user('second@example.com');
      secondKey = await h.registeredKey(second);
      userKey = await h.registeredKey(user);
    }, 60_000);
    afterAll(async () => {
      for (const g of gateways) await g.process.stop();
    });

    it('generates the host key once and both processes serve it', async () => {
      const [a, b] = await Promise.all(gateways.map((g) => g.process.waitForLog((l) => l.msg === 'ssh listening')));
      expect(a!.hostKeySource).toBe('generated');
      expect(b!.hostKeySource).toBe('file');
      expect(b!.hostKey).toBe(a!.hostKey);
    });

    it('holds the per-user and global caps across both, and lets admins list, kill and lock on any replica', async () => {
      const [a, b] = gateways as [(typeof gateways)[number], (typeof gateways)[number]];
      const hold = (k: TestKey, port: number, marker: string) => {
        const client = h.spawnSsh(k.path, `grep ${marker}`, { port });
        return { client, ready: eventually(() => (processesWith(marker).length ? true : undefined), 5_000, `${marker} to start`) };
      };
      const stamp = Date.now();
      const u1 = hold(userKey, a.ssh, `cap-u1a-${stamp}`);
      const u2 = hold(userKey, b.ssh, `cap-u1b-${stamp}`);
      await Promise.all([u1.ready, u2.ready]);

      // The user's third session, on either replica, is over their cap.
      const overUser = await h.ssh(userKey.path, 'echo hi', { port: a.ssh });
      expect(overUser.code).toBe(75);
      expect(overUser.stderr).toContain('refused (rule session.user-cap)');

      const s1 = hold(secondKey, b.ssh, `cap-s1-${stamp}`);
      await s1.ready;
      // Three open: the global cap, whoever asks.
      const overAll = await h.ssh(secondKey.path, 'echo hi', { port: a.ssh });
      expect(overAll.code).toBe(75);
      expect(overAll.stderr).toContain('refused (rule session.cap)');

      const list = gatewaySessionListSchema.parse((await h.call('GET', '/gateway/sessions', admin.token, undefined, a.url)).body);
      expect(list.items).toHaveLength(3);
      expect(new Set(list.items.map((s) => s.replica)).size).toBe(2);
      const secondSession = list.items.find((s) => s.userId === second.id)!;
      expect(secondSession.running).toBe(`grep cap-s1-${stamp}`);

      // Killed through A, held by B.
      expect((await h.call('DELETE', `/gateway/sessions/${secondSession.id}`, admin.token, undefined, a.url)).status).toBe(204);
      expect(await s1.client.exited).toBe(255);
      expect(s1.client.output()).toContain('an admin ended the session');
      await eventually(() => (processesWith(`cap-s1-${stamp}`).length === 0 ? true : undefined), 3_000, 'the killed session\'s command to end');
      expect((await h.call('DELETE', `/gateway/sessions/${secondSession.id}`, admin.token, undefined, a.url)).status).toBe(404);

      // Locked through B: both of the user's sessions (one on each replica) end within seconds, and no new one starts.
      const started = Date.now();
      const lock = await h.call('PUT', `/gateway/locks/${user.id}`, admin.token, { reason: 'incident 42' }, b.url);
      expect(lock.status).toBe(200);
      expect(lockPrincipalResponseSchema.parse(lock.body)).toMatchObject({ lock: { userId: user.id, lockedBy: admin.id, reason: 'incident 42' }, sessionsEnding: 2 });
      expect(await u1.client.exited).toBe(255);
      expect(await u2.client.exited).toBe(255);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(u1.client.output()).toContain('locked this account out of the gateway');
      expect(processesWith(`cap-u1a-${stamp}`)).toEqual([]);
      expect(processesWith(`cap-u1b-${stamp}`)).toEqual([]);
      expect((await h.ssh(userKey.path, 'echo hi', { port: a.ssh })).code).toBe(255);

      expect((await h.call('DELETE', `/gateway/locks/${user.id}`, admin.token, undefined, a.url)).status).toBe(204);
      expect(await h.ssh(userKey.path, 'echo back', { port: b.ssh })).toMatchObject({ code: 0, stdout: 'back\n' });
      const actions = await h.sql<{ action: string }>(`SELECT action FROM gateway_admin_actions WHERE actor_id = $1 ORDER BY occurred_at`, [admin.id]);
      expect(actions.map((x) => x.action)).toEqual(['gateway.session.killed', 'gateway.principal.locked', 'gateway.principal.unlocked']);
    });

    it('frees a dead replica\'s slots when its leases lapse', async () => {
      const [a, b] = gateways as [(typeof gateways)[number], (typeof gateways)[number]];
      const marker = `dead-${Date.now()}`;
      const client = h.spawnSsh(secondKey.path, `grep ${marker}`, { port: b.ssh });
      await eventually(() => (processesWith(marker).length ? true : undefined), 5_000, 'the command to start');
      b.process.signal('SIGKILL');
      await b.process.exited();
      await client.exited;
      // Its lease lapses within GATEWAY_SESSION_LEASE_MS (3 s here) without renewal; until then, it still counts.
      const list = gatewaySessionListSchema.parse((await h.call('GET', '/gateway/sessions', admin.token, undefined, a.url)).body);
      expect(list.items.some((s) => s.userId === second.id)).toBe(true);
      await eventually(async () => {
        const now = gatewaySessionListSchema.parse((await h.call('GET', '/gateway/sessions', admin.token, undefined, a.url)).body);
        return now.items.some((s) => s.userId === second.id) ? undefined : true;
      }, 6_000, 'the dead replica\'s lease to lapse');
      expect(await h.ssh(secondKey.path, 'echo again', { port: a.ssh })).toMatchObject({ code: 0, stdout: 'again\n' });
      // What the dead replica was running ends too (its input closed with the replica).
      await eventually(() => (processesWith(marker).length === 0 ? true : undefined), 3_000, 'the dead replica\'s command to end');
    });
  });
});
