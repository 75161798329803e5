import { randomUUID } from 'node:crypto';
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { type ExtendedError, type Namespace, Server, type Socket } from 'socket.io';
import type { z } from 'zod';
import type { ClientEventSpecs, ServerToClientEvents, SocketAck, SocketConnectError, SocketError } from '@dawg/contracts';
import { JwtVerifier, type Role } from '@dawg/auth';
import { AppError, type Logger, Metrics, PLATFORM_ENV, type PlatformEnv, REDIS_CLIENT, ROOT_LOGGER, ServiceLifecycle } from '@dawg/platform';
import { clientIpResolver } from './client-ip';
import { ConnectionLimiter } from './connection-limiter';
import type { RealtimeEnv } from './realtime-env';
import { RealtimeMetrics } from './realtime-metrics';
import { socketChannelKey } from './redis-channels';
import { SOCKET_NAMESPACES, SOCKET_PATHS, type SocketService, projectRoom, userRoom } from './socket-paths';

export const SOCKET_SERVER_OPTIONS = Symbol('SOCKET_SERVER_OPTIONS');

export interface SocketServerOptions<S extends ClientEventSpecs = ClientEventSpecs> {
  /** Whose socket server this is; it serves on that service's path (SOCKET_PATHS). */
  service: SocketService;
  /** The client events it accepts; each payload is validated against its schema before a handler sees it. */
  events: S;
}

/** Who is on the other end of a socket, from the handshake's access token. */
export interface SocketUser {
  id: string;
  roles: Role[];
  /** The handshake's access token, for handlers that call other services with the user's own authority (the assistant's tools). */
  accessToken: string;
}

/**
 * What a socket carries in `socket.data`. The adapter's fetchSockets() sends
 * it to other replicas through Redis, so the access token is not in it.
 */
interface SocketData {
  user: Omit<SocketUser, 'accessToken'>;
  ip: string;
  /** When this socket joined each of its rooms (ms since the epoch), for presence. */
  joinedAt: Record<string, number>;
}

/** A room's membership on this replica changed: one of its sockets joined or left (a disconnect leaves every room). */
export type RoomMembershipListener = (room: string, change: 'joined' | 'left') => void;

/** One socket in a room, on any replica. */
export interface RoomMember {
  socketId: string;
  userId: string;
  /** When the socket joined the room (ms since the epoch). */
  joinedAt: number;
}

export interface SocketEventContext<SE extends object = ServerToClientEvents> {
  user: SocketUser;
  socket: Socket;
  /** The event's correlation id: in every log line about it and in its error ack. */
  eventId: string;
  log: Logger;
  /** False when the client sent no ack callback (a handler may answer with an event instead). */
  hasAck: boolean;
  /** Emits to this socket alone. */
  reply<E extends keyof SE & string>(event: E, ...args: SE[E] extends (...a: infer A) => void ? A : never): void;
}

export type SocketEventHandler<Req, Res, SE extends object = ServerToClientEvents> = (payload: Req, ctx: SocketEventContext<SE>) => Promise<Res> | Res;

/** Emits to one room, through the Redis adapter: every replica delivers to its own members. */
export interface RoomBroadcast<SE extends object> {
  emit<E extends keyof SE & string>(event: E, ...args: SE[E] extends (...a: infer A) => void ? A : never): void;
}

type AnyHandler = (payload: unknown, ctx: SocketEventContext<object>) => Promise<unknown> | unknown;

/**
 * One service's Socket.IO server: attached to the Nest app's HTTP server on
 * the service's own path, with the Redis adapter (any replica reaches any
 * client), access tokens checked at the handshake, a per-IP connection
 * limit counted across replicas, payloads validated before handlers, one
 * correlation id per event in logs and error acks, Prometheus metrics, and
 * clients sent elsewhere as soon as the process drains.
 *
 * Feature modules register their handlers (`handle`) while the app
 * initialises; the server starts once every module is ready.
 */
