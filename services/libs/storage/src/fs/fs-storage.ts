import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, open, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { limitedChunks, resolveRange } from '../byte-stream';
import { InvalidRangeError, ObjectKeyConflictError, ObjectNotFoundError, ObjectTooLargeError } from '../errors';
import { validateContentType, validateExpiresSeconds, validateObjectKey, validateObjectPrefix } from '../object-key';
import type {
  ByteRange,
  ObjectInfo,
  ObjectStorage,
  PresignedRequest,
  PresignGetOptions,
  PresignPutOptions,
  PutOptions,
  StoredObject,
} from '../object-storage';
import type { SignedUrls } from './signed-urls';

interface Sidecar {
  contentType: string;
}

const DEFAULT_CONTENT_TYPE = 'application/octet-stream';
/** Temp files older than this are leftovers of a crash, not uploads in progress in another process sharing the root. */
const STALE_TEMP_MS = 24 * 3600 * 1000;

/**
 * Objects as files under a root directory: the local default (`npm start`)
 * and single-node installs. Layout:
 *   objects/<key>        the bytes
 *   meta/<key>.json      the content type (a sidecar, so the bytes stay a plain file)
 *   tmp/                 uploads in progress, renamed into place when complete
 * Renames within one filesystem are atomic, so readers never see a partial
 * object. The two renames (bytes, then sidecar) are not one step: a reader
 * racing an overwrite can briefly see the new bytes with the old content type.
 */
export class FsStorage implements ObjectStorage {
  readonly driver = 'fs';
  private readonly root: string;

  constructor(
    root: string,
    private readonly urls: SignedUrls,
  ) {
    this.root = resolve(root);
  }

  /** Creates the layout and removes temp files a crashed process left behind. */
  async init(): Promise<void> {
    for (const dir of ['objects', 'meta', 'tmp']) await mkdir(join(this.root, dir), { recursive: true });
    const tmp = join(this.root, 'tmp');
    for (const name of await readdir(tmp)) {
      const info = await stat(join(tmp, name)).catch(() => undefined);
      if (info && Date.now() - info.mtimeMs > STALE_TEMP_MS) await rm(join(tmp, name), { force: true });
    }
  }

