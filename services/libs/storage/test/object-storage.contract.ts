import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import {
  InvalidObjectKeyError,
  InvalidRangeError,
  ObjectLengthMismatchError,
  ObjectNotFoundError,
  type ObjectStorage,
  ObjectTooLargeError,
} from '../src';

export interface ContractSubject {
  storage: ObjectStorage;
  /** Makes a presigned URL fetchable (the fs driver's are relative to the service). */
  absolute(url: string): string;
}

const MiB = 1024 * 1024;

/** `total` bytes in chunks of `chunk`, all derived from `seed`, without holding them all at once. */
function generated(total: number, seed: string, chunk = 256 * 1024): { stream: () => Readable; sha256: string } {
  const block = (i: number) => createHash('sha512').update(`${seed}:${i}`).digest();
  const chunks = function* () {
    for (let sent = 0, i = 0; sent < total; i++) {
      const size = Math.min(chunk, total - sent);
      const bytes = Buffer.alloc(size);
      for (let off = 0; off < size; off += 64) block(i * chunk + off).copy(bytes, off);
      sent += size;
      yield bytes;
    }
  };
  const hash = createHash('sha256');
  for (const c of chunks()) hash.update(c);
  return { stream: () => Readable.from(chunks()), sha256: hash.digest('hex') };
}

