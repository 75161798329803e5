// @ts-check
/**
 * `npm run bench:gateway`: what the SSH gateway costs, over the real OpenSSH
 * client on loopback against the built api and gateway deployables.
 *
 * 1. Session set-up: connect, key exchange, public-key authentication (our
 *    signature check and key lookup) and the session's admission (Redis cap,
 *    Postgres record), timed as `ssh -M -f -N` returning once authenticated.
 * 2. `echo` round trip on that established connection (`ssh -S ctl host echo`:
 *    a new session channel, the policy, the audit row written before and
 *    completed after, the confined spawn, the output, the exit status),
 *    against spawning the same /bin/echo directly from Node.
 * 3. The same `echo` on a fresh connection each time (set-up included), the
 *    way an agent that runs one command per `ssh` call pays for it.
 * 4. The `echo` round trip against a second gateway with GATEWAY_SANDBOX=off:
 *    what the command sandbox (user, pid and mount namespaces, a fresh /proc)
 *    adds to each command.
 *
 * Prints p50/p99 of each and the ratio of the echo round trip to the direct
 * spawn, then one JSON line. BENCH_SAMPLES sets the samples per measurement
 * (default 200; set-up and fresh connections use a quarter of it). Needs the
 * build (`npm run build`) and the OpenSSH client (`ssh`, `ssh-keygen`).
 */
import { execFile, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../tools/infra/net.mjs';
import { onCleanup, prepareEnvironment, runBench, say, startApi, startDeployable } from './bench-kit.mjs';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
if (!(Number.isInteger(SAMPLES) && SAMPLES >= 20)) throw new Error(`BENCH_SAMPLES must be an integer of at least 20, not ${process.env.BENCH_SAMPLES}`);

/** @param {string} cmd @param {string[]} args */
function run(cmd, args) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { encoding: 'utf8', timeout: 30_000 }, (error, stdout, stderr) => (error ? reject(new Error(`${cmd} ${args.slice(-1)}: ${error.message} ${stderr}`)) : resolve(stdout)));
  });
}

/** Milliseconds for one run of `cmd args` to exit 0 with `expected` on stdout. @param {string} cmd @param {string[]} args @param {string} expected */
function timed(cmd, args, expected) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0 || out !== expected) reject(new Error(`${cmd} ${args.slice(-1)} exited ${code} with ${JSON.stringify(out)} ${err}`));
      else resolve(ms);
    });
  });
}

