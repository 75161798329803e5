import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type QueryResultRow } from 'pg';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { loadConfig, type RunningService, startService } from '@dawg/platform';
import { createTestDatabase, REPO_ROOT, type TestDatabase, testServiceEnv } from '@dawg/testing';
import { unifiedEnv, unifiedService } from '@dawg/unified';

/** Where the screenshots of each step go (gitignored); look at them when a step fails. */
export const SHOTS = join(REPO_ROOT, 'test-output', 'web');
/** Every musician's password in these tests. */
export const PASSWORD = 'correct horse battery';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
/** A laptop screen: the panels must be usable at 1280x720. */
const LAPTOP = { width: 1280, height: 720 };

type Env = Record<string, string>;

export interface WebStackOptions {
  /** Starts the name of the spec's temp folder, so a leftover one says which spec made it. */
  tmpPrefix: string;
  /** The spec's own variables over the shared ones; a function of the temp folder when they name paths in it. */
  env?: Env | ((dir: string) => Env);
  /** Chromium flags beyond the standard headless ones. */
  chromiumArgs?: string[];
  /** A WAV that Chromium's fake capture device plays in a loop as the microphone. */
  microphone?: Buffer;
  /** The size of every page; a laptop screen unless told. */
  viewport?: { width: number; height: number };
}

/**
 * The platform as a musician's browser meets it: one unified process (as
 * `npm start` runs it) serving the built web app at `/` and the api beside it,
 * on a test database of its own and the fs storage driver in a temp folder,
 * and a headless Chromium to open pages in. Its helpers are bound, so a spec
 * can destructure them.
 */
export class WebStack {
  /** What the pages reported (uncaught errors, console messages); printed when a test fails. */
  readonly browserLog: string[] = [];
  private readonly contexts: BrowserContext[] = [];
  private tmp?: string;
  private database?: TestDatabase;
  private running?: RunningService;
  private chromium?: Browser;

  constructor(private readonly options: WebStackOptions) {}

  /** The temp folder: file storage lives in its `storage/`; the spec may keep its own files beside it. */
  get dir(): string {
    return started(this.tmp, 'temp folder');
  }

  get db(): TestDatabase {
    return started(this.database, 'database');
  }

  get service(): RunningService {
    return started(this.running, 'service');
  }

  get browser(): Browser {
    return started(this.chromium, 'browser');
  }

  async start(): Promise<void> {
    if (!existsSync(join(REPO_ROOT, 'web/dist/index.html'))) throw new Error('web/dist is missing: build the studio first (npm test does; or: cd web && npx vite build)');
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM} (Debian: apt-get install chromium; or set CHROMIUM_PATH)`);
    mkdirSync(SHOTS, { recursive: true });
    const { tmpPrefix, env = {}, chromiumArgs = [], microphone } = this.options;
    this.database = await createTestDatabase();
    const dir = (this.tmp = mkdtempSync(join(tmpdir(), tmpPrefix)));
    this.running = await startService(
      unifiedService,
      loadConfig(unifiedEnv, {
        ...testServiceEnv(this.database.url),
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        STORAGE_DRIVER: 'fs',
        STORAGE_FS_ROOT: join(dir, 'storage'),
        RATE_LIMIT_AUTH: '1000/900',
        RATE_LIMIT_GENERAL: '100000/900',
        ...(typeof env === 'function' ? env(dir) : env),
      }),
    );
    const args = [...CHROMIUM_FLAGS, ...chromiumArgs];
    if (microphone) {
      // The microphone is a WAV file played in a loop by Chromium's fake capture device.
      const file = join(dir, 'microphone.wav');
      writeFileSync(file, microphone);
      args.push('--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${file}`);
    }
    this.chromium = await chromium.launch({ executablePath: CHROMIUM, args });
  }

  /** Stops whatever `start` got to, so it also cleans up after a start that failed half way. */
  async close(): Promise<void> {
    for (const context of this.contexts) await context.close().catch(() => undefined);
    await this.chromium?.close().catch(() => undefined);
    await this.running?.shutdown();
    await this.database?.drop();
    if (this.tmp) rmSync(this.tmp, { recursive: true, force: true });
  }

  /** A call to the api, its JSON body parsed (undefined when empty), whatever the status. */
  readonly api = async <T>(token: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${this.service.url}/api/v1${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };

  /** SQL on the stack's database, for what no api sets or shows; the rows it returns. */
  readonly query = async <R extends QueryResultRow = QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> => {
    const pg = new Client({ connectionString: this.db.url });
    await pg.connect();
    try {
      return (await pg.query<R>(sql, params)).rows;
    } finally {
      await pg.end();
    }
  };

  /** A page in a browser context of its own (its own cookies and storage: another musician), its errors and console in the log. */
  readonly newPage = async (): Promise<Page> => {
    const context = await this.browser.newContext({ viewport: this.options.viewport ?? LAPTOP, baseURL: this.service.url });
    this.contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (err) => this.browserLog.push(`pageerror: ${err.stack ?? err.message}`));
    page.on('console', (message) => this.browserLog.push(`${message.type()}: ${message.text()}`));
    return page;
  };

  // What the screen shows (pages scroll inside their own container, so a full-page capture would cut them).
  readonly shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

  /** Polls until `check` passes (edits and jobs reach the api asynchronously); bounded by a count of reads, not a clock. */
  readonly eventually = async <T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, tries = 300): Promise<T> => {
    for (let i = 0; ; i++) {
      const value = await read();
      if (check(value)) return value;
      if (i >= tries) throw new Error(`gave up waiting for ${what}: ${JSON.stringify(value)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  /**
   * For a test's catch: screenshots of what the page showed (the one given,
   * or every open page as `<name>-<context>`), the browser's log on stderr,
   * and the error thrown again.
   */
  readonly failed = async (err: unknown, name: string, page?: Page): Promise<never> => {
    if (page) await this.shot(page, name).catch(() => undefined);
    else for (const [i, context] of this.contexts.entries()) for (const open of context.pages()) await this.shot(open, `${name}-${i}`).catch(() => undefined);
    process.stderr.write(`[browser log]\n${this.browserLog.join('\n')}\n`);
    throw err;
  };
}

/** Opens `path` signed out and signs in on the form the app shows there. */
export async function signIn(page: Page, email: string, path: string): Promise<void> {
  await page.goto(path);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A web stack for the enclosing `describe`: started before its tests, closed after them. */
export function useWebStack(options: WebStackOptions): WebStack {
  const stack = new WebStack(options);
  beforeAll(() => stack.start());
  afterAll(() => stack.close());
  return stack;
}

function started<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the web stack has no ${what}: it is not started (useWebStack starts it in beforeAll)`);
  return value;
}
