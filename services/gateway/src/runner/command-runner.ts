import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { constants as os } from 'node:os';
import { join } from 'node:path';
import * as pty from '@lydell/node-pty';
import type { CommandOutcome } from '@dawg/contracts';
import { killProcessTree, signalProcessTree } from './process-tree';

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
  /** Where the command's stdout and stderr go (in a terminal, both arrive on stdout, as they would on a tty). */
  stdout: (chunk: Buffer) => void;
  stderr: (chunk: Buffer) => void;
  /** Aborting ends the command's whole process tree (session end, kill, Ctrl-C with SIGINT). */
  signal?: AbortSignal;
  /** The unprivileged user to run as (only when the gateway is root; otherwise commands run as the gateway's user). */
  user?: { uid: number; gid: number };
}

export interface TerminalOptions extends RunOptions {
  /** The client's terminal: the pty is made this size, with this TERM. */
  terminal: { term: string; cols: number; rows: number };
}

export interface RunHandle {
  pid: number | undefined;
  /** Input for the command: its stdin pipe, or the terminal (raw bytes: the pty's line discipline does the rest). */
  write(chunk: Buffer): void;
  /** The client's input ended (a pipe is closed; a terminal has no such thing and ignores it). */
  endInput(): void;
  /** The client's window changed size (terminals only). */
  resize(cols: number, rows: number): void;
  /** Sends a signal to the command's processes (Ctrl-C in the shell, an SSH `signal` request). */
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

/**
 * How commands are kept from the gateway and from each other, best first:
 * - `uid+namespaces`: the gateway is root; commands drop to another uid and run in new user, pid and mount
 *   namespaces with a /proc of their own.
 * - `namespaces`: the gateway is not root; commands keep its uid but run in those namespaces, so they cannot
 *   see the gateway's processes (its /proc/<pid>/environ, where the secrets are), and when the namespace's
 *   first process ends the kernel kills everything left in it.
 * - `uid`: the gateway is root but namespaces are unavailable: commands run as another uid.
 * - `none`: commands run as the gateway's own user, beside it; code-running commands are refused.
 */
export type SandboxMode = 'uid+namespaces' | 'namespaces' | 'uid' | 'none';
/** GATEWAY_SANDBOX: `auto` uses namespaces where the OS allows them; `namespaces` requires them; `off` never uses them. */
export type SandboxSetting = 'auto' | 'namespaces' | 'off';

/** What the OS offers for confinement, found once at boot. */
export interface Confinement {
  /** util-linux prlimit: sets RLIMIT_CPU/DATA/FSIZE/NPROC/NOFILE/CORE, then execs the command. */
  prlimit?: string;
  /** util-linux setpriv: drops to the commands' uid (clearing supplementary groups) and sets no_new_privs. */
  setpriv?: string;
  /** coreutils timeout: a wall-clock limit that holds even if the gateway itself dies mid-command. */
  timeout?: string;
  /** util-linux unshare, set only when a trial run showed that user, pid and mount namespaces work here. */
  unshare?: string;
  /** The gateway is root, so commands can run as other users (see RunOptions.user). */
  dropsPrivileges: boolean;
  mode: SandboxMode;
  /** Why namespaces are not used (the trial's error, or GATEWAY_SANDBOX=off), for the boot log. */
  namespacesUnavailable?: string;
}

const SYSTEM_DIRS = ['/usr/bin', '/bin', '/usr/sbin', '/sbin'];
const NAMESPACE_ARGS = ['--user', '--map-current-user', '--pid', '--fork', '--mount', '--mount-proc', '--kill-child', '--'];

/**
 * Finds the confinement tools and tries the namespaces once, as the user
 * commands will run as (`probeAs`, when the gateway is root): a kernel,
 * container runtime or seccomp profile may refuse unprivileged user
 * namespaces, or a fresh /proc where /proc is partly masked.
 */
export function detectConfinement(options: { sandbox?: SandboxSetting; probeAs?: { uid: number; gid: number } } = {}): Confinement {
  const sandbox = options.sandbox ?? 'auto';
  const base = {
    prlimit: findExecutable('prlimit', SYSTEM_DIRS),
    setpriv: findExecutable('setpriv', SYSTEM_DIRS),
    timeout: findExecutable('timeout', SYSTEM_DIRS),
    dropsPrivileges: process.getuid?.() === 0,
  };
  let unshare: string | undefined;
  let namespacesUnavailable: string | undefined;
  if (sandbox === 'off') namespacesUnavailable = 'GATEWAY_SANDBOX is off';
  else {
    const tried = tryNamespaces(base, options.probeAs);
    if (tried.ok) unshare = tried.unshare;
    else namespacesUnavailable = tried.error;
  }
  const mode: SandboxMode = unshare ? (base.dropsPrivileges ? 'uid+namespaces' : 'namespaces') : base.dropsPrivileges ? 'uid' : 'none';
  return { ...base, unshare, mode, namespacesUnavailable };
}

function tryNamespaces(tools: Pick<Confinement, 'setpriv' | 'dropsPrivileges'>, probeAs: { uid: number; gid: number } | undefined): { ok: true; unshare: string } | { ok: false; error: string } {
  const unshare = findExecutable('unshare', SYSTEM_DIRS);
  const probe = findExecutable('true', SYSTEM_DIRS);
  if (!unshare || !probe) return { ok: false, error: `${unshare ? 'true (coreutils)' : 'unshare (util-linux)'} is not installed` };
  const user = tools.dropsPrivileges ? probeAs : undefined;
  const launch = launchChain({ ...tools, unshare }, probe, [], undefined, user, false);
  const result = spawnSync(launch.file, launch.args, { env: {}, timeout: 10_000, encoding: 'utf8', ...(launch.spawnAs ?? {}) });
  if (result.status === 0) return { ok: true, unshare };
  const why = result.error?.message ?? (result.stderr.trim().split('\n').pop() || `exit status ${result.status ?? result.signal}`);
  return { ok: false, error: `unshare ${NAMESPACE_ARGS.slice(0, -1).join(' ')} failed: ${why}` };
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

interface Launch {
  file: string;
  args: string[];
  /** Set when the uid must be dropped by the spawn itself (root without setpriv). */
  spawnAs?: { uid: number; gid: number };
}

/**
 * The programs a command is started through, each exec-ing the next:
 * setpriv (drop to the commands' uid with no supplementary groups, set
 * no_new_privs), unshare (new user, pid and mount namespaces with a fresh
 * /proc; `--kill-child`: if unshare dies, the namespace's first process is
 * killed, and with it everything in the namespace), prlimit (resource
 * limits), timeout (a backstop that outlives a crashed gateway; in a
 * terminal with --foreground, so the command stays in the terminal's
 * foreground process group and may read it), then the command.
 */
function launchChain(
  confinement: Pick<Confinement, 'setpriv' | 'unshare' | 'prlimit' | 'timeout' | 'dropsPrivileges'>,
  binary: string,
  args: readonly string[],
  limits: RunLimits | undefined,
  user: { uid: number; gid: number } | undefined,
  foreground: boolean,
): Launch {
  const chain: string[] = [];
  const drop = confinement.dropsPrivileges && user ? user : undefined;
  if (confinement.setpriv) {
    chain.push(confinement.setpriv, ...(drop ? [`--reuid=${drop.uid}`, `--regid=${drop.gid}`, '--clear-groups'] : []), '--no-new-privs', '--');
  }
  if (confinement.unshare) chain.push(confinement.unshare, ...NAMESPACE_ARGS);
  if (limits && confinement.prlimit) {
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
  if (limits && confinement.timeout) {
    chain.push(confinement.timeout, ...(foreground ? ['--foreground'] : []), '--kill-after=5', `${Math.ceil(limits.timeoutMs / 1000) + 5}`);
  }
  const [file, ...prefix] = [...chain, binary];
  return { file: file!, args: [...prefix, ...args], ...(drop && !confinement.setpriv ? { spawnAs: drop } : {}) };
}

/** Counts output against the cap, ends the command once, and settles its result. */
class CommandLifecycle {
  readonly started = performance.now();
  bytesOut = 0;
  ending: CommandOutcome | undefined;
  private timer: NodeJS.Timeout | undefined;
  private pid: number | undefined;

  constructor(private readonly options: RunOptions) {}

  arm(pid: number | undefined): void {
    this.pid = pid;
    this.timer = setTimeout(() => this.end('timeout'), this.options.limits.timeoutMs);
    this.timer.unref();
    this.options.signal?.addEventListener('abort', this.onAbort, { once: true });
    if (this.options.signal?.aborted) this.onAbort();
  }

  private readonly onAbort = () => this.end('ended');

  end(outcome: CommandOutcome): void {
    if (this.ending) return;
    this.ending = outcome;
    if (this.pid) killProcessTree(this.pid, 'SIGKILL');
  }

  count(chunk: Buffer, sink: (c: Buffer) => void): void {
    if (this.ending) return;
    const room = this.options.limits.outputMaxBytes - this.bytesOut;
    this.bytesOut += chunk.length;
    if (chunk.length > room) {
      if (room > 0) sink(chunk.subarray(0, room));
      this.end('output-limit');
      return;
    }
    sink(chunk);
  }

  /** Whatever the command left behind (a background child holding its output open) goes with it. */
  reap(): void {
    if (this.pid) killProcessTree(this.pid, 'SIGKILL');
  }

  settle(exitCode: number | null, signal: string | null): RunResult {
    clearTimeout(this.timer);
    this.options.signal?.removeEventListener('abort', this.onAbort);
    return { outcome: this.ending ?? (signal ? 'signalled' : 'exited'), exitCode, signal, durationMs: performance.now() - this.started, bytesOut: this.bytesOut };
  }

  failed(error: string): RunHandle {
    clearTimeout(this.timer);
    const result: RunResult = { outcome: 'failed-to-start', exitCode: null, signal: null, durationMs: performance.now() - this.started, bytesOut: 0, error };
    return { pid: undefined, write: () => undefined, endInput: () => undefined, resize: () => undefined, interrupt: () => undefined, done: Promise.resolve(result) };
  }
}

/**
 * Runs one allowed command with pipes (no terminal): spawned directly
 * (never through a shell), in a process group of its own (detached: a new
 * session without a terminal), confined by launchChain, with a wall-clock
 * timeout and an output cap; when it ends, for any reason, its whole process
 * tree is killed, so nothing it started outlives it.
 */
export function runCommand(confinement: Confinement, options: RunOptions): RunHandle {
  const life = new CommandLifecycle(options);
  const launch = launchChain(confinement, options.binary, options.args, options.limits, options.user, false);
  let child: ChildProcess;
  try {
    child = spawn(launch.file, launch.args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
      ...(launch.spawnAs ?? {}),
    });
  } catch (err) {
    return life.failed((err as Error).message);
  }
  child.stdout!.on('data', (chunk: Buffer) => life.count(chunk, options.stdout));
  child.stderr!.on('data', (chunk: Buffer) => life.count(chunk, options.stderr));
  // A command that exits before reading its input closes the pipe: that is not our error.
  child.stdin!.on('error', () => undefined);
  life.arm(child.pid);

  const done = new Promise<RunResult>((resolve) => {
    let spawnError: string | undefined;
    child.once('error', (err) => {
      spawnError = err.message;
    });
    // Linux never hands out a pid still used as a group id, so the group is still this command's.
    child.once('exit', () => life.reap());
    child.once('close', (code, signal) => {
      const result = life.settle(code, signal);
      resolve(spawnError && child.pid === undefined ? { ...result, outcome: 'failed-to-start', exitCode: null, signal: null, error: spawnError } : result);
    });
  });

  return {
    pid: child.pid,
    write: (chunk) => {
      if (child.stdin?.writable) child.stdin.write(chunk);
    },
    endInput: () => child.stdin?.end(),
    resize: () => undefined,
    interrupt: (signal) => {
      if (child.pid) signalProcessTree(child.pid, signal);
    },
    done,
  };
}

const SIGNAL_NAMES = new Map<number, string>(Object.entries(os.signals).map(([name, number]) => [number, name]));

/**
 * Runs one allowed command in a pseudo-terminal of the client's size (what
 * `ssh -t` asks for): full-screen programs get a real tty, raw input reaches
 * the terminal's line discipline (Ctrl-C is the terminal's SIGINT), and the
 * window follows the client's. The same confinement, limits and cap as
 * runCommand; the terminal's session leader is the first program of the
 * chain, so the whole tree is ended the same way.
 */
export function runInTerminal(confinement: Confinement, options: TerminalOptions): RunHandle {
  const life = new CommandLifecycle(options);
  const launch = launchChain(confinement, options.binary, options.args, options.limits, options.user, true);
  let term: pty.IPty;
  try {
    term = pty.spawn(launch.file, launch.args, {
      name: options.terminal.term,
      cols: options.terminal.cols,
      rows: options.terminal.rows,
      cwd: options.cwd,
      env: options.env,
      // Bytes, not text: output is counted and recorded as the program wrote it.
      encoding: null,
      ...(launch.spawnAs ?? {}),
    });
  } catch (err) {
    return life.failed((err as Error).message);
  }
  // With `encoding: null` the events carry Buffers; node-pty's typings only know strings.
  term.onData((chunk) => life.count(Buffer.from(chunk as unknown as Uint8Array), options.stdout));
  life.arm(term.pid);
  const done = new Promise<RunResult>((resolve) => {
    term.onExit(({ exitCode, signal }) => {
      life.reap();
      const name = signal ? (SIGNAL_NAMES.get(signal) ?? `SIG${signal}`) : null;
      resolve(life.settle(name ? null : exitCode, name));
    });
  });
  let exited = false;
  void done.then(() => (exited = true));
  return {
    pid: term.pid,
    write: (chunk) => {
      // The pty's socket takes bytes as they are; its typings say string.
      if (!exited) (term.write as (data: string | Buffer) => void).call(term, chunk);
    },
    endInput: () => undefined,
    resize: (cols, rows) => {
      if (!exited) term.resize(cols, rows);
    },
    interrupt: (signal) => signalProcessTree(term.pid, signal),
    done,
  };
}
