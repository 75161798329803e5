import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import * as pty from '@lydell/node-pty';
import { type Approval, approvalListSchema } from '@dawg/contracts';
import { eventually, GatewayHarness, processesWith, type TestKey, type TestUser } from './harness';

/**
 * Commands run sandboxed: in new user, pid and mount namespaces (where the
 * kernel allows them, as here) with a /proc of their own, so they see none
 * of the gateway's processes or its environment, and whatever they start
 * ends with them. With `ssh -t` they get a real terminal of the client's
 * size that follows its window. Tested with the real OpenSSH client, in a
 * real terminal where the size matters.
 */
describe('the command sandbox and terminals over SSH', () => {
  const h = new GatewayHarness();
  let user: TestUser;
  let admin: TestUser;
  let key: TestKey;
  let aiKey: TestKey;
  let workspace: string;

  beforeAll(async () => {
    await h.start({
      // Each user's commands run as a uid of their own (vim needs that); /proc is readable by policy here, so
      // that only the sandbox stands between a command and the gateway's environment.
      GATEWAY_USER_UID_BASE: '210000',
      GATEWAY_READ_ROOTS: '/proc',
      GATEWAY_AI_CLI_ENABLED: 'true',
      GATEWAY_APPROVAL_TIMEOUT_MS: '20000',
      GATEWAY_COMMAND_PATH: `${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`,
    });
    user = await h.user('sandboxed@example.com');
    admin = await h.user('sandbox-admin@example.com', { admin: true });
    key = await h.registeredKey(user);
    aiKey = await h.registeredKey(user, ['gateway:exec', 'gateway:ai-cli'], { agent: 'coder' });
    workspace = (await h.ssh(key.path, 'pwd')).stdout.trim();
    writeFileSync(join(workspace, 'notes.txt'), 'notes\n');
  }, 60_000);
  afterAll(() => h.stop());

  it('says which sandbox it found, as gateway_sandbox_info', async () => {
    const metrics = await (await fetch(`${h.gateway.url}/metrics`)).text();
    expect(metrics).toContain('gateway_sandbox_info{mode="uid+namespaces",service="gateway"} 1');
    expect(metrics).toContain('gateway_sandbox_info{mode="none",service="gateway"} 0');
  });

  it("shows a command none of the gateway's processes and not its environment, even where the policy lets it read /proc", async () => {
    const ls = await h.ssh(key.path, 'ls /proc');
    expect(ls.code).toBe(0);
    const pids = ls.stdout.split(/\s+/).filter((e) => /^\d+$/.test(e));
    // The namespace's first process and ls: nothing of the host's, the gateway least of all.
    expect(pids.length).toBeLessThanOrEqual(3);
    expect(pids).not.toContain(String(process.pid));
    const environ = await h.ssh(key.path, `cat /proc/${process.pid}/environ`);
    expect(environ.code).toBe(1);
    expect(environ.stderr).toContain('No such file or directory');
    expect(environ.stdout).toBe('');
    const ps = await h.ssh(key.path, 'ps -e -o pid=,comm=');
    expect(ps.stdout.trim().split('\n').map((l) => l.trim().split(/\s+/)[1])).toEqual(['timeout', 'ps']);
  });

  it('ends what an approved command detached (fork, setsid, exit) when the command ends', async () => {
    const marker = `escapee-${Date.now()}`;
    const script = `require('child_process').spawn('sleep', ['300'], { argv0: '${marker}', detached: true, stdio: 'ignore' }).unref(); console.log('detached')`;
    const client = h.spawnSsh(aiKey.path, `node -e "${script}"`);
    const approval = await eventually(async () => {
      const list = approvalListSchema.parse((await h.call('GET', '/gateway/approvals?status=pending', admin.token, undefined, h.gateway.url)).body);
      return list.items.find((a) => a.argv.some((arg) => arg.includes(marker)));
    }, 10_000, 'the approval request');
    expect((await h.call<Approval>('POST', `/gateway/approvals/${approval.id}/approve`, admin.token, {}, h.gateway.url)).status).toBe(200);
    expect(await client.exited).toBe(0);
    expect(client.output()).toContain('detached');
    // Outside a pid namespace the sleep would now belong to init, its group and session its own, for 300 s.
    await eventually(() => (processesWith(marker).length === 0 ? true : undefined), 5_000, 'the detached process to end');
  });

  it('runs a command in a terminal only when the client asks for one (ssh -tt)', async () => {
    const withTerminal = await h.ssh(key.path, 'ps -o tty=,comm=', { extra: ['-tt'] });
    expect(withTerminal.code).toBe(0);
    expect(withTerminal.stdout).toMatch(/^pts\/\d+\s+timeout\r\npts\/\d+\s+ps\r\n/);
    const withPipes = await h.ssh(key.path, 'ps -o tty=,comm=');
    expect(withPipes.stdout).toMatch(/^\?\s+timeout\n\?\s+ps\n/);
  });

  it("gives vim a terminal of the client's window size and follows its resizes", async () => {
    const screen = sshInTerminal(h, key, 'vim notes.txt', { cols: 132, rows: 43 });
    try {
      await screen.waitFor('notes', 'vim to draw the file');
      screen.type(':set columns? lines?\r');
      await screen.waitFor(/columns=132\s+lines=43/, 'the first size');
      // The terminal the ssh client runs in changes size: ssh sends window-change, and vim gets SIGWINCH.
      screen.resize(100, 30);
      screen.type(':set columns? lines?\r');
      await screen.waitFor(/columns=100\s+lines=30/, 'the new size', ':set columns? lines?\r');
      screen.type(':q!\r');
      expect(await screen.exited).toBe(0);
    } finally {
      screen.kill();
    }
  });

  it('runs top full-screen in a terminal, in secure mode, until q', async () => {
    const screen = sshInTerminal(h, key, 'top', { cols: 120, rows: 30 });
    try {
      await screen.waitFor('MiB Mem', 'top to draw');
      screen.type('q');
      expect(await screen.exited).toBe(0);
    } finally {
      screen.kill();
    }
  });

  it('runs commands of the interactive shell in a terminal too', async () => {
    const screen = sshInTerminal(h, key, undefined, { cols: 90, rows: 20 });
    try {
      await screen.waitFor('dawg:.$ ', 'the prompt');
      screen.type('ps -o tty=,comm=\r');
      await screen.waitFor(/pts\/\d+\s+ps/, 'ps in a terminal');
      screen.type('exit 4\r');
      expect(await screen.exited).toBe(4);
    } finally {
      screen.kill();
    }
  });

  describe('with the gateway not root', () => {
    const gateways: NonRootGateway[] = [];
    let namespaced: NonRootGateway;
    let unsandboxed: NonRootGateway;

    beforeAll(async () => {
      // The built gateway, as nobody: commands then keep its uid, and only the namespaces keep them from it.
      namespaced = await startNonRootGateway(h, 'namespaced', {});
      gateways.push(namespaced);
      // Namespaces off: commands would run beside it, as its user.
      unsandboxed = await startNonRootGateway(h, 'unsandboxed', { GATEWAY_SANDBOX: 'off' });
      gateways.push(unsandboxed);
    }, 60_000);
    afterAll(async () => {
      for (const g of gateways) await g.stop();
    });

    it('runs commands in namespaces as its own uid, where they cannot read its environment', async () => {
      expect(namespaced.logs.find((l) => l.msg === 'gateway command sandbox')).toMatchObject({ sandbox: 'namespaces' });
      const id = await h.ssh(key.path, `cat /proc/self/status`, { port: namespaced.sshPort });
      expect(id.stdout).toMatch(/Uid:\s+65534\s+65534\s+65534\s+65534/);
      expect(id.stdout).toMatch(/NoNewPrivs:\s+1/);
      const environ = await h.ssh(key.path, `cat /proc/${namespaced.pid}/environ`, { port: namespaced.sshPort });
      expect(environ.code).toBe(1);
      expect(environ.stdout).not.toContain(CANARY);
      // vim opens any file its uid can read, and here that uid is the gateway's: refused.
      expect(await h.ssh(key.path, 'vim notes.txt', { port: namespaced.sshPort })).toMatchObject({ code: 126, stderr: expect.stringContaining('denied by rule vim.shared-user') });
    });

    it('refuses code-running commands, before any approval, where nothing isolates them', async () => {
      expect(unsandboxed.logs.find((l) => l.msg === 'gateway command sandbox')).toMatchObject({ sandbox: 'none', namespacesUnavailable: 'GATEWAY_SANDBOX is off' });
      const metrics = await (await fetch(`${unsandboxed.url}/metrics`)).text();
      expect(metrics).toContain('gateway_sandbox_info{mode="none",service="gateway"} 1');
      const node = await h.ssh(aiKey.path, `node -e 'console.log(require("fs").readFileSync("/proc/${unsandboxed.pid}/environ", "utf8"))'`, { port: unsandboxed.sshPort });
      expect(node.code).toBe(126);
      expect(node.stderr).toContain('denied by rule ai-cli.no-sandbox:');
      expect(node.stdout + node.stderr).not.toContain(CANARY);
      // The base allowlist still runs.
      expect(await h.ssh(key.path, 'echo still here', { port: unsandboxed.sshPort })).toMatchObject({ code: 0, stdout: 'still here\n' });
    });
  });
});