/** @param {number[]} values */
function percentiles(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (/** @type {number} */ p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  return { n: sorted.length, p50: at(50), p99: at(99), mean: sorted.reduce((s, v) => s + v, 0) / sorted.length };
}

/** Runs `sample` n times (after `warm` unmeasured runs), one after the other. @param {number} n @param {() => Promise<unknown>} sample */
async function measure(n, sample, warm = 5) {
  for (let i = 0; i < warm; i++) await sample();
  /** @type {number[]} */
  const times = [];
  for (let i = 0; i < n; i++) times.push(/** @type {number} */ (await sample()));
  return percentiles(times);
}

const fmt = (/** @type {number} */ ms) => `${ms.toFixed(2)} ms`.padStart(11);

await runBench(async () => {
  const work = mkdtempSync(join(tmpdir(), 'dawg-bench-gateway-'));
  // Commands run as an unprivileged user when the bench runs as root: it must reach the workspaces below.
  chmodSync(work, 0o755);
  onCleanup(async () => rmSync(work, { recursive: true, force: true }));
  const { env } = await prepareEnvironment({ RATE_LIMIT_AUTH: '100000/900', RATE_LIMIT_GENERAL: '100000/900' });
  const api = await startApi(env);

  /** @param {string} path @param {unknown} body @param {string} [token] */
  const call = async (path, body, token) => {
    const res = await fetch(`${api.url}/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return /** @type {any} */ (await res.json());
  };
  const session = await call('/auth/register', { email: 'bench@example.com', password: 'correct horse battery', displayName: 'Bench' });
  const key = join(work, 'id_ed25519');
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'bench', '-f', key]);
  await call('/ssh-keys', { name: 'bench', publicKey: readFileSync(`${key}.pub`, 'utf8'), scopes: ['gateway:exec'] }, session.tokens.accessToken);

  /** A gateway deployable on a port of its own; `sandbox` is its GATEWAY_SANDBOX. @param {string} sandbox */
  const startGateway = async (sandbox) => {
    const port = await freePort();
    const { url } = await startDeployable('gateway', {
      ...env,
      SSH_PORT: String(port),
      SSH_HOST_KEY_FILE: join(work, 'host_key'),
      GATEWAY_WORKSPACE_ROOT: join(work, `gw-${sandbox}`),
      GATEWAY_MAX_SESSIONS: '64',
      GATEWAY_MAX_SESSIONS_PER_USER: '64',
      SSH_LOCKOUT: '1000/60',
      GATEWAY_TRANSCRIPTS: 'false',
      GATEWAY_SANDBOX: sandbox,
    });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    const mode = /gateway_sandbox_info\{mode="([^"]+)"[^}]*\} 1/.exec(metrics)?.[1] ?? 'unknown';
    return { port, mode };
  };
  // The gateway as configured by default (namespaces where the OS allows them), and one without namespaces,
  // to show what the sandbox costs per command.
  const { port: sshPort, mode } = await startGateway('auto');
  const { port: plainPort, mode: plainMode } = await startGateway('off');
  say(`sandbox: ${mode} (GATEWAY_SANDBOX=auto), ${plainMode} (off)`);
  const control = join(work, 'ctl');
  const base = ['-F', '/dev/null', '-i', key, '-p', String(sshPort), '-o', 'IdentitiesOnly=yes', '-o', 'IdentityAgent=none', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'BatchMode=yes', '-o', 'LogLevel=ERROR'];
  const target = 'bench@127.0.0.1';

  say(`session set-up: ${Math.max(20, SAMPLES / 4)} connections ...`);
  let setupIndex = 0;
  const setup = await measure(Math.max(20, SAMPLES / 4), async () => {
    const socket = `${control}-setup-${setupIndex++}`;
    // -f: ssh returns once the connection is authenticated (and the master goes to the background).
    const ms = await timed('ssh', [...base, '-M', '-S', socket, '-f', '-N', target], '');
    await run('ssh', [...base, '-S', socket, '-O', 'exit', target]).catch(() => undefined);
    return ms;
  });

  say(`echo round trip over an open connection: ${SAMPLES} runs ...`);
  await timed('ssh', [...base, '-M', '-S', control, '-f', '-N', target], '');
  onCleanup(async () => void (await run('ssh', [...base, '-S', control, '-O', 'exit', target]).catch(() => undefined)));
  const echo = await measure(SAMPLES, () => timed('ssh', [...base, '-S', control, target, 'echo hello'], 'hello\n'));

  say(`echo over an open connection to the gateway without namespaces: ${SAMPLES} runs ...`);
  const plainBase = base.map((a) => (a === String(sshPort) ? String(plainPort) : a));
  const plainControl = `${control}-plain`;
  await timed('ssh', [...plainBase, '-M', '-S', plainControl, '-f', '-N', target], '');
  onCleanup(async () => void (await run('ssh', [...plainBase, '-S', plainControl, '-O', 'exit', target]).catch(() => undefined)));
  const echoPlain = await measure(SAMPLES, () => timed('ssh', [...plainBase, '-S', plainControl, target, 'echo hello'], 'hello\n'));

  say(`the same echo spawned directly: ${SAMPLES} runs ...`);
  const direct = await measure(SAMPLES, () => timed('/bin/echo', ['hello'], 'hello\n'));

  say(`echo on a fresh connection each time: ${Math.max(20, SAMPLES / 4)} runs ...`);
  const fresh = await measure(Math.max(20, SAMPLES / 4), () => timed('ssh', [...base, target, 'echo hello'], 'hello\n'));

  const ratio = echo.p50 / direct.p50;
  const rows = [
    ['session set-up (connect, KEX, auth, admission)', setup],
    [`echo over the gateway (open connection, ${mode})`, echo],
    [`echo over the gateway (open connection, ${plainMode})`, echoPlain],
    ['echo spawned directly (node spawn)', direct],
    ['echo over the gateway (fresh connection)', fresh],
  ];
  process.stdout.write(`\n${'measurement'.padEnd(58)} ${'p50'.padStart(11)} ${'p99'.padStart(11)} ${'mean'.padStart(11)}   n\n`);
  for (const [name, p] of /** @type {Array<[string, ReturnType<typeof percentiles>]>} */ (rows)) {
    process.stdout.write(`${name.padEnd(58)} ${fmt(p.p50)} ${fmt(p.p99)} ${fmt(p.mean)}   ${p.n}\n`);
  }
  process.stdout.write(`\necho over SSH / direct spawn (p50): ${ratio.toFixed(1)}x; p99: ${(echo.p99 / direct.p99).toFixed(1)}x\n`);
  process.stdout.write(`the sandbox (${mode} against ${plainMode}) adds ${(echo.p50 - echoPlain.p50).toFixed(2)} ms to an echo (p50)\n`);
  process.stdout.write(`${JSON.stringify({ bench: 'gateway', samples: SAMPLES, sandbox: mode, setupMs: setup, echoSshMs: echo, echoSshWithoutNamespacesMs: echoPlain, echoDirectMs: direct, echoFreshConnectionMs: fresh, ratioP50: ratio, ratioP99: echo.p99 / direct.p99 })}\n`);
});
