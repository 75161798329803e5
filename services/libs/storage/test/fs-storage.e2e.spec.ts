import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Body, Controller, Module, Post } from '@nestjs/common';
import { errorBodySchema, type ErrorBody } from '@dawg/contracts';
import { AuthModule, authVerifyEnv } from '@dawg/auth';
import { composeEnv, loadConfig, platformEnv, Public, type RunningService, startService } from '@dawg/platform';
import { testServiceEnv } from '@dawg/testing';
import { FsStorage, OBJECT_STORAGE, type ObjectStorage, SignedUrls, StorageModule, storageEnv } from '../src';
import { objectStorageContract } from './object-storage.contract';

// A JSON route beside the raw-body upload route, to prove body parsing elsewhere is untouched.
@Public()
@Controller('echo')
class EchoController {
  @Post()
  echo(@Body() body: unknown) {
    return { body };
  }
}
@Module({ controllers: [EchoController] })
class EchoModule {}

const SECRET = 'a-test-signing-secret-of-at-least-32-chars';

describe('FsStorage in a running service, presigned URLs served by StorageObjectsController', () => {
  const schema = composeEnv(platformEnv, authVerifyEnv, storageEnv);
  let root: string;
  let service: RunningService;
  let storage: ObjectStorage;

  const errorOf = async (res: Response): Promise<ErrorBody['error']> => errorBodySchema.parse(await res.json()).error;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'dawg-fs-storage-'));
    // Platform, auth and storage only: nothing here touches the database.
    const env = loadConfig(schema, {
      ...testServiceEnv('postgres://unused@127.0.0.1:5432/unused'),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      STORAGE_DRIVER: 'fs',
      STORAGE_FS_ROOT: join(root, 'objects-root'),
      STORAGE_SIGNING_SECRET: SECRET,
    });
    service = await startService({ name: 'storage-test', version: '0.0.0', env: schema, modules: (e) => [AuthModule.forRoot(e), StorageModule.forRoot(e), EchoModule] }, env);
    storage = service.app.get(OBJECT_STORAGE);
  });
  afterAll(async () => {
    await service?.shutdown();
    await rm(root, { recursive: true, force: true });
  });

  const absolute = (url: string) => `${service.url}${url}`;

  objectStorageContract(() => ({ storage, absolute }), { verifiesSignatures: true });

  it('is the fs driver, reports storage in /ready, and hands out relative URLs when PUBLIC_BASE_URL is unset', async () => {
    expect(storage).toBeInstanceOf(FsStorage);
    const ready = (await (await fetch(`${service.url}/ready`)).json()) as { checks: Record<string, { status: string }> };
    expect(ready.checks.storage).toMatchObject({ status: 'up' });
    expect((await storage.presignGet('a/b', { expiresSeconds: 60 })).url).toMatch(/^\/api\/v1\/storage\/objects\?token=[\w-]+\.[\w-]+$/);
  });

  it('never writes outside its root, whatever the key', async () => {
    for (const bad of ['../escaped', '../../escaped', 'a/../../escaped']) {
      await expect(storage.put(bad, Buffer.from('x'), { contentType: 'text/plain' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect(await readdir(root)).toEqual(['objects-root']);
  });

  it('refuses a key that is both an object and a prefix (a file cannot be a directory), with 409', async () => {
    await storage.put('layout/take', Buffer.from('x'), { contentType: 'audio/wav' });
    await expect(storage.put('layout/take/child', Buffer.from('y'), { contentType: 'audio/wav' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await storage.put('layout2/a/b', Buffer.from('x'), { contentType: 'audio/wav' });
    await expect(storage.put('layout2/a', Buffer.from('y'), { contentType: 'audio/wav' })).rejects.toMatchObject({ code: 'CONFLICT' });
    // A prefix is not an object.
    await expect(storage.head('layout2/a')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(storage.delete('layout2/a')).resolves.toBeUndefined();
    expect((await storage.head('layout2/a/b')).sizeBytes).toBe(1);
  });

  it('answers 403 with the error body for an expired URL', async () => {
    await storage.put('tokens/expired', Buffer.from('x'), { contentType: 'audio/wav' });
    // Signed by the same secret an hour ago, for one second.
    const past = new SignedUrls(SECRET, '', () => Date.now() - 3600_000);
    const { url } = past.url({ v: 1, m: 'GET', k: 'tokens/expired', e: past.expiryIn(1) });
    const res = await fetch(absolute(url));
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toMatchObject({ code: 'FORBIDDEN', message: 'The signed URL has expired.' });
  });

  it('answers 403 for a tampered token: another key under the old signature, a forged signature, another secret', async () => {
    await storage.put('tokens/mine', Buffer.from('mine'), { contentType: 'audio/wav' });
    await storage.put('tokens/theirs', Buffer.from('theirs'), { contentType: 'audio/wav' });
    const { url } = await storage.presignGet('tokens/mine', { expiresSeconds: 60 });
    const [payload, mac] = new URL(url, service.url).searchParams.get('token')!.split('.') as [string, string];
    const otherKey = Buffer.from(Buffer.from(payload, 'base64url').toString().replace('tokens/mine', 'tokens/theirs')).toString('base64url');
    const forged = `${mac.slice(0, -2)}${mac.endsWith('AA') ? 'BB' : 'AA'}`;
    const { url: foreign } = new SignedUrls('another-secret-that-is-also-long-enough').url({ v: 1, m: 'GET', k: 'tokens/theirs', e: Math.floor(Date.now() / 1000) + 60 });
    for (const tampered of [`/api/v1/storage/objects?token=${otherKey}.${mac}`, `/api/v1/storage/objects?token=${payload}.${forged}`, foreign]) {
      const res = await fetch(absolute(tampered));
      expect({ tampered, status: res.status }).toEqual({ tampered, status: 403 });
      expect((await errorOf(res)).code).toBe('FORBIDDEN');
    }
    expect((await fetch(absolute(url))).status).toBe(200);
  });

  it('answers 400 for a missing or malformed token, and 403 for a download URL used to upload', async () => {
    const missing = await fetch(absolute('/api/v1/storage/objects'));
    expect(missing.status).toBe(400);
    expect((await errorOf(missing)).code).toBe('VALIDATION_FAILED');
    expect((await fetch(absolute('/api/v1/storage/objects?token=not-a-token'))).status).toBe(400);
    const { url } = await storage.presignGet('tokens/get-only', { expiresSeconds: 60 });
    const put = await fetch(absolute(url), { method: 'PUT', headers: { 'content-type': 'audio/wav' }, body: 'x' });
    expect(put.status).toBe(403);
    await expect(storage.head('tokens/get-only')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('serves single ranges over HTTP: first bytes, suffix, open-ended, and 416 with Content-Range when unsatisfiable', async () => {
    await storage.put('ranges/alphabet', Buffer.from('abcdefghijklmnopqrstuvwxyz'), { contentType: 'text/plain' });
    const { url } = await storage.presignGet('ranges/alphabet', { expiresSeconds: 60 });
    const read = async (range: string) => {
      const res = await fetch(absolute(url), { headers: { range } });
      return { status: res.status, contentRange: res.headers.get('content-range'), body: await res.text() };
    };
    expect(await read('bytes=0-4')).toEqual({ status: 206, contentRange: 'bytes 0-4/26', body: 'abcde' });
    expect(await read('bytes=-3')).toEqual({ status: 206, contentRange: 'bytes 23-25/26', body: 'xyz' });
    expect(await read('bytes=20-')).toEqual({ status: 206, contentRange: 'bytes 20-25/26', body: 'uvwxyz' });
    // Multiple ranges and other units may be ignored: the whole object.
    expect(await read('bytes=0-1,5-6')).toMatchObject({ status: 200, contentRange: null, body: 'abcdefghijklmnopqrstuvwxyz' });

    const unsatisfiable = await fetch(absolute(url), { headers: { range: 'bytes=26-30' } });
    expect(unsatisfiable.status).toBe(416);
    expect(unsatisfiable.headers.get('content-range')).toBe('bytes */26');
    expect(await errorOf(unsatisfiable)).toMatchObject({ code: 'RANGE_NOT_SATISFIABLE', details: { sizeBytes: 26 } });

    const whole = await fetch(absolute(url));
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('content-length')).toBe('26');
  });

  it('answers 404 with the error body for a URL to an object that is gone', async () => {
    const { url } = await storage.presignGet('gone/never-stored', { expiresSeconds: 60 });
    const res = await fetch(absolute(url));
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('NOT_FOUND');
  });

  it('answers 413 for an upload over the signed limit, declared or streamed, and stores nothing', async () => {
    const put = await storage.presignPut('limits/too-big.wav', { contentType: 'audio/wav', expiresSeconds: 60, maxBytes: 1000 });
    const declared = await fetch(absolute(put.url), { method: 'PUT', headers: put.headers, body: Buffer.alloc(5000) });
    expect(declared.status).toBe(413);
    expect(await errorOf(declared)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { maxBytes: 1000 } });

    // Chunked, so no length is declared: cut off while streaming.
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(new Uint8Array(600));
        controller.close();
      },
    });
    const streamed = await fetch(absolute(put.url), { method: 'PUT', headers: put.headers, body: chunks, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await errorOf(streamed)).code).toBe('PAYLOAD_TOO_LARGE');
    await expect(storage.head('limits/too-big.wav')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await readdir(join(root, 'objects-root', 'tmp'))).toEqual([]);
  });

  it('stores an upload of any Content-Type verbatim, JSON included, while JSON routes still parse and other types stay refused', async () => {
    const json = '{"not": "parsed"}';
    const put = await storage.presignPut('raw/peaks.json', { contentType: 'application/json', expiresSeconds: 60, maxBytes: 1000 });
    expect((await fetch(absolute(put.url), { method: 'PUT', headers: put.headers, body: json })).status).toBe(200);
    expect(await storage.head('raw/peaks.json')).toMatchObject({ sizeBytes: json.length, contentType: 'application/json' });

    const echo = await fetch(`${service.url}/api/v1/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(await echo.json()).toEqual({ body: { a: 1 } });
    const wav = await fetch(`${service.url}/api/v1/echo`, { method: 'POST', headers: { 'content-type': 'audio/wav' }, body: 'RIFF' });
    expect(wav.status).toBe(415);
  });

  it('serves a stored type that could run in a page as an opaque download in a sandbox', async () => {
    await storage.put('danger/page.html', Buffer.from('<script>alert(1)</script>'), { contentType: 'text/html' });
    const res = await fetch(absolute((await storage.presignGet('danger/page.html', { expiresSeconds: 60 })).url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toBe('attachment');
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
  });

  it('keeps the sidecar and temp files out of the object tree', async () => {
    await storage.put('layout3/take.wav', Buffer.from('RIFF'), { contentType: 'audio/wav' });
    expect(await readdir(join(root, 'objects-root', 'objects', 'layout3'))).toEqual(['take.wav']);
    expect((await stat(join(root, 'objects-root', 'meta', 'layout3', 'take.wav.json'))).isFile()).toBe(true);
  });
});