const CANARY = 'canary-7f3a';

interface NonRootGateway {
  pid: number;
  sshPort: number;
  url: string;
  logs: Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** The built gateway deployable run as nobody (uid 65534), with a secret-looking variable in its environment. */
async function startNonRootGateway(h: GatewayHarness, name: string, extra: Record<string, string>): Promise<NonRootGateway> {
  const root = join(h.dir, `nonroot-${name}`);
  mkdirSync(root);
  chmodSync(root, 0o777);
  const logs: Array<Record<string, unknown>> = [];
  // The test key files are root's: nobody gets the public key itself.
  const { JWT_PUBLIC_KEY_FILE, JWT_PRIVATE_KEY_FILE: _private, ...env } = h.gatewayEnv();
  if (JWT_PUBLIC_KEY_FILE) env.JWT_PUBLIC_KEY = readFileSync(JWT_PUBLIC_KEY_FILE, 'utf8');
  const child: ChildProcess = spawn('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, join(__dirname, '../../services/gateway/dist/main.js')], {
    cwd: root,
    env: {
      ...env,
      PATH: process.env.PATH,
      LOG_LEVEL: 'info',
      GATEWAY_WORKSPACE_ROOT: join(root, 'ws'),
      GATEWAY_READ_ROOTS: '/proc',
      GATEWAY_AI_CLI_ENABLED: 'true',
      GATEWAY_COMMAND_PATH: `${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`,
      SECRET_CANARY: CANARY,
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  let sshPort: number | undefined;
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (raw) => {
      try {
        const line = JSON.parse(raw) as Record<string, unknown>;
        logs.push(line);
        if (line.msg === 'ssh listening') sshPort = Number(line.port);
        if (line.msg === 'gateway listening') resolve(String(line.url));
      } catch {
        // not a log line
      }
    });
    void exited.then(() => reject(new Error(`the gateway exited: ${stderr} ${JSON.stringify(logs.slice(-5))}`)));
  });
  if (sshPort === undefined) throw new Error('the gateway listens on HTTP but logged no SSH port');
  return {
    pid: child.pid!,
    sshPort,
    url,
    logs,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The real OpenSSH client in a real terminal (a pty of the given size), as a person would run it. */
function sshInTerminal(h: GatewayHarness, key: TestKey, command: string | undefined, size: { cols: number; rows: number }) {
  const term = pty.spawn('ssh', [...h.sshArgs(key.path, h.sshPort(), ['-tt']), ...(command === undefined ? [] : [command])], {
    name: 'xterm-256color',
    cols: size.cols,
    rows: size.rows,
    env: { PATH: process.env.PATH, HOME: h.dir, TERM: 'xterm-256color' },
  });
  let output = '';
  term.onData((d) => (output += d));
  const exited = new Promise<number>((resolve) => term.onExit(({ exitCode }) => resolve(exitCode)));
  let from = 0;
  return {
    exited,
    type: (text: string) => term.write(text),
    resize: (cols: number, rows: number) => term.resize(cols, rows),
    kill: () => {
      try {
        term.kill('SIGKILL');
      } catch {
        // gone
      }
    },
    /** Waits for `what` in the output since the last match, typing `again` every half second while it is not there. */
    waitFor: async (what: string | RegExp, description: string, again?: string) => {
      let polls = 0;
      try {
        await eventually(() => {
          const rest = output.slice(from);
          const at = typeof what === 'string' ? rest.indexOf(what) : rest.search(what);
          if (at >= 0) {
            from += at + 1;
            return true;
          }
          if (again !== undefined && ++polls % 5 === 0) term.write(again);
          return undefined;
        }, 10_000, description);
      } catch (err) {
        throw new Error(`${(err as Error).message}; the screen so far: ${JSON.stringify(output.slice(-800))}`);
      }
    },
  };
}