@Injectable()
export class SocketServer<S extends ClientEventSpecs = ClientEventSpecs, SE extends object = ServerToClientEvents> implements OnApplicationBootstrap, OnModuleDestroy {
  private io?: Server;
  /** The service's namespace on its path (SOCKET_NAMESPACES); every handler and room lives there. */
  private namespace?: Namespace;
  private readonly handlers = new Map<string, AnyHandler>();
  private readonly path: string;
  private readonly metrics: RealtimeMetrics;
  private readonly log: Logger;
  private readonly limiter: ConnectionLimiter;
  private readonly clientIp: (req: IncomingMessage) => string;
  private readonly redisClients: Redis[] = [];
  private readonly membershipListeners: RoomMembershipListener[] = [];
  /** Kept beside the socket, not in its data (see SocketData). */
  private readonly accessTokens = new WeakMap<Socket, string>();
  private refusing = false;

  constructor(
    @Inject(SOCKET_SERVER_OPTIONS) private readonly options: SocketServerOptions<S>,
    @Inject(PLATFORM_ENV) private readonly env: PlatformEnv & Partial<RealtimeEnv>,
    @Inject(REDIS_CLIENT) redis: Redis,
    @Inject(ROOT_LOGGER) rootLogger: Logger,
    private readonly adapterHost: HttpAdapterHost,
    private readonly verifier: JwtVerifier,
    private readonly lifecycle: ServiceLifecycle,
    metrics: Metrics,
  ) {
    this.path = SOCKET_PATHS[options.service];
    this.metrics = RealtimeMetrics.for(metrics.registry);
    this.log = rootLogger.child({ component: 'socket.io', path: this.path });
    this.limiter = new ConnectionLimiter(redis, `${env.REDIS_KEY_PREFIX}${options.service}:`, randomUUID(), env.WS_MAX_CONNECTIONS_PER_IP ?? 10);
    this.clientIp = clientIpResolver(env.TRUST_PROXY);
  }

  /** Registers the handler of one client event (before the app has started). */
  handle<E extends keyof S & string>(event: E, handler: SocketEventHandler<z.output<S[E]['request']>, z.output<S[E]['result']>, SE>): void {
    if (this.handlers.has(event)) throw new Error(`socket event ${event} has two handlers`);
    this.handlers.set(event, handler as AnyHandler);
  }

  /** Everyone subscribed to one project, on every replica. */
  toProject(projectId: string): RoomBroadcast<SE> {
    return this.toRoom(projectRoom(projectId));
  }

  /** Every connection of one user, on every replica. */
  toUser(userId: string): RoomBroadcast<SE> {
    return this.toRoom(userRoom(userId));
  }

  /** Makes every socket in room `who` (e.g. one user's, `user:<id>`) leave room `room`, on every replica. */
  roomLeaves(who: string, room: string): void {
    this.namespace?.in(who).socketsLeave(room);
  }

  /** Tells `listener` whenever a socket of this replica joins or leaves a room; each replica reports its own sockets. */
  onRoomMembership(listener: RoomMembershipListener): void {
    this.membershipListeners.push(listener);
  }

  /** Every socket in a room, on every replica (the adapter asks the others through Redis). */
  async roomMembers(room: string): Promise<RoomMember[]> {
    if (!this.namespace) return [];
    const sockets = await this.namespace.in(room).fetchSockets();
    return sockets.flatMap((socket) => {
      const data = socket.data as Partial<SocketData> | undefined;
      if (!data?.user) return [];
      return [{ socketId: socket.id, userId: data.user.id, joinedAt: data.joinedAt?.[room] ?? Date.now() }];
    });
  }

  private watchMembership(namespace: Namespace): void {
    const changed = (room: string, id: string, change: 'joined' | 'left') => {
      const data = namespace.sockets.get(id)?.data as SocketData | undefined;
      if (data?.joinedAt) {
        if (change === 'joined') data.joinedAt[room] = Date.now();
        else delete data.joinedAt[room];
      }
      // A socket's own room (its id) is no one's business.
      if (room === id) return;
      for (const listener of this.membershipListeners) {
        try {
          listener(room, change);
        } catch (err) {
          this.log.error({ err, room }, 'a room membership listener failed');
        }
      }
    };
    namespace.adapter.on('join-room', (room: string, id: string) => changed(room, id, 'joined'));
    namespace.adapter.on('leave-room', (room: string, id: string) => changed(room, id, 'left'));
  }

