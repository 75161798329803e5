// @ts-check
/**
 * The Ingress's routes, outside Kubernetes. Reads the chart's values
 * (charts/dawg-ai/values.yaml, optionally merged with more values files the way
 * `helm -f` merges them) as the chart's templates do (`dawg.components` and
 * `dawg.routes` in templates/_helpers.tpl, templates/ingress.yaml): the route
 * table and the ingress-nginx settings, and renders an nginx configuration
 * with one upstream per component listing its replicas. The topology test and
 * the proxy benchmark put real nginx in front of real replicas with it, so what
 * they prove holds for the Ingress's routes and not for a hand-written copy.
 *
 * Semantics kept from the Ingress (ingress-nginx):
 * - Components with `enabled: true` only; with `unified.enabled`, the routes of
 *   every backend go to `unified` (web keeps its own).
 * - pathType Prefix matches whole path segments: `/api` serves `/api` and
 *   `/api/...`, never `/apix` (an exact location plus a `/api/` location, as
 *   ingress-nginx renders it); the longest matching prefix wins.
 * - `websocket: true` routes get HTTP/1.1 with Upgrade/Connection passed on,
 *   `ingress.nginx.websocketTimeoutSeconds` read/send timeouts, no response
 *   buffering and, with `ingress.stickySessions.enabled`, cookie affinity:
 *   Socket.IO's long-polling transport sends each request of a session on its
 *   own and only the replica that made the session knows it. Open-source nginx
 *   has no `sticky cookie`, so on a client's first socket request the proxy sets
 *   `<cookieName>` to a random value (Path: the route's own, as ingress-nginx
 *   does) and balances on a consistent hash of it; a replica that fails is
 *   passed over to the next one on the ring. `ip_hash` would pin a whole NAT or
 *   office to one replica, and the tests' clients (all on 127.0.0.1) to one.
 * - Other routes are balanced round-robin with keep-alive to the replicas.
 * - Passive health on every route: a replica that refuses or times out
 *   `max_fails` times is left out for `fail_timeout`, and the request goes to
 *   another replica (`proxy_next_upstream error timeout http_502`; nginx never
 *   sends a POST or PATCH again once it has been sent, only idempotent ones).
 * - `ingress.nginx.proxyBodySize` is the body limit (ingress-nginx's 1m default
 *   when the chart sets none).
 * - The proxy is the edge: X-Forwarded-For is the client's address, never a
 *   client-supplied one appended to, so per-IP limits cannot be dodged.
 * - A component with routes but no replica answers 503 (a Service without
 *   endpoints); a path no route matches answers 404. Hosts and TLS are not
 *   mirrored: one plain-HTTP server answers every host.
 *
 * CLI: node tools/proxy-routes.mjs routes [-f values.yaml ...]
 *      node tools/proxy-routes.mjs nginx --listen 127.0.0.1:8080 --prefix DIR \
 *           --upstream api=127.0.0.1:3001,127.0.0.1:3002 [--upstream ...] [-f values.yaml ...]
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { freePort, waitFor } from './infra/net.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The chart's default values: the source of the Ingress's routes. */
export const CHART_VALUES = join(root, 'charts', 'dawg-ai', 'values.yaml');

/**
 * @typedef {{ path: string, component: string, websocket: boolean }} Route
 * @typedef {object} IngressSpec what the chart's Ingress does, read from its values
 * @property {Route[]} routes longest path first
 * @property {string} bodySize ingress.nginx.proxyBodySize
 * @property {number} websocketTimeoutSeconds ingress.nginx.websocketTimeoutSeconds
 * @property {string | null} affinityCookie ingress.stickySessions.cookieName, or null when off
 * @typedef {Record<string, unknown>} Values
 */

/** @param {unknown} v @returns {v is Record<string, unknown>} */
const isMap = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/** @param {Values} v @param {string[]} path @returns {unknown} */
const at = (v, ...path) => path.reduce((/** @type {unknown} */ node, key) => (isMap(node) ? node[key] : undefined), v);

