// @ts-check
/**
 * Finds a Redis server, or starts one: REDIS_URL if set, else 127.0.0.1:6379,
 * else a `redis-server` from PATH started in a temporary directory, else a
 * clear error saying how to install it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { freePort, waitFor } from './net.mjs';

export const LOCAL_REDIS_URL = 'redis://127.0.0.1:6379';

export const REDIS_INSTALL_HELP = [
  'Redis is needed and none was found: REDIS_URL is not set, nothing answers on 127.0.0.1:6379,',
  'and there is no redis-server on PATH. Install it, then run the command again:',
  '  Debian/Ubuntu: sudo apt-get install -y redis-server',
  '  macOS:         brew install redis',
  'or point REDIS_URL at a Redis you already run.',
].join('\n');

/** Sends PING over a raw socket and waits for +PONG. @param {string} url */
export function canPing(url) {
  return new Promise((resolve) => {
    const u = new URL(url);
    const socket = net.connect({ host: u.hostname, port: Number(u.port || 6379) });
    const done = (/** @type {boolean} */ ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => {
      const auth = u.password ? `AUTH ${u.username ? `${decodeURIComponent(u.username)} ` : ''}${decodeURIComponent(u.password)}\r\n` : '';
      socket.write(`${auth}PING\r\n`);
    });
    let seen = '';
    socket.on('data', (chunk) => {
      seen += chunk.toString();
      if (seen.includes('+PONG')) done(true);
      else if (seen.startsWith('-') && !seen.includes('+OK')) done(false);
    });
  });
}

/**
 * @typedef {{ url: string, source: 'REDIS_URL' | 'local' | 'spawned', stop: () => Promise<void>, pid?: number }} RedisServer
 * @param {{ env?: NodeJS.ProcessEnv, log?: (msg: string) => void }} [options]
 * @returns {Promise<RedisServer>}
 */
export async function findOrStartRedis({ env = process.env, log = () => undefined } = {}) {
  if (env.REDIS_URL) {
    if (!(await canPing(env.REDIS_URL))) throw new Error(`REDIS_URL is set but no Redis answers PING there.`);
    log('Redis: using REDIS_URL');
    return { url: env.REDIS_URL, source: 'REDIS_URL', stop: async () => undefined };
  }
  const probe = env.DAWG_LOCAL_REDIS_URL ?? LOCAL_REDIS_URL;
  if (await canPing(probe)) {
    log(`Redis: using the server at ${probe}`);
    return { url: probe, source: 'local', stop: async () => undefined };
  }
  const binary = env.DAWG_REDIS_SERVER_BIN ?? 'redis-server';
  if (spawnSync(binary, ['--version'], { stdio: 'ignore' }).status !== 0) throw new Error(REDIS_INSTALL_HELP);

  const dir = await mkdtemp(join(tmpdir(), 'dawg-redis-'));
  const port = await freePort();
  log(`Redis: none reachable; starting ${binary} on 127.0.0.1:${port} in ${dir}`);
  const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: 'ignore',
  });
  const url = `redis://127.0.0.1:${port}`;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await waitFor(() => canPing(url), { timeoutMs: 10_000, what: 'redis-server' });
  return {
    url,
    source: 'spawned',
    pid: child.pid,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
