import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { CommandOutcome } from '@dawg/contracts';
import { killProcessTree } from './process-tree';

export interface RunLimits {
  timeoutMs: number;
  outputMaxBytes: number;
  cpuSeconds: number;
  memoryBytes: number;
  fileBytes: number;
  maxProcesses: number;
}

export interface RunOptions {
  binary: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  limits: RunLimits;
  /** Where the command's stdout and stderr go; `write` returns what to count (after any translation). */
  stdout: (chunk: Buffer) => void;
  stderr: (chunk: Buffer) => void;
  /** Aborting ends the command's whole process tree (session end, kill, Ctrl-C with SIGINT). */
  signal?: AbortSignal;
  /** The unprivileged user to run as (only when the gateway is root; otherwise commands run as the gateway's user). */
  user?: { uid: number; gid: number };
}

export interface RunHandle {
  pid: number | undefined;
  stdin: Writable | null;
  /** Sends a signal to the command's process group (Ctrl-C in the shell, an SSH `signal` request). */
  interrupt(signal: NodeJS.Signals): void;
  done: Promise<RunResult>;
}

export interface RunResult {
  outcome: CommandOutcome;
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  bytesOut: number;
  /** For failed-to-start. */
  error?: string;
}

/** What the OS offers for confinement, found once at boot. */
export interface Confinement {
  /** util-linux prlimit: sets RLIMIT_CPU/DATA/FSIZE/NPROC/NOFILE/CORE, then execs the command. */
  prlimit?: string;
  /** util-linux setpriv: sets no_new_privs, so no setuid program can raise privileges. */
  setpriv?: string;
  /** coreutils timeout: a wall-clock limit that holds even if the gateway itself dies mid-command. */
  timeout?: string;
  /** The gateway is root, so commands can run as other users (see RunOptions.user). */
  dropsPrivileges: boolean;
}

const SYSTEM_DIRS = ['/usr/bin', '/bin', '/usr/sbin', '/sbin'];

export function detectConfinement(): Confinement {
  return {
    prlimit: findExecutable('prlimit', SYSTEM_DIRS),
    setpriv: findExecutable('setpriv', SYSTEM_DIRS),
    timeout: findExecutable('timeout', SYSTEM_DIRS),
    dropsPrivileges: process.getuid?.() === 0,
  };
}

export function findExecutable(name: string, dirs: readonly string[]): string | undefined {
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * Runs one allowed command: spawned directly (never through a shell), in a
 * process group of its own (detached: a new session without a terminal),
 * as the unprivileged user when the gateway is root, with no_new_privs,
 * resource limits set by prlimit before the program starts, a wall-clock
 * timeout (ours, and coreutils timeout as a backstop that outlives a
 * crashed gateway), and an output cap; when it ends, for any reason, its whole
 * process tree is killed, so nothing it started outlives it.
 */
export function runCommand(confinement: Confinement, options: RunOptions): RunHandle {
  const started = performance.now();
  const { limits } = options;
  const chain: string[] = [];
  if (confinement.setpriv) chain.push(confinement.setpriv, '--no-new-privs', '--');
  if (confinement.prlimit) {
    chain.push(
      confinement.prlimit,
      `--cpu=${limits.cpuSeconds}`,
      `--data=${limits.memoryBytes}`,
      `--fsize=${limits.fileBytes}`,
      `--nproc=${limits.maxProcesses}`,
      '--nofile=1024',
      '--core=0',
      '--',
    );
  }
  // Our own timer ends the command first; this one only matters if the gateway is gone by then.
  if (confinement.timeout) chain.push(confinement.timeout, '--kill-after=5', `${Math.ceil(limits.timeoutMs / 1000) + 5}`);
  const [file, ...prefix] = [...chain, options.binary];
  let child: ChildProcess;
  try {
    child = spawn(file!, [...prefix, ...options.args], {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
      ...(confinement.dropsPrivileges && options.user ? { uid: options.user.uid, gid: options.user.gid } : {}),
    });
  } catch (err) {
    const result: RunResult = { outcome: 'failed-to-start', exitCode: null, signal: null, durationMs: performance.now() - started, bytesOut: 0, error: (err as Error).message };
    return { pid: undefined, stdin: null, interrupt: () => undefined, done: Promise.resolve(result) };
  }

  let bytesOut = 0;
  let ending: CommandOutcome | undefined;
  const end = (outcome: CommandOutcome) => {
    if (ending) return;
    ending = outcome;
    if (child.pid) killProcessTree(child.pid, 'SIGKILL');
  };
  const count = (chunk: Buffer, sink: (c: Buffer) => void) => {
    if (ending) return;
    const room = limits.outputMaxBytes - bytesOut;
    bytesOut += chunk.length;
    if (chunk.length > room) {
      if (room > 0) sink(chunk.subarray(0, room));
      end('output-limit');
      return;
    }
    sink(chunk);
  };
  child.stdout!.on('data', (chunk: Buffer) => count(chunk, options.stdout));
  child.stderr!.on('data', (chunk: Buffer) => count(chunk, options.stderr));
  // A command that exits before reading its input closes the pipe: that is not our error.
  child.stdin!.on('error', () => undefined);

  const timer = setTimeout(() => end('timeout'), limits.timeoutMs);
  timer.unref();
  const onAbort = () => end('ended');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();

  const done = new Promise<RunResult>((resolve) => {
    let spawnError: string | undefined;
    child.once('error', (err) => {
      spawnError = err.message;
    });
    // Whatever the command left behind (a background child holding its output open) goes with it. Linux never
    // hands out a pid still used as a group id, so the group is still this command's.
    child.once('exit', () => {
      if (child.pid) killProcessTree(child.pid, 'SIGKILL');
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      const durationMs = performance.now() - started;
      if (spawnError && child.pid === undefined) {
        resolve({ outcome: 'failed-to-start', exitCode: null, signal: null, durationMs, bytesOut, error: spawnError });
        return;
      }
      resolve({ outcome: ending ?? (signal ? 'signalled' : 'exited'), exitCode: code, signal, durationMs, bytesOut });
    });
  });

  return {
    pid: child.pid,
    stdin: child.stdin,
    interrupt: (signal) => {
      if (child.pid) {
        try {
          process.kill(-child.pid, signal);
        } catch {
          // gone
        }
      }
    },
    done,
  };
}