/**
 * Helm's merge of values files: maps merge key by key, anything else (lists
 * included) is replaced, and `null` removes a key.
 * @param {Values} base @param {Values} overlay @returns {Values}
 */
export function mergeValues(base, overlay) {
  /** @type {Values} */
  const merged = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    if (value === null) delete merged[key];
    else if (isMap(value) && isMap(merged[key])) merged[key] = mergeValues(/** @type {Values} */ (merged[key]), value);
    else merged[key] = value;
  }
  return merged;
}

/**
 * The chart's values merged with `files`, in order (as `helm -f a -f b`).
 * @param {string[]} [files] @param {string} [chartValues] @returns {Values}
 */
export function readValues(files = [], chartValues = CHART_VALUES) {
  return [chartValues, ...files].reduce((values, file) => {
    if (!existsSync(file)) throw new Error(`values file not found: ${file}`);
    const parsed = parse(readFileSync(file, 'utf8')) ?? {};
    if (!isMap(parsed)) throw new Error(`${file}: values must be a mapping`);
    return mergeValues(values, parsed);
  }, /** @type {Values} */ ({}));
}

/**
 * Every route of every enabled component, longest path first (the order in
 * which a prefix match is decided), as the chart's `dawg.routes` lists them.
 * Fails on a malformed route or a path that two components claim, which the
 * Ingress could not serve either.
 * @param {Values} values @returns {Route[]}
 */
export function routeTable(values) {
  const components = values.components;
  if (!isMap(components)) throw new Error('values: `components` is missing or not a mapping');
  const unified = at(values, 'unified', 'enabled') === true;
  const globalBackend = at(values, 'global', 'backend');
  /** @type {Route[]} */
  const routes = [];
  /** @type {Map<string, string>} */
  const owners = new Map();
  for (const [name, spec] of Object.entries(components)) {
    if (!isMap(spec) || !spec.enabled) continue;
    const backend = (spec.backend ?? globalBackend ?? true) === true;
    const component = unified && backend ? 'unified' : name;
    const list = spec.routes ?? [];
    if (!Array.isArray(list)) throw new Error(`values: components.${name}.routes must be a list`);
    for (const [i, route] of list.entries()) {
      const where = `components.${name}.routes[${i}]`;
      if (!isMap(route) || typeof route.path !== 'string' || !/^\/[\w./-]*$/.test(route.path)) throw new Error(`values: ${where}.path must be an absolute path`);
      if (route.websocket !== undefined && typeof route.websocket !== 'boolean') throw new Error(`values: ${where}.websocket must be true or false`);
      // A trailing slash changes nothing for pathType Prefix.
      const path = route.path.length > 1 ? route.path.replace(/\/+$/, '') : route.path;
      const owner = owners.get(path);
      if (owner) throw new Error(`values: ${path} is routed to both ${owner} and ${name}`);
      owners.set(path, name);
      routes.push({ path, component, websocket: route.websocket === true });
    }
  }
  return routes.sort((a, b) => b.path.length - a.path.length || a.path.localeCompare(b.path));
}

/**
 * The routes and the ingress-nginx settings the chart renders as annotations.
 * @param {Values} values @returns {IngressSpec}
 */
export function ingressSpec(values) {
  const nginx = at(values, 'ingress', 'nginx', 'enabled') === true;
  const bodySize = at(values, 'ingress', 'nginx', 'proxyBodySize');
  const timeout = at(values, 'ingress', 'nginx', 'websocketTimeoutSeconds');
  const cookie = at(values, 'ingress', 'stickySessions', 'cookieName');
  if (cookie !== undefined && (typeof cookie !== 'string' || !/^[A-Za-z0-9_-]+$/.test(cookie))) throw new Error('values: ingress.stickySessions.cookieName must be letters, digits, _ and -');
  return {
    routes: routeTable(values),
    // ingress-nginx's own defaults where the chart sets nothing.
    bodySize: nginx && typeof bodySize === 'string' ? bodySize : '1m',
    websocketTimeoutSeconds: nginx && typeof timeout === 'number' ? timeout : 60,
    affinityCookie: at(values, 'ingress', 'stickySessions', 'enabled') === true ? String(cookie ?? 'dawg_affinity') : null,
  };
}