  private toRoom(room: string): RoomBroadcast<SE> {
    return {
      emit: (event, ...args) => {
        // Before start (or after close) there is nobody to tell.
        if (!this.namespace) return;
        this.namespace.to(room).emit(event, ...args);
        this.metrics.emitted.inc({ path: this.path, event });
      },
    };
  }

  onApplicationBootstrap(): void {
    for (const event of Object.keys(this.options.events)) {
      if (!this.handlers.has(event)) throw new Error(`socket event ${event} (${this.path}) has no handler`);
    }
    const pub = this.redisClient('pub');
    const sub = this.redisClient('sub');
    const origins = this.env.CORS_ORIGINS?.split(',');
    this.io = new Server(this.adapterHost.httpAdapter.getHttpServer() as HttpServer, {
      path: this.path,
      serveClient: false,
      // Several services' servers share one HTTP server in `unified`: an upgrade for another path is not ours to cut.
      destroyUpgrade: false,
      // The same rule as REST: only the listed origins, never a wildcard (tokens, not cookies, authenticate).
      cors: { origin: origins ?? false, credentials: true },
      adapter: createAdapter(pub, sub, { key: socketChannelKey(this.env.REDIS_KEY_PREFIX) }),
    });
    const namespace = SOCKET_NAMESPACES[this.options.service];
    if (namespace !== '/') {
      // The main namespace exists on every server; nothing is served there, so nobody is let in.
      this.io.use((_socket, next) => {
        const err = new Error(`Connect to the ${namespace} namespace on this path.`) as ExtendedError;
        err.data = { code: 'NOT_FOUND', message: err.message } satisfies SocketConnectError;
        next(err);
      });
    }
    this.namespace = this.io.of(namespace);
    this.watchMembership(this.namespace);
    this.namespace.use((socket, next) => void this.admit(socket).then(() => next(), (err: ExtendedError) => next(err)));
    this.namespace.on('connection', (socket) => this.onConnection(socket));
    this.lifecycle.onDrain(() => this.drain());
    this.log.info('socket.io listening');
  }

  /**
   * Refuses new handshakes and closes every local connection. Closing the
   * transport (rather than disconnecting the socket, which clients take as
   * final) makes clients reconnect, and the load balancer sends them to another replica.
   */
  private drain(): void {
    this.refusing = true;
    // engine.io documents `clients` (every open connection, all namespaces); its typings mark it protected.
    const clients = ((this.io?.engine as unknown as { clients?: Record<string, { close(): void }> } | undefined)?.clients ?? {});
    for (const client of Object.values(clients)) client.close();
  }

  async onModuleDestroy(): Promise<void> {
    this.refusing = true;
    const io = this.io;
    this.io = undefined;
    this.namespace = undefined;
    if (io) await io.close();
    await this.limiter.close();
    await Promise.allSettled(this.redisClients.map((c) => c.quit()));
  }

  // ---------------------------------------------------------------- handshake

