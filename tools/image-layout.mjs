// @ts-check
/**
 * What goes into a deployable's container image, made the same way by its
 * Dockerfile and by tests/images (which has no Docker engine, so it builds and
 * starts this same layout with plain node instead).
 *
 *   node tools/image-layout.mjs manifests <out>
 *       The lock, the root and every workspace package.json, and this script:
 *       all that installing needs, so a Dockerfile can cache the install on them.
 *   node tools/image-layout.mjs build-deps <name>
 *       In such a folder: installs what `tsc -b` needs to compile <name>.
 *   node tools/image-layout.mjs runtime <name> <out>
 *       From a built workspace (the current folder): the image's /app. The
 *       package.json and dist of <name> and of every workspace library it
 *       depends on, and their production node_modules, installed with
 *       `npm ci --omit=dev` from the lock.
 *
 * Installs use npm's cache first (--prefer-offline), so with a warm cache (any
 * machine that ran `npm ci` here, or the Dockerfile's cache mount) they need no
 * network.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(import.meta.url);
const SCRIPT_PATH = 'tools/image-layout.mjs';

/**
 * The root devDependencies a build needs: the compiler, and the type packages
 * tsconfig.base.json names in `types`. Everything else there is test and lint tooling.
 */
const BUILD_TOOLS = ['typescript', '@types/node'];

/** @typedef {{ name: string, version?: string, workspaces?: string[], dependencies?: Record<string, string>, devDependencies?: Record<string, string> }} Manifest */
/** @typedef {{ name: string, dir: string, manifest: Manifest }} Workspace */

const say = (/** @type {string} */ msg) => process.stderr.write(`[image-layout] ${msg}\n`);