/**
 * The route an Ingress with these routes serves `path` by, or undefined
 * (pathType Prefix, segment by segment, longest match).
 * @param {Route[]} routes @param {string} path
 */
export function routeFor(routes, path) {
  const pathname = path.split('?')[0] ?? path;
  return routes.find((r) => r.path === '/' || pathname === r.path || pathname.startsWith(`${r.path}/`));
}

/**
 * @typedef {object} NginxOptions
 * @property {IngressSpec} ingress
 * @property {Record<string, string[]>} upstreams replica addresses (host:port) by component; a routed component without any answers 503
 * @property {string} listen e.g. 127.0.0.1:8080
 * @property {string} prefix a writable directory for nginx's temp files and access log
 * @property {number | 'auto'} [workerProcesses] default 1 (round-robin is then strictly in turn)
 * @property {number} [maxFails] failures within failTimeoutSeconds that take a replica out (default 1)
 * @property {number} [failTimeoutSeconds] how long it stays out (default 5)
 * @property {number} [readTimeoutSeconds] HTTP routes (default 60, ingress-nginx's, above the services' 30 s request timeout)
 */

/** @param {string} component */
const upstreamName = (component) => `dawg_${component.replace(/[^\w]/g, '_')}`;

/** @param {number} status @param {string} code @param {string} message */
const errorReturn = (status, code, message) =>
  [`default_type application/json;`, `return ${status} '{"error":{"code":"${code}","message":"${message}","requestId":"$dawg_request_id"}}';`];

/**
 * The nginx configuration for the Ingress in front of `upstreams`. Paths of
 * pid and error log are given on the command line (see startNginx).
 * @param {NginxOptions} options @returns {string}
 */
