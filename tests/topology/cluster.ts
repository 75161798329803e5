import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@dawg/contracts';
import { SOCKET_PATHS } from '@dawg/realtime';
import { type Deployable, type LogLine, ServiceProcess } from '@dawg/testing';
import { freePort } from '../../tools/infra/net.mjs';
import { type IngressSpec, ingressSpec, type NginxProxy, readValues, startNginx } from '../../tools/proxy-routes.mjs';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/** One replica of a component: a real process on a fixed port, so a replacement comes back at the same address, like a restarted pod. */
export interface Replica {
  /** e.g. api-0; also its Postgres application_name. */
  name: string;
  component: Deployable;
  address: string;
  env: Record<string, string>;
  service: ServiceProcess;
}

export interface HttpAnswer<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
}

export interface SocketOptions {
  token: string;
  transport: 'websocket' | 'polling';
  reconnection?: boolean;
}

export interface CallOptions {
  body?: unknown;
  token?: string;
  requestId?: string;
}

/**
 * Replicas of several components behind real nginx, configured from the
 * chart's routes (tools/proxy-routes.mjs), sharing one database and one Redis
 * prefix. Who served what is read from the replicas' own logs.
 */
export class Cluster {
  readonly replicas: Replica[] = [];
  private readonly sockets: Client[] = [];

  private constructor(
    readonly ingress: IngressSpec,
    readonly proxy: NginxProxy,
    replicas: Replica[],
  ) {
    this.replicas.push(...replicas);
  }

  /** Starts every replica in parallel, then nginx in front of those whose component has routes. */
  static async start(counts: Partial<Record<Deployable, number>>, env: Record<string, string>, proxy: { failTimeoutSeconds?: number } = {}): Promise<Cluster> {
    const ingress = ingressSpec(readValues());
    const plan = (Object.entries(counts) as Array<[Deployable, number]>).flatMap(([component, count]) => Array.from({ length: count }, (_, i) => ({ component, name: `${component}-${i}` })));
    const replicas = await Promise.all(
      plan.map(async ({ component, name }) => {
        const port = await freePort();
        const database = new URL(env.DATABASE_URL!);
        database.searchParams.set('application_name', name);
        const own = { ...env, PORT: String(port), DATABASE_URL: database.toString() };
        const { service } = await ServiceProcess.start(component, own);
        return { name, component, address: `127.0.0.1:${port}`, env: own, service };
      }),
    );
    const upstreams: Record<string, string[]> = {};
    for (const r of replicas) if (ingress.routes.some((route) => route.component === r.component)) (upstreams[r.component] ??= []).push(r.address);
    const nginx = await startNginx({ ingress, upstreams, failTimeoutSeconds: proxy.failTimeoutSeconds });
    return new Cluster(ingress, nginx, replicas);
  }

  of(component: Deployable): Replica[] {
    return this.replicas.filter((r) => r.component === component);
  }

  byAddress(address: string): Replica | undefined {
    return this.replicas.find((r) => r.address === address);
  }

  /** Starts a replacement process for a replica that has exited, at the same address. */
  async restart(replica: Replica): Promise<void> {
    replica.service = (await ServiceProcess.start(replica.component, replica.env)).service;
  }

