import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `vite build` puts the studio (web/dist), from this file in src/ or dist/. */
export const DEFAULT_WEB_ROOT = resolve(__dirname, '../../../../web/dist');

/** Paths that belong to the services, never to the app (they answer their own 404s). */
export const RESERVED_PREFIXES = ['/api/', '/socket.io', '/ai-brain/', '/voice/', '/health', '/ready', '/metrics'];

/** Content-hashed bundles: a new build has new names, so a browser may keep these forever. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and unhashed files: always revalidated, so a deploy is picked up on the next load. */
export const REVALIDATE = 'no-cache';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves the built web studio at `/`: files under `assets/` as immutable,
 * other files (favicon) and index.html as no-cache (with ETags, so a
 * revalidation is a 304), and index.html for any other path a browser
 * navigates to (the app's client-side routes), so a reload on
 * /projects/<id> works. API routes, probes and Socket.IO paths are never
 * answered here: an unknown one still gets the platform's JSON 404.
 *
 * A few lines of our own rather than @fastify/static: its dependencies are
 * ES-module-only, which Jest's CommonJS runtime (the unified tests) cannot load.
 */
export function serveWebApp(fastify: FastifyInstance, root: string): void {
  const webRoot = resolve(root);
  fastify.get('/*', async (request: FastifyRequest, reply: FastifyReply) => {
    const path = pathOf(request.url);
    if (path === null || RESERVED_PREFIXES.some((prefix) => path === prefix.replace(/\/$/, '') || path.startsWith(prefix))) return reply.callNotFound();

    const file = path === '/' ? null : await regularFile(webRoot, path);
    if (file) return sendFile(request, reply, file, file.relative.startsWith(`assets${sep}`) ? IMMUTABLE : REVALIDATE);

    // A client route: what a browser asks for when it navigates (no file extension, or HTML accepted).
    const navigation = !extname(path) || (request.headers.accept ?? '').includes('text/html');
    const index = navigation ? await regularFile(webRoot, '/index.html') : null;
    if (!index) return reply.callNotFound();
    return sendFile(request, reply, index, REVALIDATE);
  });
}

interface WebFile {
  absolute: string;
  relative: string;
  size: number;
  mtimeMs: number;
}

function sendFile(request: FastifyRequest, reply: FastifyReply, file: WebFile, cacheControl: string): FastifyReply {
  const etag = `W/"${file.size.toString(16)}-${Math.floor(file.mtimeMs).toString(16)}"`;
  void reply
    .header('cache-control', cacheControl)
    .header('etag', etag)
    .header('last-modified', new Date(file.mtimeMs).toUTCString())
    .type(CONTENT_TYPES[extname(file.absolute).toLowerCase()] ?? 'application/octet-stream');
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  void reply.header('content-length', String(file.size));
  return reply.send(createReadStream(file.absolute));
}

/** The request path, decoded; null when it is malformed. */
function pathOf(url: string): string | null {
  try {
    return decodeURIComponent(url.split('?')[0]!.split('#')[0]!);
  } catch {
    return null;
  }
}

/** The file `path` names inside the root, if it is a regular file (never outside the root, never a dotfile). */
async function regularFile(root: string, path: string): Promise<WebFile | null> {
  if (path.includes('\0')) return null;
  const relative = normalize(path).replace(/^[/\\]+/, '');
  if (!relative || relative.split(/[/\\]/).some((part) => part === '..' || part.startsWith('.'))) return null;
  const absolute = join(root, relative);
  if (!absolute.startsWith(root + sep)) return null;
  try {
    const info = await stat(absolute);
    return info.isFile() ? { absolute, relative, size: info.size, mtimeMs: info.mtimeMs } : null;
  } catch {
    return null;
  }
}