export function renderNginxConfig(options) {
  const { ingress, upstreams, listen, prefix } = options;
  const { routes, affinityCookie } = ingress;
  const maxFails = options.maxFails ?? 1;
  const failTimeout = options.failTimeoutSeconds ?? 5;
  const readTimeout = options.readTimeoutSeconds ?? 60;
  const served = (/** @type {string} */ component) => (upstreams[component] ?? []).length > 0;
  for (const component of Object.keys(upstreams)) {
    if (!routes.some((r) => r.component === component)) throw new Error(`no route leads to ${component}; its replicas would get no traffic`);
  }
  const sticky = (/** @type {Route} */ r) => r.websocket && affinityCookie !== null;

  const out = [
    `# Rendered by tools/proxy-routes.mjs from the chart's values; do not edit.`,
    `worker_processes ${options.workerProcesses ?? 1};`,
    `events { worker_connections 4096; }`,
    `http {`,
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${join(prefix, `${t}_temp`)};`),
    `  log_format dawg '$remote_addr [$time_iso8601] "$request" $status rid=$dawg_request_id upstream=$upstream_addr upstream_status=$upstream_status rt=$request_time';`,
    `  access_log ${join(prefix, 'access.log')} dawg;`,
    `  server_tokens off;`,
    `  client_max_body_size ${ingress.bodySize};`,
    `  # The caller's request id, or one made here, so the proxy's and the services' logs share it.`,
    `  map $http_x_request_id $dawg_request_id { '' $request_id; default $http_x_request_id; }`,
    `  map $http_upgrade $dawg_connection_upgrade { default upgrade; '' close; }`,
  ];
  if (affinityCookie !== null) {
    out.push(
      `  # Socket affinity: the client's ${affinityCookie} cookie, or a new random value set on the response.`,
      `  map $http_cookie $dawg_affinity_cookie { "~(?:^|;\\s*)${affinityCookie}=([^;\\s]+)" $1; default ''; }`,
      `  map $dawg_affinity_cookie $dawg_affinity_key { '' $request_id; default $dawg_affinity_cookie; }`,
      `  map $scheme $dawg_affinity_secure { https '; Secure'; default ''; }`,
    );
    // One per path: the cookie is scoped to its route, so each service's sockets keep their own affinity.
    routes.filter(sticky).forEach((route, i) => {
      out.push(`  map $dawg_affinity_cookie $dawg_affinity_set_cookie_${i} { '' '${affinityCookie}=$request_id; Path=${route.path}; HttpOnly; SameSite=Lax$dawg_affinity_secure'; default ''; }`);
    });
  }

  const components = [...new Set(routes.map((r) => r.component))].filter(served).sort();
  for (const component of components) {
    const servers = upstreams[component]?.map((address) => `    server ${address} max_fails=${maxFails} fail_timeout=${failTimeout}s;`) ?? [];
    out.push(`  upstream ${upstreamName(component)} {`, ...servers, `    keepalive 32;`, `  }`);
    if (routes.some((r) => r.component === component && sticky(r))) {
      out.push(`  upstream ${upstreamName(component)}_affinity {`, `    hash $dawg_affinity_key consistent;`, ...servers, `  }`);
    }
  }

  out.push(
    `  server {`,
    `    listen ${listen};`,
    `    proxy_http_version 1.1;`,
    `    proxy_connect_timeout 5s;`,
    `    proxy_read_timeout ${readTimeout}s;`,
    `    proxy_send_timeout ${readTimeout}s;`,
    `    proxy_next_upstream error timeout http_502;`,
  );
  const stickyRoutes = routes.filter(sticky);
  for (const route of routes) {
    const replicas = upstreams[route.component]?.length ?? 0;
    const body = !served(route.component)
      ? errorReturn(503, 'SERVICE_UNAVAILABLE', `No replica of ${route.component} is running.`)
      : [
          `proxy_pass http://${upstreamName(route.component)}${sticky(route) ? '_affinity' : ''};`,
          `proxy_next_upstream_tries ${replicas};`,
          // proxy_set_header is inherited only by a block that sets none, so each location sets them all.
          `proxy_set_header Host $host;`,
          `proxy_set_header X-Request-Id $dawg_request_id;`,
          `proxy_set_header X-Forwarded-For $remote_addr;`,
          `proxy_set_header X-Real-IP $remote_addr;`,
          `proxy_set_header X-Forwarded-Proto $scheme;`,
          `proxy_set_header X-Forwarded-Host $host;`,
          ...(route.websocket
            ? [
                `proxy_set_header Upgrade $http_upgrade;`,
                `proxy_set_header Connection $dawg_connection_upgrade;`,
                `proxy_read_timeout ${ingress.websocketTimeoutSeconds}s;`,
                `proxy_send_timeout ${ingress.websocketTimeoutSeconds}s;`,
                `proxy_buffering off;`,
                ...(sticky(route) ? [`add_header Set-Cookie $dawg_affinity_set_cookie_${stickyRoutes.indexOf(route)} always;`] : []),
              ]
            : // Keep-alive to the replicas: the client's Connection header is not passed on.
              [`proxy_set_header Connection "";`]),
        ];
    const block = (/** @type {string} */ match) => [`    location ${match} {`, ...body.map((l) => `      ${l}`), `    }`];
    out.push(`    # ${route.path} -> ${route.component}${route.websocket ? ` (websocket${sticky(route) ? ', cookie affinity' : ''})` : ''}`);
    if (route.path === '/') out.push(...block('/'));
    else out.push(...block(`= ${route.path}`), ...block(`${route.path}/`));
  }
  if (!routes.some((r) => r.path === '/')) {
    out.push(`    location / {`, ...errorReturn(404, 'NOT_FOUND', 'No route matches this path.').map((l) => `      ${l}`), `    }`);
  }
  out.push(`  }`, `}`, ``);
  return out.join('\n');
}

/** nginx from PATH or the usual sbin folders, or a message saying how to install it. */
export function findNginx() {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/opt/homebrew/bin', '/usr/local/bin'];
  const found = dirs.filter(Boolean).map((d) => join(d, 'nginx')).find((p) => existsSync(p));
  if (!found) {
    throw new Error(['nginx is needed to run replicas behind a real reverse proxy and none was found. Install it:', '  Debian/Ubuntu: sudo apt-get install -y nginx-light', '  macOS:         brew install nginx'].join('\n'));
  }
  return found;
}

