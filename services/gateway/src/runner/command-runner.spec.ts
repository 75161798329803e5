import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectConfinement, type RunLimits, runCommand } from './command-runner';
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