  /** A request through the proxy, on a connection of its own. */
  call<T = Record<string, unknown>>(method: string, path: string, options: CallOptions = {}): Promise<HttpAnswer<T>> {
    const { hostname, port } = new URL(this.proxy.url);
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: hostname,
          port,
          method,
          path,
          agent: false,
          headers: {
            ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
            ...(options.requestId ? { 'x-request-id': options.requestId } : {}),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            let body: unknown = text;
            try {
              body = text ? JSON.parse(text) : {};
            } catch {
              // Not JSON (a proxy error page): kept as text.
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: body as T });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** The replica whose log has `match`, waiting up to `timeoutMs` for the line. */
  async loggedBy(match: (line: LogLine) => boolean, candidates = this.replicas, timeoutMs = 5_000): Promise<Replica | undefined> {
    const found = candidates.find((r) => r.service.lines.some(match));
    if (found) return found;
    return Promise.race([
      ...candidates.map((r) => r.service.waitForLog(match).then(() => r)),
      // Unreferenced: a pending timer must not keep Jest from exiting.
      sleep(timeoutMs, undefined, { ref: false }).then(() => undefined),
    ]);
  }

  /** The replica that answered the HTTP request with this id (its "request completed" line). */
  servedBy(requestId: string): Promise<Replica | undefined> {
    return this.loggedBy((l) => l.msg === 'request completed' && l.requestId === requestId);
  }

  /** The replica a socket is connected to (its "socket connected" line). */
  hostOf(socketId: string): Promise<Replica | undefined> {
    return this.loggedBy((l) => l.msg === 'socket connected' && l.socketId === socketId);
  }

  /** The upstream nginx sent a request to, from its access log, waiting for the line to be written. */
  async upstreamOf(requestId: string): Promise<string> {
    for (let i = 0; i < 100; i++) {
      const line = (await this.proxy.accessLog()).split('\n').find((l) => l.includes(` rid=${requestId} `));
      if (line) return /upstream=(\S+)/.exec(line)?.[1] ?? '';
      await sleep(20);
    }
    throw new Error(`nginx logged no request ${requestId}`);
  }

  /** The access log lines of one Engine.IO (Socket.IO) session. */
  async sessionRequests(engineId: string): Promise<Array<{ request: string; upstream: string; status: number }>> {
    return (await this.proxy.accessLog())
      .split('\n')
      .filter((l) => l.includes(`sid=${engineId}`))
      .map((l) => ({ request: /"([^"]+)"/.exec(l)?.[1] ?? '', upstream: /upstream=(\S+)/.exec(l)?.[1] ?? '', status: Number(/" (\d{3}) /.exec(l)?.[1]) }));
  }

  /**
   * A Socket.IO client of the api through the proxy, opened as a browser opens
   * one (the proxy's affinity cookie kept and sent back), and the replica it
   * landed on, by that replica's log.
   */
  async connect(options: SocketOptions): Promise<{ socket: Client; host: Replica | undefined }> {
    const socket: Client = io(this.proxy.url, {
      path: SOCKET_PATHS.api,
      transports: [options.transport],
      withCredentials: true,
      forceNew: true,
      auth: { token: options.token },
      reconnection: options.reconnection ?? false,
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
      randomizationFactor: 0,
    });
    this.sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    return { socket, host: await this.hostOf(socket.id!) };
  }

  /**
   * A client on `target`: a new client lands on a random replica (its affinity
   * key is new), so clients are opened until one lands there. With
   * `projectId`, it subscribes to the project on every (re)connection.
   */
  async attach(target: Replica, options: SocketOptions & { projectId?: string }): Promise<Client> {
    for (let attempt = 0; attempt < 40; attempt++) {
      const { socket, host } = await this.connect(options);
      if (host === target) {
        if (options.projectId) await subscribe(socket, options.projectId);
        return socket;
      }
      socket.disconnect();
    }
    throw new Error(`no client landed on ${target.name} in 40 tries`);
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.disconnect();
    await Promise.all(this.replicas.map((r) => r.service.stop()));
    await this.proxy.stop();
  }
}

/** Joins the project's room now and again after every reconnection, as the web app does. */
async function subscribe(socket: Client, projectId: string): Promise<void> {
  const join = async () => {
    const ack = await socket.emitWithAck('subscribe:project', { projectId });
    if (!ack.ok) throw new Error(`subscribe:project refused: ${JSON.stringify(ack.error)}`);
  };
  socket.on('connect', () => void join().catch(() => undefined));
  await join();
}

/** The next `event` a socket receives. */
export function next<E extends keyof ServerToClientEvents>(socket: Client, event: E): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve) => socket.once(event as 'pong', resolve as (payload: unknown) => void));
}