/** @param {string} file @returns {Manifest} */
function readManifest(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** @param {string} file @param {unknown} value */
function writeJson(file, value) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * The root manifest and the workspaces it lists, by package name.
 * @param {string} root
 */
export function readWorkspace(root) {
  const manifest = readManifest(join(root, 'package.json'));
  /** @type {Map<string, Workspace>} */
  const workspaces = new Map();
  for (const dir of manifest.workspaces ?? []) {
    if (dir.includes('*')) throw new Error(`workspace globs are not supported here: ${dir}`);
    const ws = readManifest(join(root, dir, 'package.json'));
    workspaces.set(ws.name, { name: ws.name, dir, manifest: ws });
  }
  return { manifest, workspaces };
}

/**
 * A deployable and the workspace packages its production `dependencies` reach,
 * directly or through each other.
 * @param {Map<string, Workspace>} workspaces
 * @param {string} deployable a folder name under services/, e.g. "api"
 * @returns {Workspace[]}
 */
export function workspaceClosure(workspaces, deployable) {
  const start = [...workspaces.values()].find((w) => w.dir === `services/${deployable}`);
  if (!start) throw new Error(`no workspace at services/${deployable}`);
  /** @type {Map<string, Workspace>} */
  const seen = new Map();
  const queue = [start];
  for (let ws = queue.shift(); ws; ws = queue.shift()) {
    if (seen.has(ws.name)) continue;
    seen.set(ws.name, ws);
    for (const dep of Object.keys(ws.manifest.dependencies ?? {})) {
      const next = workspaces.get(dep);
      if (next) queue.push(next);
    }
  }
  return [...seen.values()];
}

/** @param {Manifest} manifest @param {string[]} keepDev */
function withoutDevDependencies(manifest, keepDev = []) {
  const { devDependencies, ...rest } = manifest;
  const kept = Object.fromEntries(Object.entries(devDependencies ?? {}).filter(([name]) => keepDev.includes(name)));
  return Object.keys(kept).length > 0 ? { ...rest, devDependencies: kept } : rest;
}

/**
 * Writes manifests into `dir` that npm installs from: the lock as it is, and
 * every package.json without devDependencies (bar `keepRootDev` at the root).
 *
 * Why not keep them and pass --omit=dev: when npm selects a workspace with
 * --workspace, it installs that workspace's devDependencies that are themselves
 * workspaces (our @dawg/testing, and through it s3rver) whatever --omit says.
 * Dropping devDependencies leaves the lock valid for what remains (npm ci still
 * refuses any mismatch), so versions stay exactly the locked ones.
 * @param {string} from @param {string} dir @param {string[]} keepRootDev
 */
function writeInstallManifests(from, dir, keepRootDev) {
  const { manifest, workspaces } = readWorkspace(from);
  writeJson(join(dir, 'package.json'), withoutDevDependencies(manifest, keepRootDev));
  if (from !== dir) cpSync(join(from, 'package-lock.json'), join(dir, 'package-lock.json'));
  for (const ws of workspaces.values()) writeJson(join(dir, ws.dir, 'package.json'), withoutDevDependencies(ws.manifest));
}

/** @param {string} cwd @param {string[]} args */
function npm(cwd, args) {
  const all = [...args, '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=warn'];
  say(`npm ${all.join(' ')}  (in ${cwd})`);
  const result = spawnSync('npm', all, {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  if (result.status !== 0) throw new Error(`npm ${args[0]} failed in ${cwd} (exit ${result.status ?? result.signal})`);
}

/** `manifests <out>` @param {string} root @param {string} out */
export function copyManifests(root, out) {
  const { workspaces } = readWorkspace(root);
  for (const file of ['package.json', 'package-lock.json', SCRIPT_PATH]) {
    mkdirSync(dirname(join(out, file)), { recursive: true });
    cpSync(join(root, file), join(out, file));
  }
  for (const ws of workspaces.values()) {
    mkdirSync(join(out, ws.dir), { recursive: true });
    cpSync(join(root, ws.dir, 'package.json'), join(out, ws.dir, 'package.json'));
  }
}

/** `build-deps <name>`: the compiler and the deployable's dependencies, in `dir`. @param {string} dir @param {string} deployable */
export function installBuildDependencies(dir, deployable) {
  writeInstallManifests(dir, dir, BUILD_TOOLS);
  npm(dir, ['ci', '--workspace', `services/${deployable}`, '--include-workspace-root']);
}

/**
 * `runtime <name> <out>`: the image's /app, from the built workspace at `root`.
 * @param {string} root @param {string} deployable @param {string} out
 */
export function writeRuntimeLayout(root, deployable, out) {
  const { workspaces } = readWorkspace(root);
  const closure = workspaceClosure(workspaces, deployable);
  for (const ws of closure) {
    if (!existsSync(join(root, ws.dir, 'dist'))) throw new Error(`${ws.dir}/dist is missing: build first (tsc -b)`);
  }
  if (existsSync(out) && readdirSync(out).length > 0) throw new Error(`${out} is not empty`);
  mkdirSync(out, { recursive: true });

  writeInstallManifests(root, out, []);
  npm(out, ['ci', '--omit=dev', '--workspace', `services/${deployable}`, '--include-workspace-root=false']);

  // The root manifest and the lock were only for npm; the workspaces outside
  // the closure were listed only so that the lock matched.
  rmSync(join(out, 'package.json'));
  rmSync(join(out, 'package-lock.json'));
  const inClosure = new Set(closure.map((ws) => ws.dir));
  for (const ws of workspaces.values()) if (!inClosure.has(ws.dir)) rmSync(join(out, ws.dir), { recursive: true });
  removeEmptyDirs(join(out, 'services'));

  for (const ws of closure) {
    cpSync(join(root, ws.dir, 'dist'), join(out, ws.dir, 'dist'), {
      recursive: true,
      // tsc's incremental state is for rebuilding, not running.
      filter: (src) => !src.endsWith('.tsbuildinfo'),
    });
  }

  // npm links every selected workspace under node_modules/@dawg; the closure
  // computed here must be exactly that set, or one of the two is wrong.
  const linked = readdirSync(join(out, 'node_modules', '@dawg')).map((n) => `@dawg/${n}`).sort();
  const expected = closure.map((ws) => ws.name).sort();
  if (linked.join() !== expected.join()) {
    throw new Error(`npm linked ${linked.join(', ')} but ${deployable} needs ${expected.join(', ')}`);
  }
  say(`services/${deployable}: ${closure.length} workspace packages, laid out in ${relative(process.cwd(), out) || '.'}`);
}

/** @param {string} dir */
function removeEmptyDirs(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) removeEmptyDirs(join(dir, entry.name));
  }
  if (readdirSync(dir).length === 0) rmSync(dir, { recursive: true });
}

function main() {
  const [command, ...args] = process.argv.slice(2);
  const root = process.cwd();
  const usage = 'usage: image-layout.mjs manifests <out> | build-deps <name> | runtime <name> <out>';
  if (command === 'manifests' && args.length === 1) copyManifests(root, resolve(args[0]));
  else if (command === 'build-deps' && args.length === 1) installBuildDependencies(root, args[0]);
  else if (command === 'runtime' && args.length === 2) writeRuntimeLayout(root, args[0], resolve(args[1]));
  else throw new Error(usage);
}

if (process.argv[1] && resolve(process.argv[1]) === SCRIPT) {
  try {
    main();
  } catch (err) {
    say(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}