  private async admit(socket: Socket): Promise<void> {
    const refuse = (reason: string, code: SocketConnectError['code'], message: string): never => {
      this.metrics.refused.inc({ path: this.path, reason });
      this.log.info({ socketId: socket.id, ip: socket.handshake.address, reason }, 'socket refused');
      const err = new Error(message) as ExtendedError;
      err.data = { code, message } satisfies SocketConnectError;
      throw err;
    };
    if (this.refusing) refuse('draining', 'SERVICE_UNAVAILABLE', 'This server is shutting down; connect again.');

    const token = tokenOf(socket);
    if (!token) refuse('unauthenticated', 'UNAUTHENTICATED', 'An access token is required: pass it as auth.token or in an Authorization: Bearer header.');
    let user: SocketUser | undefined;
    try {
      const claims = this.verifier.verify(token!);
      user = { id: claims.sub, roles: claims.roles, accessToken: token! };
    } catch (err) {
      refuse('unauthenticated', 'UNAUTHENTICATED', err instanceof AppError ? err.message : 'The access token is invalid.');
    }

    const ip = this.clientIp(socket.request);
    let counted = true;
    try {
      counted = await this.limiter.acquire(ip);
      if (!counted) refuse('too_many_connections', 'RATE_LIMITED', `Too many connections from your address: at most ${this.env.WS_MAX_CONNECTIONS_PER_IP ?? 10} at once.`);
    } catch (err) {
      if ((err as ExtendedError).data) throw err;
      // Redis is down: the adapter cannot fan out either, but this replica's own clients still work; let them in uncounted.
      this.log.warn({ err }, 'could not count the connection in Redis; admitting it uncounted');
      counted = false;
    }
    if (counted) {
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        this.limiter.release(ip).catch((err: unknown) => this.log.warn({ err, ip }, 'could not give back a connection slot'));
      };
      // Whichever comes first: the socket's disconnect, or its transport closing during the handshake.
      socket.once('disconnect', release);
      socket.conn.once('close', release);
      if (socket.conn.readyState !== 'open') release();
    }
    this.accessTokens.set(socket, user!.accessToken);
    socket.data = { user: { id: user!.id, roles: user!.roles }, ip, joinedAt: {} } satisfies SocketData;
  }

  // ------------------------------------------------------------------- events

  private onConnection(socket: Socket): void {
    const user: SocketUser = { ...(socket.data as SocketData).user, accessToken: this.accessTokens.get(socket) ?? '' };
    void socket.join(userRoom(user.id));
    this.metrics.connected.inc({ path: this.path });
    this.log.info({ socketId: socket.id, userId: user.id }, 'socket connected');
    socket.once('disconnect', (reason) => {
      this.metrics.connected.dec({ path: this.path });
      this.log.info({ socketId: socket.id, userId: user.id, reason }, 'socket disconnected');
    });
    socket.onAny((event: string, ...args: unknown[]) => void this.onEvent(socket, user, event, args));
  }

  private async onEvent(socket: Socket, user: SocketUser, event: string, args: unknown[]): Promise<void> {
    const started = process.hrtime.bigint();
    const eventId = randomUUID();
    const handler = this.handlers.get(event);
    const spec = this.options.events[event];
    const eventLabel = handler && spec ? event : '(unknown)';
    this.metrics.received.inc({ path: this.path, event: eventLabel });
    const log = this.log.child({ eventId, socketId: socket.id, userId: user.id, event });
    const ack = typeof args.at(-1) === 'function' ? (args.pop() as (response: SocketAck<unknown>) => void) : undefined;
    const respond = (response: SocketAck<unknown>, outcome: string) => {
      if (ack) {
        ack(response);
        this.metrics.emitted.inc({ path: this.path, event: `${eventLabel}:ack` });
      }
      log.info({ outcome, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'socket event');
    };
    const fail = (code: SocketError['code'], message: string, details?: unknown) =>
      respond({ ok: false, error: { code, message, ...(details === undefined ? {} : { details }), requestId: eventId } }, code);

    if (!handler || !spec) return fail('BAD_REQUEST', `Unknown event "${event}".`);
    const parsed = spec.request.safeParse(args[0]);
    if (!parsed.success) {
      return fail('VALIDATION_FAILED', 'The event payload is invalid.', {
        issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      });
    }
    const ctx: SocketEventContext<object> = {
      user,
      socket,
      eventId,
      log,
      hasAck: ack !== undefined,
      reply: (name: string, ...payload: unknown[]) => {
        socket.emit(name, ...payload);
        this.metrics.emitted.inc({ path: this.path, event: name });
      },
    };
    try {
      const data = await handler(parsed.data, ctx);
      respond({ ok: true, data }, 'ok');
    } catch (err) {
      if (err instanceof AppError) return fail(err.code, err.message, err.details);
      log.error({ err }, 'socket event failed');
      fail('INTERNAL', 'Something went wrong on our side.');
    }
  }

  private redisClient(role: 'pub' | 'sub'): Redis {
    // Unlike the shared client, these queue commands while Redis reconnects: the
    // adapter neither catches a failed PUBLISH nor re-subscribes by itself.
    const client = new Redis(this.env.REDIS_URL, {
      connectionName: `dawg-${this.options.service}-socket-${role}`,
      maxRetriesPerRequest: null,
      retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
    });
    client.on('error', () => undefined);
    this.redisClients.push(client);
    return client;
  }
}

function tokenOf(socket: Socket): string | undefined {
  const fromAuth = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof fromAuth === 'string' && fromAuth) return fromAuth.replace(/^Bearer\s+/i, '');
  const header = socket.handshake.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}
