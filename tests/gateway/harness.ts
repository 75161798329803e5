import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { apiEnv, apiService } from '@dawg/api';
import { sessionResponseSchema, type SshKey, sshKeySchema } from '@dawg/contracts';
import { gatewayEnv, gatewayService, SshServerService } from '@dawg/gateway';
import { loadConfig, type RunningService, startService } from '@dawg/platform';
import { createTestDatabase, type TestDatabase, testServiceEnv } from '@dawg/testing';

/** A registered user with an access token (admin or not). */
export interface TestUser {
  id: string;
  email: string;
  token: string;
}

/** A key pair made with ssh-keygen, its private file ready for `ssh -i`. */
export interface TestKey {
  path: string;
  publicKey: string;
  fingerprint: string;
}

export interface SshResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The api (in-process) and a gateway (in-process, or more as built
 * processes), on one test database and one Redis prefix, with helpers for
 * users, SSH keys and the real OpenSSH client.
 */
export class GatewayHarness {
  db!: TestDatabase;
  api!: RunningService;
  gateway!: RunningService;
  shared!: Record<string, string>;
  readonly dir = mkdtempSync(join(tmpdir(), 'dawg-gw-test-'));
  /** Where the gateway makes workspaces. */
  readonly workspaceRoot = join(this.dir, 'gw');
  private keyCount = 0;
  private readonly children = new Set<ChildProcess>();

  async start(gatewayEnvOverrides: Record<string, string> = {}, sharedOverrides: Record<string, string> = {}): Promise<this> {
    chmodSync(this.dir, 0o755);
    this.db = await createTestDatabase();
    this.shared = { ...testServiceEnv(this.db.url), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...sharedOverrides };
    this.api = await startService(apiService, loadConfig(apiEnv, { ...this.shared, RATE_LIMIT_AUTH: '10000/900', RATE_LIMIT_GENERAL: '100000/900' }));
    this.gateway = await this.startGateway(gatewayEnvOverrides);
    return this;
  }

  startGateway(overrides: Record<string, string> = {}): Promise<RunningService> {
    return startService(gatewayService, loadConfig(gatewayEnv, { ...this.gatewayEnv(), ...overrides }));
  }

  gatewayEnv(): Record<string, string> {
    return { ...this.shared, GATEWAY_WORKSPACE_ROOT: this.workspaceRoot, SSH_LOGIN_TIMEOUT_MS: '10000', RATE_LIMIT_GENERAL: '100000/900' };
  }

  sshPort(gateway: RunningService = this.gateway): number {
    return gateway.app.get(SshServerService).port!;
  }

  async stop(): Promise<void> {
    for (const child of this.children) child.kill('SIGKILL');
    await this.gateway?.shutdown();
    await this.api?.shutdown();
    await this.db?.drop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  async call<T = unknown>(method: string, path: string, token: string, body?: unknown, base = this.api.url): Promise<{ status: number; body: T & { error?: { code: string; message: string; details?: Record<string, unknown> } } }> {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as never };
  }

  async user(email: string, options: { admin?: boolean } = {}): Promise<TestUser> {
    const post = (path: string) =>
      fetch(`${this.api.url}/api/v1/auth/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'correct horse battery', displayName: 'Operator' }) });
    const session = sessionResponseSchema.parse(await (await post('register')).json());
    if (!options.admin) return { id: session.user.id, email, token: session.tokens.accessToken };
    await this.sql(`UPDATE users SET roles = '{user,admin}' WHERE id = $1`, [session.user.id]);
    const login = await fetch(`${this.api.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'correct horse battery' }) });
    const admin = sessionResponseSchema.parse(await login.json());
    return { id: admin.user.id, email, token: admin.tokens.accessToken };
  }

  /** ssh-keygen makes the pair (no passphrase). */
  async keygen(type: 'ed25519' | 'rsa' | 'ecdsa' = 'ed25519'): Promise<TestKey> {
    const path = join(this.dir, `key-${++this.keyCount}-${type}`);
    await run('ssh-keygen', ['-q', '-t', type, ...(type === 'rsa' ? ['-b', '2048'] : []), '-N', '', '-C', `test-${this.keyCount}`, '-f', path]);
    const fingerprint = (await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${path}.pub`])).stdout.split(' ')[1]!;
    return { path, publicKey: readFileSync(`${path}.pub`, 'utf8').trim(), fingerprint };
  }

  /** A new key, registered through the api for `user`. */
  async registeredKey(user: TestUser, scopes: string[] = ['gateway:exec'], extra: { agent?: string; type?: 'ed25519' | 'rsa' | 'ecdsa' } = {}): Promise<TestKey & { id: string }> {
    const key = await this.keygen(extra.type);
    const res = await this.call<SshKey>('POST', '/ssh-keys', user.token, { name: `key ${this.keyCount}`, publicKey: key.publicKey, scopes, ...(extra.agent ? { agent: extra.agent } : {}) });
    if (res.status !== 201) throw new Error(`registering an SSH key: ${res.status} ${JSON.stringify(res.body)}`);
    return { ...key, id: sshKeySchema.parse(res.body).id };
  }

  sshArgs(key: string | undefined, port: number, extra: string[] = []): string[] {
    return [
      '-F', '/dev/null',
      ...(key ? ['-i', key, '-o', 'IdentitiesOnly=yes'] : []),
      '-p', String(port),
      '-o', 'StrictHostKeyChecking=no',
      '-o', 'UserKnownHostsFile=/dev/null',
      '-o', 'BatchMode=yes',
      '-o', 'IdentityAgent=none',
      '-o', 'LogLevel=ERROR',
      '-o', 'ConnectTimeout=10',
      ...extra,
      'agent@127.0.0.1',
    ];
  }

  /** The real OpenSSH client, one command. */
  ssh(key: string | undefined, command: string | undefined, options: { port?: number; extra?: string[]; input?: string; timeoutMs?: number } = {}): Promise<SshResult> {
    const args = [...this.sshArgs(key, options.port ?? this.sshPort(), options.extra), ...(command === undefined ? [] : [command])];
    return run('ssh', args, options.input, options.timeoutMs ?? 20_000);
  }

  /** A long-lived ssh client; the caller ends it. */
  spawnSsh(key: string, command: string | undefined, options: { port?: number; extra?: string[] } = {}): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
    const child = spawn('ssh', [...this.sshArgs(key, options.port ?? this.sshPort(), options.extra), ...(command === undefined ? [] : [command])], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.children.add(child);
    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => {
        this.children.delete(child);
        resolve(code);
      }),
    );
    return { child, output: () => out, exited };
  }

  async sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    const pg = new Client({ connectionString: this.db.url });
    await pg.connect();
    try {
      return (await pg.query(text, params)).rows as T[];
    } finally {
      await pg.end();
    }
  }
}

export function run(command: string, args: string[], input?: string, timeoutMs = 20_000, env: Record<string, string> = {}): Promise<SshResult> {
  return new Promise((resolve) => {
    const child = execFile(command, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8', env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : null) : 0;
      resolve({ code, stdout, stderr });
    });
    if (input !== undefined) child.stdin!.end(input);
    else child.stdin!.end();
  });
}

/** Polls until `check` returns a value (not undefined) or the time is up. */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000, what = 'the condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Pids of processes whose command line contains `marker` (read from /proc). */
export function processesWith(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      // The ssh client carries the marker in its command line too; it is not what we look for.
      if (argv[0] === 'ssh' || argv[0]!.endsWith('/ssh')) continue;
      if (argv.some((a) => a.includes(marker))) found.push(Number(entry));
    } catch {
      // gone
    }
  }
  return found;
}