async function sha256Of(body: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of body) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function bytesOf(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * What every ObjectStorage driver must do, run against each real backend
 * (the fs driver on a temp directory, the S3 driver against s3rver).
 */
/**
 * `verifiesSignatures`: whether the server behind the driver checks what is
 * signed into a presigned URL. s3rver does not verify SigV4 (it accepts any
 * signature naming its key), so for S3 that part is AWS's to prove.
 */
export function objectStorageContract(subject: () => ContractSubject, options: { verifiesSignatures: boolean }): void {
  const storage = () => subject().storage;
  const key = (name: string) => `contract/${randomBytes(6).toString('hex')}/${name}`;
  const alphabet = Buffer.from('abcdefghijklmnopqrstuvwxyz'.repeat(40)); // 1040 bytes

  it('stores, describes, reads and deletes an object, and deleting again is not an error', async () => {
    const k = key('take-1.wav');
    expect(await storage().put(k, Buffer.from('RIFF....WAVE'), { contentType: 'audio/wav' })).toEqual({ sizeBytes: 12 });
    expect(await storage().head(k)).toMatchObject({ sizeBytes: 12, contentType: 'audio/wav' });
    const object = await storage().get(k);
    expect(object).toMatchObject({ sizeBytes: 12, contentLength: 12, contentType: 'audio/wav' });
    expect(object.range).toBeUndefined();
    expect(await text(object.body)).toBe('RIFF....WAVE');
    await storage().delete(k);
    await expect(storage().head(k)).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(storage().delete(k)).resolves.toBeUndefined();
  });

  it('stores a stream and replaces an existing object with its new bytes and type', async () => {
    const k = key('mix.bin');
    await storage().put(k, Buffer.from('old'), { contentType: 'application/octet-stream' });
    const { sizeBytes } = await storage().put(k, Readable.from([Buffer.from('new '), Buffer.from('bytes')]), { contentType: 'audio/flac', maxBytes: 100 });
    expect(sizeBytes).toBe(9);
    const object = await storage().get(k);
    expect(object.contentType).toBe('audio/flac');
    expect(await text(object.body)).toBe('new bytes');
  });

  it('stores an empty object', async () => {
    const k = key('empty');
    expect(await storage().put(k, Buffer.alloc(0), { contentType: 'text/plain' })).toEqual({ sizeBytes: 0 });
    expect((await storage().head(k)).sizeBytes).toBe(0);
    expect((await bytesOf((await storage().get(k)).body)).length).toBe(0);
  });

  it('reads byte ranges: the first bytes, the middle, and from an offset to the end', async () => {
    const k = key('alphabet.txt');
    await storage().put(k, alphabet, { contentType: 'text/plain' });

    const first = await storage().get(k, { start: 0, end: 9 });
    expect(first).toMatchObject({ sizeBytes: 1040, contentLength: 10, range: { start: 0, end: 9 } });
    expect(await text(first.body)).toBe('abcdefghij');

    const middle = await storage().get(k, { start: 500, end: 515 });
    expect(middle).toMatchObject({ contentLength: 16, range: { start: 500, end: 515 } });
    expect(await text(middle.body)).toBe(alphabet.subarray(500, 516).toString());

    const tail = await storage().get(k, { start: 1030 });
    expect(tail).toMatchObject({ sizeBytes: 1040, contentLength: 10, range: { start: 1030, end: 1039 } });
    expect(await text(tail.body)).toBe('qrstuvwxyz');

    // An end past the last byte is clamped, as in HTTP.
    const clamped = await storage().get(k, { start: 1035, end: 5000 });
    expect(clamped).toMatchObject({ contentLength: 5, range: { start: 1035, end: 1039 } });
    expect(await text(clamped.body)).toBe('vwxyz');
  });

  it('refuses a range that starts past the end, naming the size', async () => {
    const k = key('short.txt');
    await storage().put(k, Buffer.from('0123456789'), { contentType: 'text/plain' });
    const err = await storage().get(k, { start: 10 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidRangeError);
    expect(err).toMatchObject({ code: 'RANGE_NOT_SATISFIABLE', sizeBytes: 10 });
    await expect(storage().get(k, { start: 5, end: 2 })).rejects.toBeInstanceOf(InvalidRangeError);
    await expect(storage().get(k, { start: -1 })).rejects.toBeInstanceOf(InvalidRangeError);
  });

  it('throws ObjectTooLargeError for a stream over the limit, stores nothing, and leaves the stream undestroyed for the caller', async () => {
    const k = key('too-big.wav');
    const body = generated(64 * 1024, 'small').stream();
    const err = await storage().put(k, body, { contentType: 'audio/wav', maxBytes: 1000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ObjectTooLargeError);
    expect(err).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', maxBytes: 1000 });
    expect(body.destroyed).toBe(false);
    body.destroy();
    await expect(storage().head(k)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('keeps the existing object when a replacement runs over the limit', async () => {
    const k = key('keep-me.wav');
    await storage().put(k, Buffer.from('original'), { contentType: 'audio/wav' });
    await expect(storage().put(k, Buffer.alloc(2000), { contentType: 'audio/wav', maxBytes: 1000 })).rejects.toBeInstanceOf(ObjectTooLargeError);
    expect(await text((await storage().get(k)).body)).toBe('original');
  });

  it('refuses a declared length over the limit before reading the body', async () => {
    const body = generated(10, 'declared').stream();
    await expect(storage().put(key('declared'), body, { contentType: 'audio/wav', contentLength: 2000, maxBytes: 1000 })).rejects.toBeInstanceOf(ObjectTooLargeError);
    expect(body.readableFlowing).toBeNull(); // never read from
    body.destroy();
  });

  it('stores nothing when the body is shorter than it declared', async () => {
    const k = key('truncated.wav');
    await expect(storage().put(k, Readable.from([Buffer.alloc(100)]), { contentType: 'audio/wav', contentLength: 200 })).rejects.toBeInstanceOf(
      ObjectLengthMismatchError,
    );
    await expect(storage().head(k)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('stores nothing when the body fails midway', async () => {
    const k = key('broken.wav');
    const failing = Readable.from(
      (async function* () {
        yield Buffer.alloc(1000);
        throw new Error('client went away');
      })(),
    );
    await expect(storage().put(k, failing, { contentType: 'audio/wav' })).rejects.toThrow('client went away');
    await expect(storage().head(k)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('streams a file of several parts in, and the same bytes back out', async () => {
    const k = key('long-take.wav');
    const file = generated(20 * MiB + 123, 'long');
    expect(await storage().put(k, file.stream(), { contentType: 'audio/wav', maxBytes: 50 * MiB })).toEqual({ sizeBytes: 20 * MiB + 123 });
    expect(await sha256Of((await storage().get(k)).body)).toBe(file.sha256);
    const tail = await storage().get(k, { start: 20 * MiB });
    expect(tail.contentLength).toBe(123);
  });

  it('stores nothing when a stream of several parts runs over the limit', async () => {
    const k = key('long-too-big.wav');
    const body = generated(12 * MiB, 'over').stream();
    await expect(storage().put(k, body, { contentType: 'audio/wav', maxBytes: 10 * MiB })).rejects.toBeInstanceOf(ObjectTooLargeError);
    body.destroy();
    await expect(storage().head(k)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('answers ObjectNotFoundError for a missing object', async () => {
    await expect(storage().get(key('nothing'))).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(storage().get(key('nothing'), { start: 0, end: 1 })).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(storage().head(key('nothing'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it.each([
    ['a parent segment', '../outside'],
    ['a nested parent segment', 'audio/../../outside'],
    ['an absolute path', '/etc/passwd'],
    ['an empty segment', 'audio//take'],
    ['a dot segment', 'audio/./take'],
    ['a backslash', 'audio\\..\\take'],
    ['a NUL byte', 'audio/take\0.wav'],
    ['a trailing slash', 'audio/'],
    ['nothing', ''],
  ])('rejects a key with %s', async (_what, bad) => {
    await expect(storage().put(bad, Buffer.from('x'), { contentType: 'text/plain' })).rejects.toBeInstanceOf(InvalidObjectKeyError);
    await expect(storage().get(bad)).rejects.toBeInstanceOf(InvalidObjectKeyError);
    await expect(storage().delete(bad)).rejects.toBeInstanceOf(InvalidObjectKeyError);
    await expect(storage().presignGet(bad, { expiresSeconds: 60 })).rejects.toBeInstanceOf(InvalidObjectKeyError);
  });

  it('deletes every object under a prefix and nothing beside it', async () => {
    const base = key('project');
    await storage().put(`${base}/1/stem.wav`, Buffer.from('a'), { contentType: 'audio/wav' });
    await storage().put(`${base}/1/bounces/mix.wav`, Buffer.from('b'), { contentType: 'audio/wav' });
    await storage().put(`${base}/10/stem.wav`, Buffer.from('c'), { contentType: 'audio/wav' });
    await storage().deletePrefix(`${base}/1/`);
    await expect(storage().head(`${base}/1/stem.wav`)).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(storage().head(`${base}/1/bounces/mix.wav`)).rejects.toBeInstanceOf(ObjectNotFoundError);
    expect((await storage().head(`${base}/10/stem.wav`)).sizeBytes).toBe(1);
    await expect(storage().deletePrefix(`${base}/10`)).rejects.toBeInstanceOf(InvalidObjectKeyError);
  });

  it('accepts an upload through a presigned PUT and serves it through a presigned GET, with ranges', async () => {
    const k = key('vocals.wav');
    const bytes = randomBytes(3000);
    const put = await storage().presignPut(k, { contentType: 'audio/wav', expiresSeconds: 60, maxBytes: 10_000 });
    expect(put).toMatchObject({ method: 'PUT', headers: { 'content-type': 'audio/wav' } });
    expect(Date.parse(put.expiresAt)).toBeGreaterThan(Date.now());
    const uploaded = await fetch(subject().absolute(put.url), { method: 'PUT', headers: put.headers, body: bytes });
    expect(uploaded.status).toBe(200);
    expect(await storage().head(k)).toMatchObject({ sizeBytes: 3000, contentType: 'audio/wav' });

    const get = await storage().presignGet(k, { expiresSeconds: 60 });
    const downloaded = await fetch(subject().absolute(get.url));
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers.get('content-type')).toBe('audio/wav');
    expect(Buffer.from(await downloaded.arrayBuffer()).equals(bytes)).toBe(true);

    const partial = await fetch(subject().absolute(get.url), { headers: { range: 'bytes=1000-1099' } });
    expect(partial.status).toBe(206);
    expect(partial.headers.get('content-range')).toBe('bytes 1000-1099/3000');
    expect(Buffer.from(await partial.arrayBuffer()).equals(bytes.subarray(1000, 1100))).toBe(true);
  });

  it('names the download when asked', async () => {
    const k = key('bounce');
    await storage().put(k, Buffer.from('mix'), { contentType: 'audio/wav' });
    const get = await storage().presignGet(k, { expiresSeconds: 60, downloadName: 'Final Mix (v2) é.wav' });
    const res = await fetch(subject().absolute(get.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="Final Mix (v2) _.wav"; filename*=UTF-8''Final%20Mix%20%28v2%29%20%C3%A9.wav`);
  });

  if (options.verifiesSignatures) it('refuses a presigned upload with another Content-Type than the one signed', async () => {
    const k = key('typed.wav');
    const put = await storage().presignPut(k, { contentType: 'audio/wav', expiresSeconds: 60, maxBytes: 10_000 });
    const res = await fetch(subject().absolute(put.url), { method: 'PUT', headers: { 'content-type': 'text/html' }, body: '<script>alert(1)</script>' });
    expect(res.status).toBe(403);
    await expect(storage().head(k)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  if (options.verifiesSignatures) it('refuses a presigned upload of another size than the one signed', async () => {
    const k = key('sized.wav');
    const put = await storage().presignPut(k, { contentType: 'audio/wav', expiresSeconds: 60, maxBytes: 10_000, contentLength: 100 });
    const res = await fetch(subject().absolute(put.url), { method: 'PUT', headers: put.headers, body: Buffer.alloc(101) });
    expect(res.status).toBe(403);
    await expect(storage().head(k)).rejects.toBeInstanceOf(ObjectNotFoundError);
    const ok = await fetch(subject().absolute(put.url), { method: 'PUT', headers: put.headers, body: Buffer.alloc(100) });
    expect(ok.status).toBe(200);
  });

  it('refuses to presign an upload declared over the limit', async () => {
    await expect(storage().presignPut(key('big'), { contentType: 'audio/wav', expiresSeconds: 60, maxBytes: 100, contentLength: 101 })).rejects.toBeInstanceOf(
      ObjectTooLargeError,
    );
  });

  it('is ready', async () => {
    await expect(storage().check()).resolves.toBeUndefined();
  });
}
