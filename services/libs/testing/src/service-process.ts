import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from './paths';

export const DEPLOYABLES = ['api', 'ai-brain', 'voice', 'generation', 'gateway', 'unified'] as const;
export type Deployable = (typeof DEPLOYABLES)[number];

export type LogLine = Record<string, unknown> & { msg?: string; level?: string };

/**
 * A deployable's built `dist/main.js` run with plain `node`, as in
 * production, on a port the OS picks. Its JSON log lines are collected.
 */
export class ServiceProcess {
  readonly lines: LogLine[] = [];
  readonly stderr: string[] = [];
  private readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private waiters: Array<{ match: (l: LogLine) => boolean; resolve: (l: LogLine) => void }> = [];

  private constructor(
    readonly name: Deployable,
    private readonly child: ChildProcess,
  ) {
    this.exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    createInterface({ input: child.stdout! }).on('line', (raw) => {
      let line: LogLine;
      try {
        line = JSON.parse(raw) as LogLine;
      } catch {
        line = { msg: raw, unparsed: true };
      }
      this.lines.push(line);
      this.waiters = this.waiters.filter((w) => (w.match(line) ? (w.resolve(line), false) : true));
    });
    createInterface({ input: child.stderr! }).on('line', (raw) => this.stderr.push(raw));
  }

  static spawn(name: Deployable, env: Record<string, string | undefined>): ServiceProcess {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'services', name, 'dist', 'main.js')], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ServiceProcess(name, child);
  }

  /** Spawns and waits for the "listening" line; returns the process and its base URL. */
  static async start(name: Deployable, env: Record<string, string | undefined>): Promise<{ service: ServiceProcess; url: string }> {
    const service = ServiceProcess.spawn(name, env);
    const listening = await Promise.race([
      service.waitForLog((l) => l.msg === `${name} listening`),
      service.exited().then((r) => {
        throw new Error(`${name} exited before listening (${JSON.stringify(r)}): ${service.stderr.join('\n')}`);
      }),
    ]);
    return { service, url: String(listening.url) };
  }

  get pid(): number {
    return this.child.pid!;
  }

  waitForLog(match: (line: LogLine) => boolean): Promise<LogLine> {
    const seen = this.lines.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return this.exit;
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** SIGTERM, then the exit status. */
  async stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    return this.exit;
  }
}