  async put(key: string, body: Buffer | Readable, options: PutOptions): Promise<{ sizeBytes: number }> {
    validateObjectKey(key);
    const contentType = validateContentType(options.contentType);
    const id = randomBytes(12).toString('hex');
    const tmpData = join(this.root, 'tmp', `${id}.data`);
    const tmpMeta = join(this.root, 'tmp', `${id}.json`);
    try {
      // Create the file before streaming: a stream that opens it itself can do so
      // after a failed pipeline has already cleaned up, leaving it behind.
      const file = await open(tmpData, 'wx', 0o640);
      let sizeBytes = 0;
      await pipeline(
        limitedChunks(body, options),
        async function* count(chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            sizeBytes += chunk.length;
            yield chunk;
          }
        },
        // flush: fsync before close, so a crash cannot leave a renamed but empty file.
        file.createWriteStream({ flush: true }),
      );
      await writeFile(tmpMeta, JSON.stringify({ contentType } satisfies Sidecar), { mode: 0o640 });
      const dataPath = this.path('objects', key);
      const metaPath = this.path('meta', `${key}.json`);
      await mkdir(dirname(dataPath), { recursive: true });
      await mkdir(dirname(metaPath), { recursive: true });
      await rename(tmpData, dataPath);
      await rename(tmpMeta, metaPath);
      return { sizeBytes };
    } catch (err) {
      await Promise.all([rm(tmpData, { force: true }), rm(tmpMeta, { force: true })]);
      if (isFsError(err, 'EISDIR', 'ENOTDIR', 'EEXIST', 'ENOTEMPTY')) throw new ObjectKeyConflictError(key);
      throw err;
    }
  }

  async get(key: string, range?: ByteRange): Promise<StoredObject> {
    validateObjectKey(key);
    // Open first, then stat the open file: size and bytes then come from the same
    // version even if a put replaces the object meanwhile.
    const file = await open(this.path('objects', key), constants.O_RDONLY | constants.O_NOFOLLOW).catch((err: unknown) => {
      throw isFsError(err, 'ENOENT', 'ENOTDIR', 'ELOOP') ? new ObjectNotFoundError(key) : err;
    });
    try {
      const info = await file.stat();
      if (!info.isFile()) throw new ObjectNotFoundError(key);
      const contentType = await this.contentType(key);
      const base = { sizeBytes: info.size, contentType, lastModified: info.mtime };
      if (!range) return { ...base, body: file.createReadStream(), contentLength: info.size };
      const satisfied = resolveRange(range, info.size, () => new InvalidRangeError(info.size));
      return { ...base, body: file.createReadStream(satisfied), contentLength: satisfied.end - satisfied.start + 1, range: satisfied };
    } catch (err) {
      await file.close();
      throw err;
    }
  }

  async head(key: string): Promise<ObjectInfo> {
    validateObjectKey(key);
    const info = await stat(this.path('objects', key)).catch((err: unknown) => {
      throw isFsError(err, 'ENOENT', 'ENOTDIR') ? new ObjectNotFoundError(key) : err;
    });
    // A directory is a prefix of other keys, not an object.
    if (!info.isFile()) throw new ObjectNotFoundError(key);
    return { sizeBytes: info.size, contentType: await this.contentType(key), lastModified: info.mtime };
  }

  async delete(key: string): Promise<void> {
    validateObjectKey(key);
    for (const path of [this.path('objects', key), this.path('meta', `${key}.json`)]) {
      // EISDIR/EPERM: the key names a prefix of other objects, which is not an object to delete.
      await unlink(path).catch((err: unknown) => {
        if (!isFsError(err, 'ENOENT', 'ENOTDIR', 'EISDIR', 'EPERM')) throw err;
      });
    }
  }

  async deletePrefix(prefix: string): Promise<void> {
    validateObjectPrefix(prefix);
    const dir = prefix.slice(0, -1);
    await rm(this.path('objects', dir), { recursive: true, force: true });
    await rm(this.path('meta', dir), { recursive: true, force: true });
  }

  async presignPut(key: string, options: PresignPutOptions): Promise<PresignedRequest> {
    validateObjectKey(key);
    const contentType = validateContentType(options.contentType);
    if (options.contentLength !== undefined && options.contentLength > options.maxBytes) throw new ObjectTooLargeError(options.maxBytes);
    const { url, expiresAt } = this.urls.url({
      v: 1,
      m: 'PUT',
      k: key,
      e: this.urls.expiryIn(validateExpiresSeconds(options.expiresSeconds)),
      x: options.maxBytes,
      ...(options.contentLength === undefined ? {} : { l: options.contentLength }),
      t: contentType,
    });
    return { url, method: 'PUT', headers: { 'content-type': contentType }, expiresAt };
  }

  async presignGet(key: string, options: PresignGetOptions): Promise<PresignedRequest> {
    validateObjectKey(key);
    const { url, expiresAt } = this.urls.url({
      v: 1,
      m: 'GET',
      k: key,
      e: this.urls.expiryIn(validateExpiresSeconds(options.expiresSeconds)),
      ...(options.downloadName === undefined ? {} : { n: options.downloadName }),
    });
    return { url, method: 'GET', headers: {}, expiresAt };
  }

  async check(): Promise<void> {
    await access(join(this.root, 'objects'), constants.R_OK | constants.W_OK);
    await access(join(this.root, 'tmp'), constants.R_OK | constants.W_OK);
  }

  private async contentType(key: string): Promise<string> {
    try {
      return (JSON.parse(await readFile(this.path('meta', `${key}.json`), 'utf8')) as Sidecar).contentType;
    } catch {
      // Bytes without a sidecar (a racing delete, or files copied in by hand).
      return DEFAULT_CONTENT_TYPE;
    }
  }

  /** The file for a validated key; the containment check is a second line of defence behind validateObjectKey. */
  private path(area: 'objects' | 'meta', key: string): string {
    const base = join(this.root, area);
    const path = resolve(base, key);
    if (!path.startsWith(base + sep)) throw new Error(`object key escapes the storage root: ${key}`);
    return path;
  }
}

// Duck-typed: errors from Node's fs may come from another realm (Jest's vm contexts), where instanceof Error fails.
function isFsError(err: unknown, ...codes: string[]): boolean {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' && codes.includes(code);
}
