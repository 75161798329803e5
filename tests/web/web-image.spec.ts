import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SECURITY_HEADERS } from '@dawg/platform';
import { REPO_ROOT } from '@dawg/testing';
import { findNginx } from '../../tools/proxy-routes.mjs';
import { findStage, parseDockerfile, parseImageRef, parsePairs } from '../images/dockerfile';

const DIST = join(REPO_ROOT, 'web/dist');
const dockerfile = parseDockerfile(readFileSync(join(REPO_ROOT, 'web/Dockerfile'), 'utf8'));

/**
 * The web image (web/Dockerfile): its rules read from the file (no Docker
 * engine here), and its server, nginx with web/nginx.conf, run for real
 * against the real build, as the image runs it (its paths pointed here).
 */
describe('the web image', () => {
  it('builds the studio from the workspace and serves it with a pinned nginx as a numeric non-root user', () => {
    const runtime = dockerfile.stages.at(-1)!;
    const base = parseImageRef(runtime.base);
    expect(base.repository).toBe('nginxinc/nginx-unprivileged');
    expect(base.tag ?? base.digest).toMatch(/^\d+\.\d+\.\d+-|^sha256:/);
    // Every image it starts from is pinned to a version (an earlier stage aside).
    const stages = new Set(dockerfile.stages.map((s) => s.name));
    for (const stage of dockerfile.stages.filter((s) => !stages.has(s.base))) expect(stage.base).toMatch(/:\d+\.\d+\.\d+-[\w.-]+$|@sha256:/);

    const of = (keyword: string) => runtime.instructions.filter((i) => i.keyword === keyword);
    expect(of('USER').map((i) => i.args)).toEqual(['10001:10001']);
    expect(of('EXPOSE').map((i) => i.args)).toEqual(['8080']);
    expect(of('STOPSIGNAL').map((i) => i.args)).toEqual(['SIGQUIT']);
    expect(of('HEALTHCHECK')).toHaveLength(1);
    expect(of('ENTRYPOINT')[0]!.exec).toEqual(['nginx', '-g', 'daemon off;']);
    // Files owned by root (no --chown): the server reads them and cannot change them.
    expect(of('COPY').map((i) => [i.args, i.flags.chown])).toEqual([
      ['web/nginx.conf /etc/nginx/nginx.conf', undefined],
      ['/src/web/dist /srv/web', undefined],
    ]);
    expect(of('COPY')[1]!.flags.from).toBe('build');
    const build = findStage(dockerfile, 'build')!;
    expect(build.instructions.map((i) => i.args)).toContain('cd web && node ../node_modules/vite/bin/vite.js build');
    expect(parsePairs(of('LABEL')[0]!.args)['org.opencontainers.image.title']).toBe('dawg-ai-web');
  });

  it('writes nothing outside /tmp, so the root filesystem can be read-only', () => {
    const conf = readFileSync(join(REPO_ROOT, 'web/nginx.conf'), 'utf8');
    const written = [...conf.matchAll(/^\s*(pid|\w+_temp_path|access_log|error_log)\s+(\S+);/gm)].map((m) => [m[1], m[2]]);
    expect(written.length).toBeGreaterThanOrEqual(7);
    for (const [directive, path] of written) expect({ directive, ok: path === 'off' || path === 'stderr' || path!.startsWith('/tmp/') }).toEqual({ directive, ok: true });
  });

  describe('its nginx.conf, served by a real nginx', () => {
    let nginx: ChildProcess;
    let url: string;
    let dir: string;
    const stderr: string[] = [];

    beforeAll(async () => {
      if (!existsSync(join(DIST, 'index.html'))) throw new Error('web/dist is missing: build the studio first (npm test does; or: cd web && npx vite build)');
      dir = mkdtempSync(join(tmpdir(), 'dawg-web-nginx-'));
      const port = await freePort();
      const conf = readFileSync(join(REPO_ROOT, 'web/nginx.conf'), 'utf8')
        .replaceAll('/tmp/', `${dir}/`)
        .replace('listen 8080;', `listen 127.0.0.1:${port};`)
        .replace('root /srv/web;', `root ${DIST};`);
      mkdirSync(join(dir, 'logs'));
      writeFileSync(join(dir, 'nginx.conf'), conf);
      nginx = spawn(findNginx(), ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', 'stderr', '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
      nginx.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
      url = `http://127.0.0.1:${port}`;
      const deadline = Date.now() + 10_000;
      for (;;) {
        const ok = await fetch(url).then(
          () => true,
          () => false,
        );
        if (ok) break;
        if (Date.now() > deadline || nginx.exitCode !== null) throw new Error(`nginx did not start:\n${stderr.join('')}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    });
    afterAll(async () => {
      if (nginx && nginx.exitCode === null) {
        const exited = new Promise((r) => nginx.once('exit', r));
        nginx.kill('SIGQUIT');
        await exited;
      }
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('serves index.html revalidated, with the platform’s security headers (the same CSP as the api)', async () => {
      const res = await fetch(`${url}/`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('etag')).toBeTruthy();
      for (const name of ['content-security-policy', 'cross-origin-opener-policy', 'cross-origin-resource-policy', 'referrer-policy', 'x-content-type-options', 'x-frame-options']) {
        expect({ name, value: res.headers.get(name) }).toEqual({ name, value: SECURITY_HEADERS[name] });
      }
      const html = await res.text();
      expect(html).toContain('<div id="root">');
      const again = await fetch(`${url}/`, { headers: { 'if-none-match': res.headers.get('etag')! } });
      expect(again.status).toBe(304);
    });

    it('serves the hashed bundles as immutable, and the app for client routes', async () => {
      const bundle = readdirSync(join(DIST, 'assets')).find((f) => /^index-.+\.js$/.test(f))!;
      const asset = await fetch(`${url}/assets/${bundle}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const route = await fetch(`${url}/projects/2f0b8a3e-4d0c-4b7e-9a51-0c1f4f1f6a11`);
      expect(route.status).toBe(200);
      expect(route.headers.get('cache-control')).toBe('no-cache');
      expect(await route.text()).toContain('<div id="root">');
    });

    it('answers 404 for missing files and for the services’ paths, never the app', async () => {
      for (const path of ['/assets/index-missing.js', '/missing.png', '/api/v1/projects', '/socket.io/?EIO=4&transport=polling', '/voice/socket.io/']) {
        const res = await fetch(`${url}${path}`);
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
      }
    });
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
