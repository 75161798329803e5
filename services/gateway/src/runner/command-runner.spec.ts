import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectConfinement, type RunHandle, type RunLimits, type RunOptions, type RunResult, runCommand, runInTerminal } from './command-runner';
import { descendants } from './process-tree';

/** Whether a process still runs (a zombie waiting for init to reap it runs nothing). */
function running(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]![0] !== 'Z';
  } catch {
    return false;
  }
}
/** Pids in a process group that still run. */
function groupRunning(pgid: number): number[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .filter((e) => {
      try {
        const fields = readFileSync(`/proc/${e}/stat`, 'utf8').split(') ')[1]!.split(' ');
        return Number(fields[2]) === pgid && fields[0] !== 'Z';
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function until(check: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

// The runner itself, outside the policy: it is given whatever program a test needs (sh here, which the policy never allows).
describe('running a command confined', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'dawg-runner-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));
  const confinement = detectConfinement();
  const limits: RunLimits = { timeoutMs: 5_000, outputMaxBytes: 1024 * 1024, cpuSeconds: 7, memoryBytes: 512 * 1024 * 1024, fileBytes: 1024 * 1024, maxProcesses: 4096 };
  const run = (binary: string, args: string[], over: Partial<RunLimits> = {}, env: Record<string, string> = {}) => {
    let out = '';
    const handle = runCommand(confinement, { binary, args, cwd, env: { PATH: '/usr/bin:/bin', ...env }, limits: { ...limits, ...over }, stdout: (c) => (out += c.toString()), stderr: (c) => (out += c.toString()) });
    return { handle, result: handle.done.then((r) => ({ ...r, out })) };
  };

  it('passes argv verbatim, with only the environment it is given', async () => {
    const { result } = run('/usr/bin/printf', ['%s|', 'a b', '$HOME', '`id`', ';']);
    expect(await result).toMatchObject({ outcome: 'exited', exitCode: 0, out: 'a b|$HOME|`id`|;|' });
    const env = await run('/usr/bin/env', [], {}, { ONLY: 'this' }).result;
    expect(env.out.trim().split('\n').sort()).toEqual(['ONLY=this', 'PATH=/usr/bin:/bin']);
  });

  it('applies CPU, memory, file-size and core limits with prlimit, and no_new_privs with setpriv, where the OS has them', async () => {
    if (!confinement.prlimit) return;
    const { out } = await run('/bin/cat', ['/proc/self/limits', '/proc/self/status']).result;
    expect(out).toMatch(/Max cpu time\s+7\s+7\s+seconds/);
    expect(out).toMatch(/Max data size\s+536870912\s+536870912\s+bytes/);
    expect(out).toMatch(/Max file size\s+1048576\s+1048576\s+bytes/);
    expect(out).toMatch(/Max core file size\s+0\s+0\s+bytes/);
    if (confinement.setpriv) expect(out).toMatch(/NoNewPrivs:\s+1/);
  });

  it('kills the whole process group at the timeout, background children included', async () => {
    const started = Date.now();
    const { handle, result } = run('/bin/sh', ['-c', 'sleep 30 & sleep 30'], { timeoutMs: 500 });
    await new Promise((r) => setTimeout(r, 200));
    const tree = descendants(handle.pid!);
    expect(tree.length).toBeGreaterThanOrEqual(1);
    expect(await result).toMatchObject({ outcome: 'timeout' });
    expect(Date.now() - started).toBeLessThan(3_000);
    // A namespace's processes are torn down by the kernel just after its first one dies: give it a moment.
    await until(() => [handle.pid!, ...tree].every((pid) => !running(pid)));
    for (const pid of [handle.pid!, ...tree]) expect([pid, running(pid)]).toEqual([pid, false]);
  });

  it('cuts a command off at its output cap', async () => {
    const { result } = run('/usr/bin/yes', [], { outputMaxBytes: 10_000 });
    const r = await result;
    expect(r.outcome).toBe('output-limit');
    expect(r.out.length).toBe(10_000);
  });

  it('leaves nothing behind when a command exits early with children still running', async () => {
    const { handle, result } = run('/bin/sh', ['-c', 'sleep 30 > /dev/null 2>&1 & exit 0']);
    const r = await result;
    expect(r).toMatchObject({ outcome: 'exited', exitCode: 0 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(groupRunning(handle.pid!)).toEqual([]);
  });
});

/** Output of one command, run through the runner. */
async function output(handle: RunHandle, sink: { out: string }): Promise<RunResult & { out: string }> {
  const r = await handle.done;
  return { ...r, out: sink.out };
}

describe('the sandbox', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'dawg-sandbox-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));
  const confinement = detectConfinement({ probeAs: { uid: 65534, gid: 65534 } });
  const limits: RunLimits = { timeoutMs: 10_000, outputMaxBytes: 1024 * 1024, cpuSeconds: 7, memoryBytes: 512 * 1024 * 1024, fileBytes: 1024 * 1024, maxProcesses: 4096 };
  const run = (binary: string, args: string[], extra: Partial<RunOptions> = {}) => {
    const sink = { out: '' };
    const handle = runCommand(confinement, { binary, args, cwd, env: { PATH: '/usr/bin:/bin' }, limits, user: { uid: 65534, gid: 65534 }, stdout: (c) => (sink.out += c.toString()), stderr: (c) => (sink.out += c.toString()), ...extra });
    return { handle, result: output(handle, sink) };
  };
  // Where the kernel refuses user namespaces (some container runtimes), the mode says so and these do not apply.
  const withNamespaces = confinement.unshare ? it : it.skip;

  it('reports the mode it found: namespaces here when the kernel allows them, and a uid drop when the gateway is root', () => {
    expect(['uid+namespaces', 'namespaces', 'uid', 'none']).toContain(confinement.mode);
    expect(confinement.mode.startsWith('uid')).toBe(process.getuid?.() === 0);
    expect(confinement.mode.endsWith('namespaces')).toBe(confinement.unshare !== undefined);
    expect(detectConfinement({ sandbox: 'off' })).toMatchObject({ unshare: undefined, namespacesUnavailable: 'GATEWAY_SANDBOX is off' });
  });

  withNamespaces('shows a command only its own processes, never the gateway or its environment', async () => {
    const ps = await run('/bin/ls', ['/proc']).result;
    const pids = ps.out.split('\n').filter((e) => /^\d+$/.test(e));
    // The namespace's first process (timeout) and ls itself, and nothing of the host's.
    expect(pids.length).toBeLessThanOrEqual(3);
    expect(pids).not.toContain(String(process.pid));
    const environ = await run('/bin/cat', [`/proc/${process.pid}/environ`]).result;
    expect(environ.exitCode).not.toBe(0);
    expect(environ.out).toContain('No such file or directory');
    const status = await run('/bin/cat', ['/proc/self/status']).result;
    expect(status.out).toMatch(/NoNewPrivs:\s+1/);
    if (process.getuid?.() === 0) expect(status.out).toMatch(/Uid:\s+65534\s+65534\s+65534\s+65534/);
  });

  withNamespaces('ends everything a command started when it ends, even what double-forked into a session of its own', async () => {
    const marker = `escape-${process.pid}-${Date.now()}`;
    // The grandchild calls setsid: a new session and process group, its parent gone. Outside a pid namespace it would be init's.
    const { result } = run('/usr/bin/setsid', ['--fork', '/bin/sh', '-c', `exec -a ${marker} sleep 300`]);
    const r = await result;
    expect(r.outcome).toBe('exited');
    await until(() => pidsWith(marker).length === 0);
    expect(pidsWith(marker)).toEqual([]);
  });
});

/** Pids whose command line names `marker`. */
function pidsWith(marker: string): number[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .filter((e) => {
      try {
        return readFileSync(`/proc/${e}/cmdline`, 'utf8').includes(marker) && running(Number(e));
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('running a command in a terminal', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'dawg-pty-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));
  const confinement = detectConfinement({ probeAs: { uid: 65534, gid: 65534 } });
  const limits: RunLimits = { timeoutMs: 10_000, outputMaxBytes: 1024 * 1024, cpuSeconds: 7, memoryBytes: 512 * 1024 * 1024, fileBytes: 1024 * 1024, maxProcesses: 4096 };
  const start = (binary: string, args: string[], over: Partial<RunLimits> = {}) => {
    const sink = { out: '' };
    const handle = runInTerminal(confinement, {
      binary,
      args,
      cwd,
      env: { PATH: '/usr/bin:/bin', TERM: 'xterm' },
      limits: { ...limits, ...over },
      user: { uid: 65534, gid: 65534 },
      terminal: { term: 'xterm-256color', cols: 132, rows: 43 },
      stdout: (c) => (sink.out += c.toString()),
      stderr: (c) => (sink.out += c.toString()),
    });
    return { handle, sink, result: output(handle, sink) };
  };

  it('gives the command a tty of the client\'s size, with its TERM, and its exit status', async () => {
    const { result } = start('/bin/sh', ['-c', 'tty; stty size; echo "$TERM"; exit 3']);
    const r = await result;
    expect(r).toMatchObject({ outcome: 'exited', exitCode: 3 });
    expect(r.out).toMatch(/^\/dev\/pts\/\d+\r\n43 132\r\nxterm-256color\r\n/);
  });

  it('passes a window change on to the program, and raw input through the line discipline', async () => {
    const { handle, sink, result } = start('/bin/sh', ['-c', 'echo ready; read line; echo "got $line"; trap "stty size" WINCH; echo armed; while :; do sleep 0.1; done']);
    await until(() => sink.out.includes('ready'));
    handle.write(Buffer.from('hello\r'));
    await until(() => sink.out.includes('armed'));
    handle.resize(100, 30);
    await until(() => sink.out.includes('30 100'));
    // Ctrl-C: the terminal's SIGINT ends the shell and its loop.
    handle.write(Buffer.from([0x03]));
    const r = await result;
    // The pty echoes what was typed, and translates the program's newlines.
    expect(r.out).toContain('hello\r\ngot hello\r\narmed\r\n');
    expect(r.out).toContain('30 100\r\n');
    expect(r.outcome === 'signalled' || r.exitCode === 130).toBe(true);
  });

  it('cuts a terminal command off at its timeout and output cap, taking its whole tree', async () => {
    const timed = start('/bin/sh', ['-c', 'sleep 60 & sleep 60'], { timeoutMs: 300 });
    expect((await timed.result).outcome).toBe('timeout');
    const capped = start('/usr/bin/yes', [], { outputMaxBytes: 5_000 });
    const r = await capped.result;
    expect(r.outcome).toBe('output-limit');
    expect(r.out.length).toBe(5_000);
    await until(() => descendants(timed.handle.pid!).length === 0);
    expect(descendants(timed.handle.pid!)).toEqual([]);
  });
});
