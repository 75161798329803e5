import { connect } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client as Ssh2Client } from 'ssh2';
import { type SshKey, sshKeyListSchema } from '@dawg/contracts';
import type { RunningService } from '@dawg/platform';
import { eventually, GatewayHarness, run, type TestKey, type TestUser } from './harness';

/**
 * Who gets in, and what they get: the real OpenSSH client against the
 * gateway, with keys registered through the api.
 */
describe('SSH access to the gateway', () => {
  const h = new GatewayHarness();
  let user: TestUser;
  let admin: TestUser;
  let key: TestKey & { id: string };

  beforeAll(async () => {
    await h.start({ GATEWAY_COMMAND_TIMEOUT_MS: '1500', GATEWAY_OUTPUT_MAX_BYTES: '65536' });
    user = await h.user('operator@example.com');
    admin = await h.user('admin@example.com', { admin: true });
    key = await h.registeredKey(user, ['gateway:exec'], { agent: 'claude-code' });
  }, 60_000);
  afterAll(() => h.stop());

  describe('registering keys through the api', () => {
    it('stores the key with the fingerprint ssh-keygen prints, its scopes and its agent, and lists it', async () => {
      const list = sshKeyListSchema.parse((await h.call('GET', '/ssh-keys', user.token)).body);
      expect(list.items).toHaveLength(1);
      expect(list.items[0]).toMatchObject({ id: key.id, fingerprint: key.fingerprint, algorithm: 'ssh-ed25519', agent: 'claude-code', scopes: ['gateway:exec'], revokedAt: null });
      expect(list.items[0]!.publicKey).toBe(key.publicKey.split(' ').slice(0, 2).join(' '));
    });

    it('accepts RSA and ECDSA keys too', async () => {
      for (const type of ['rsa', 'ecdsa'] as const) {
        const pair = await h.keygen(type);
        const res = await h.call<SshKey>('POST', '/ssh-keys', user.token, { name: type, publicKey: pair.publicKey, scopes: ['gateway:exec'] });
        expect([type, res.status, res.body.fingerprint]).toEqual([type, 201, pair.fingerprint]);
      }
    });

    it('refuses what is not a usable public key, a key registered twice, and gateway:admin from a non-admin', async () => {
      const bad = await h.call('POST', '/ssh-keys', user.token, { name: 'x', publicKey: 'ssh-ed25519 AAAAnotakey', scopes: ['gateway:exec'] });
      expect(bad.status).toBe(400);
      expect(bad.body.error?.details).toMatchObject({ issues: [{ path: 'publicKey' }] });
      const dsa = await h.call('POST', '/ssh-keys', user.token, { name: 'x', publicKey: 'ssh-dss AAAAB3NzaC1kc3MAAACBAP', scopes: ['gateway:exec'] });
      expect(dsa.status).toBe(400);
      expect(JSON.stringify(dsa.body)).toContain('DSA keys are obsolete');
      const twice = await h.call('POST', '/ssh-keys', admin.token, { name: 'x', publicKey: key.publicKey, scopes: ['gateway:exec'] });
      expect(twice.status).toBe(409);
      const fresh = await h.keygen();
      const privileged = await h.call('POST', '/ssh-keys', user.token, { name: 'x', publicKey: fresh.publicKey, scopes: ['gateway:admin'] });
      expect(privileged.status).toBe(403);
      expect((await h.call('POST', '/ssh-keys', admin.token, { name: 'x', publicKey: fresh.publicKey, scopes: ['gateway:admin'] })).status).toBe(201);
    });
  });

  describe('authentication', () => {
    it('runs allowed commands for a registered key and returns their real exit status', async () => {
      expect(await h.ssh(key.path, 'echo hello gateway')).toEqual({ code: 0, stdout: 'hello gateway\n', stderr: '' });
      writeFileSync(join((await h.ssh(key.path, 'pwd')).stdout.trim(), 'notes.txt'), 'alpha\nbeta\n');
      expect(await h.ssh(key.path, 'grep -n beta notes.txt')).toMatchObject({ code: 0, stdout: '2:beta\n' });
      expect((await h.ssh(key.path, 'grep nothing notes.txt')).code).toBe(1);
      expect((await h.ssh(key.path, 'ls missing-file')).code).toBe(2);
      expect((await h.ssh(key.path, 'git status')).code).toBe(128);
    });

    it('stops a command at its time and output limits, saying which rule stopped it', async () => {
      const workspace = (await h.ssh(key.path, 'pwd')).stdout.trim();
      writeFileSync(join(workspace, 'big.txt'), 'x'.repeat(200_000));
      const big = await h.ssh(key.path, 'cat big.txt');
      expect(big.code).toBe(125);
      expect(big.stdout.length).toBe(65_536);
      expect(big.stderr).toContain('stopped by rule limit.output');
      const started = Date.now();
      // grep with no file reads its input, which this client never closes.
      const slow = h.spawnSsh(key.path, 'grep never-typed');
      expect(await slow.exited).toBe(124);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
      expect(slow.output()).toContain('stopped by rule limit.timeout');
    });

    it('refuses a key nobody registered, and a revoked one', async () => {
      const stranger = await h.keygen();
      const refused = await h.ssh(stranger.path, 'echo hi');
      expect(refused.code).toBe(255);
      expect(refused.stderr).toContain('Permission denied (publickey)');
      const revoked = await h.registeredKey(user);
      expect((await h.ssh(revoked.path, 'echo hi')).code).toBe(0);
      expect((await h.call('DELETE', `/ssh-keys/${revoked.id}`, user.token)).status).toBe(204);
      expect((await h.ssh(revoked.path, 'echo hi')).code).toBe(255);
    });

    it('offers publickey only: password and keyboard-interactive are refused', async () => {
      const openssh = await h.ssh(undefined, 'echo hi', { extra: ['-v', '-o', 'PreferredAuthentications=password,keyboard-interactive', '-o', 'PubkeyAuthentication=no'] });
      expect(openssh.code).toBe(255);
      expect(openssh.stderr).toContain('Authentications that can continue: publickey\r\n');
      expect(openssh.stderr).toContain('Permission denied (publickey)');
      // A client that tries anyway (OpenSSH will not send a method the server did not offer).
      for (const method of ['password', 'keyboard-interactive'] as const) {
        const error = await new Promise<string>((resolve) => {
          const client = new Ssh2Client();
          client.on('ready', () => resolve('ready'));
          client.on('error', (err) => resolve(err.message));
          client.on('keyboard-interactive', (_name, _instructions, _lang, _prompts, finish) => finish(['hunter2']));
          client.connect({ host: '127.0.0.1', port: h.sshPort(), username: 'agent', password: 'hunter2', tryKeyboard: true, authHandler: [method] });
        });
        expect([method, error]).toEqual([method, 'All configured authentication methods failed']);
      }
    });
  });

  describe('what a session may not do', () => {
    it('refuses port forwarding: -W / -L / -D (direct-tcpip) and -R', async () => {
      const stdio = await h.ssh(key.path, undefined, { extra: ['-W', `127.0.0.1:${new URL(h.api.url).port}`] });
      expect(stdio.code).toBe(255);
      expect(stdio.stderr).toMatch(/stdio forwarding failed|administratively prohibited/);
      const remote = await h.ssh(key.path, 'echo ok', { extra: ['-o', 'ExitOnForwardFailure=yes', '-R', '0:127.0.0.1:80'] });
      expect(remote.code).toBe(255);
      expect(remote.stderr).toContain('remote port forwarding failed');
    });

    it('refuses sftp and scp', async () => {
      const file = join(h.dir, 'upload.txt');
      writeFileSync(file, 'data\n');
      const sftp = await run('sftp', ['-b', '-', '-F', '/dev/null', '-P', String(h.sshPort()), '-i', key.path, '-o', 'IdentitiesOnly=yes', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'BatchMode=yes', 'agent@127.0.0.1'], `put ${file}\n`);
      expect(sftp.code).not.toBe(0);
      expect(sftp.stderr).toMatch(/subsystem request failed|Connection closed/);
      // Legacy scp runs `scp -t` as an exec request: not on the allowlist.
      const scp = await run('scp', ['-O', '-F', '/dev/null', '-P', String(h.sshPort()), '-i', key.path, '-o', 'IdentitiesOnly=yes', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'BatchMode=yes', file, 'agent@127.0.0.1:upload.txt']);
      expect(scp.code).not.toBe(0);
      expect(scp.stderr).toContain('denied by rule command.not-allowed');
    });

    it('ignores the client\'s environment (LD_PRELOAD, GIT_DIR), and refuses X11 forwarding', async () => {
      const env = await h.ssh(key.path, 'git status', { extra: ['-o', 'SetEnv=LD_PRELOAD=/nonexistent.so GIT_DIR=/nonexistent-git-dir'] });
      expect(env.code).toBe(128);
      expect(env.stderr).not.toContain('ld.so');
      expect(env.stderr).not.toContain('nonexistent');
      // The client asks for X11 only when it has a display to forward.
      const x11 = await run('ssh', [...h.sshArgs(key.path, h.sshPort(), ['-X', '-v']), 'echo ok'], undefined, 20_000, { DISPLAY: ':99', XAUTHORITY: join(h.dir, 'none') });
      expect(x11.stdout).toBe('ok\n');
      expect(x11.stderr).toContain('Requesting X11 forwarding');
      expect(x11.stderr).toContain('X11 forwarding request failed');
    });
  });

  describe('the restricted shell', () => {
    it('edits lines (backspace, history recall), keeps history, changes directory inside the workspace, and exits with the status asked for', async () => {
      const r = await h.ssh(key.path, undefined, { extra: ['-tt'], input: 'echo one\nechx\x7fo two\n\x1b[A\ncd ..\nhistory\nexit 3\n' });
      expect(r.code).toBe(3);
      expect(r.stdout).toContain('dawg:.$ ');
      expect(r.stdout).toMatch(/one\r\ntwo\r\ntwo\r\n/);
      expect(r.stdout).toContain('    2  echo two\r\n');
      expect(r.stderr).toContain('denied by rule path.traversal');
    });

    it('reads one command per line without a terminal', async () => {
      const r = await h.ssh(key.path, undefined, { input: 'echo a\necho b\nls /etc\n' });
      expect(r).toMatchObject({ code: 126, stdout: 'a\nb\n' });
      expect(r.stderr).toContain('denied by rule path.outside-roots');
    });
  });

  describe('audit and telemetry', () => {
    it('records every command before it runs and completes it after, with control characters neutralised', async () => {
      await h.ssh(key.path, 'echo audited');
      await h.ssh(key.path, 'echo "\x1b]0;forged\x07"\nrm -rf /');
      const rows = await h.sql<{ line: string; argv: string[]; decision: string; rule: string; exit_code: number | null; bytes_out: string | null; duration_ms: number | null; agent: string | null; finished_at: Date | null }>(
        `SELECT line, argv, decision, rule, exit_code, bytes_out, duration_ms, agent, finished_at FROM gateway_commands WHERE user_id = $1 ORDER BY started_at DESC LIMIT 2`,
        [user.id],
      );
      expect(rows[1]).toMatchObject({ line: 'echo audited', argv: ['echo', 'audited'], decision: 'allowed', rule: 'allow.echo', exit_code: 0, bytes_out: '8', agent: 'claude-code' });
      expect(rows[1]!.finished_at).not.toBeNull();
      expect(rows[0]).toMatchObject({ decision: 'denied', rule: 'syntax.control-character', exit_code: null, line: 'echo "\\x1b]0;forged\\x07"\\nrm -rf /' });
      // eslint-disable-next-line no-control-regex
      expect(rows[0]!.line).not.toMatch(/[\x00-\x1f]/);
    });

    it('lets admins read the audit, and counts commands by decision', async () => {
      const audit = await h.call<{ items: Array<{ decision: string }> }>('GET', `/gateway/commands?userId=${user.id}&decision=denied`, admin.token, undefined, h.gateway.url);
      expect(audit.status).toBe(200);
      expect(audit.body.items.length).toBeGreaterThan(0);
      expect((await h.call('GET', '/gateway/commands', user.token, undefined, h.gateway.url)).status).toBe(403);
      const metrics = await (await fetch(`${h.gateway.url}/metrics`)).text();
      expect(metrics).toMatch(/gateway_commands_total\{decision="allowed",service="gateway"\} [1-9]/);
      expect(metrics).toMatch(/gateway_commands_total\{decision="denied",service="gateway"\} [1-9]/);
      expect(metrics).toContain('gateway_sessions_active{service="gateway"}');
    });
  });

  describe('login limits', () => {
    let guarded: RunningService;
    beforeAll(async () => {
      // Its own Redis prefix: the lockout it counts must not lock 127.0.0.1 out of the other tests' gateway.
      guarded = await h.startGateway({ REDIS_KEY_PREFIX: `${h.shared.REDIS_KEY_PREFIX}lockout:`, SSH_LOCKOUT: '3/60', SSH_LOGIN_TIMEOUT_MS: '1500' });
    });
    afterAll(() => guarded?.shutdown());

    it('answers with its banner, and closes a client that does not log in within the deadline', async () => {
      const socket = connect(h.sshPort(guarded), '127.0.0.1');
      let received = '';
      socket.on('data', (d) => (received += d.toString('latin1')));
      socket.write('SSH-2.0-OpenSSH_9.9 slowpoke\r\n');
      const started = Date.now();
      await new Promise((resolve) => socket.once('close', resolve));
      expect(received.startsWith('SSH-2.0-DAWG-Gateway\r\n')).toBe(true);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
      expect(Date.now() - started).toBeLessThan(8_000);
    });

    it('locks out an IP after repeated failures: even a good key is then refused before the handshake', async () => {
      const stranger = await h.keygen();
      for (let i = 0; i < 3; i++) expect((await h.ssh(stranger.path, 'echo hi', { port: h.sshPort(guarded) })).code).toBe(255);
      const locked = await h.ssh(key.path, 'echo hi', { port: h.sshPort(guarded) });
      expect(locked.code).toBe(255);
      expect(locked.stderr).toMatch(/Connection (closed|reset)|kex_exchange_identification/);
      // The other gateway (another Redis prefix here, as another installation would be) is unaffected.
      expect((await h.ssh(key.path, 'echo hi')).code).toBe(0);
      const metrics = await eventually(async () => {
        const text = await (await fetch(`${guarded.url}/metrics`)).text();
        return /gateway_connections_refused_total\{reason="lockout",service="gateway"\} [1-9]/.test(text) ? text : undefined;
      });
      expect(metrics).toMatch(/gateway_auth_failures_total\{method="publickey",service="gateway"\} [3-9]/);
    });
  });
});