/**
 * @typedef {object} NginxProxy
 * @property {string} url http://host:port
 * @property {string} config the rendered configuration
 * @property {string[]} stderr nginx's own log lines
 * @property {() => Promise<string>} accessLog the access log so far
 * @property {() => Promise<void>} stop
 */

/**
 * Runs nginx unprivileged, in the foreground, with everything it writes in a
 * temporary directory, on a free port of 127.0.0.1 unless `listen` is given.
 * @param {Omit<NginxOptions, 'listen' | 'prefix'> & { listen?: string }} options
 * @returns {Promise<NginxProxy>}
 */
export async function startNginx(options) {
  const nginx = findNginx();
  const prefix = await mkdtemp(join(tmpdir(), 'dawg-nginx-'));
  for (let attempt = 1; ; attempt++) {
    const listen = options.listen ?? `127.0.0.1:${await freePort()}`;
    const config = renderNginxConfig({ ...options, listen, prefix });
    await writeFile(join(prefix, 'nginx.conf'), config);
    await mkdir(join(prefix, 'logs'), { recursive: true });
    const child = spawn(nginx, ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-g', `daemon off; pid ${join(prefix, 'nginx.pid')}; error_log stderr warn;`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    /** @type {string[]} */
    const stderr = [];
    child.stderr?.on('data', (chunk) => stderr.push(...String(chunk).split('\n').filter(Boolean)));
    const exited = new Promise((done) => child.once('exit', (code, signal) => done(signal ?? code)));
    let gone = false;
    void exited.then(() => (gone = true));
    const [host, port] = [listen.slice(0, listen.lastIndexOf(':')), Number(listen.slice(listen.lastIndexOf(':') + 1))];
    const up = await Promise.race([waitFor(() => connects(host, port), { timeoutMs: 10_000, intervalMs: 25, what: 'nginx' }).then(() => !gone, () => false), exited.then(() => false)]);
    if (!up) {
      child.kill('SIGKILL');
      await exited;
      // Another process may have taken the port between freePort() and nginx's bind.
      if (!options.listen && attempt < 3 && stderr.some((l) => l.includes('Address already in use'))) continue;
      await rm(prefix, { recursive: true, force: true });
      throw new Error(`nginx did not start:\n${stderr.join('\n')}\n--- config ---\n${config}`);
    }
    return {
      url: `http://${host}:${port}`,
      config,
      stderr,
      accessLog: () => readFile(join(prefix, 'access.log'), 'utf8').catch(() => ''),
      stop: async () => {
        if (!gone) child.kill('SIGTERM');
        await exited;
        await rm(prefix, { recursive: true, force: true });
      },
    };
  }
}

/** @param {string} host @param {number} port @returns {Promise<boolean>} */
function connects(host, port) {
  return new Promise((done) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => done(false));
  });
}

function cli() {
  const { values: args, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      values: { type: 'string', short: 'f', multiple: true, default: [] },
      upstream: { type: 'string', multiple: true, default: [] },
      listen: { type: 'string', default: '127.0.0.1:8080' },
      prefix: { type: 'string', default: join(tmpdir(), 'dawg-nginx') },
    },
  });
  const ingress = ingressSpec(readValues(args.values.map((f) => resolve(f))));
  if (positionals[0] === 'routes') return `${JSON.stringify(ingress, null, 2)}\n`;
  if (positionals[0] === 'nginx') {
    /** @type {Record<string, string[]>} */
    const upstreams = {};
    for (const spec of args.upstream) {
      const [component, list] = spec.split('=');
      if (!component || !list) throw new Error(`--upstream ${spec}: expected component=host:port[,host:port...]`);
      upstreams[component] = list.split(',');
    }
    return renderNginxConfig({ ingress, upstreams, listen: args.listen, prefix: resolve(args.prefix) });
  }
  throw new Error('usage: node tools/proxy-routes.mjs routes|nginx [-f values.yaml ...] [--upstream component=host:port,...] [--listen host:port] [--prefix dir]');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.stdout.write(cli());
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
