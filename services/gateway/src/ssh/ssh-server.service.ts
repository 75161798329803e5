import { createServer, type Server as NetServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { type AuthContext, type Connection, type PublicKeyAuthContext, Server } from 'ssh2';
import { ROOT_LOGGER } from '@dawg/platform';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../gateway-env';
import { type RegisteredKey, SshKeyReader } from '../keys/ssh-key.reader';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { neutralise } from '../policy/neutralise';
import { SessionRegistry } from '../sessions/session-registry.repository';
import { SessionsService } from '../sessions/sessions.service';
import { loadHostKey } from './host-key';
import { peekClientKexInit, STRICT_KEX_CLIENT } from './kexinit';
import { acceptableKeyAlgorithm, sshFingerprint, verifyPublicKeySignature } from './public-key-auth';

/**
 * Modern algorithms only: curve25519 / NIST ECDH and large MODP groups with
 * SHA-2 for key exchange, AES-GCM (AEAD) for the channel, ETM MACs only if
 * a cipher ever needs one, no compression. With strict key exchange required
 * (below), the Terrapin prefix truncation is out of reach whatever is chosen.
 */
const ALGORITHMS = {
  kex: ['curve25519-sha256', 'curve25519-sha256@libssh.org', 'ecdh-sha2-nistp256', 'ecdh-sha2-nistp384', 'ecdh-sha2-nistp521', 'diffie-hellman-group16-sha512', 'diffie-hellman-group18-sha512'],
  cipher: ['aes256-gcm@openssh.com', 'aes128-gcm@openssh.com'],
  hmac: ['hmac-sha2-256-etm@openssh.com', 'hmac-sha2-512-etm@openssh.com'],
  compress: ['none'],
} as const;

/** Auth methods we answer with: only publickey is ever offered. */
const METHODS = ['publickey'] as const;

/**
 * The SSH listener. Before a connection reaches ssh2 it is checked against
 * the per-IP lockout (in Redis) and the per-IP limit of unauthenticated
 * connections; then the client's first key-exchange packet is read off the
 * wire and a client that does not offer strict key exchange is dropped.
 * Authentication: public key only, looked up by fingerprint among keys
 * registered through the api, the signature verified by our code; a login
 * has a deadline and a number of attempts, and every failure counts toward
 * the IP's lockout. Port forwarding (-L/-R/-D), streamlocal, agent and X11
 * forwarding, env, sftp/scp and other subsystems are refused (see
 * GatewayConnection for the channel side).
 */
@Injectable()
export class SshServerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private listener: NetServer | undefined;
  private ssh: Server | undefined;
  private readonly unauthenticated = new Map<string, number>();
  private readonly sockets = new Set<Socket>();
  /** Sockets handed to ssh2, by remote address and port: how a client found in ssh2's 'connection' event is matched to its socket. */
  private readonly pending = new Map<string, { socket: Socket; uncount: () => void }>();
  private boundPort: number | undefined;

  constructor(
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
    private readonly keys: SshKeyReader,
    private readonly registry: SessionRegistry,
    private readonly sessions: SessionsService,
    private readonly metrics: GatewayMetrics,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  /** The port SSH listens on (the one the OS picked, with SSH_PORT=0). */
  get port(): number | undefined {
    return this.boundPort;
  }

  async onApplicationBootstrap(): Promise<void> {
    const { ssh } = this.settings;
    if (!ssh.enabled) {
      this.logger.info('SSH server disabled (SSH_ENABLED=false)');
      return;
    }
    const hostKey = loadHostKey(ssh.hostKeyFile, sshFingerprint, (message, path) => this.logger.warn({ path }, message));
    if (hostKey.source === 'generated') this.logger.warn({ path: hostKey.path, fingerprint: hostKey.fingerprint }, 'generated a new SSH host key; in production mount one from a Secret (SSH_HOST_KEY_FILE)');
    this.ssh = new Server({
      hostKeys: [hostKey.privateKey],
      algorithms: { kex: [...ALGORITHMS.kex], cipher: [...ALGORITHMS.cipher], hmac: [...ALGORITHMS.hmac], compress: [...ALGORITHMS.compress] },
      ident: 'DAWG-Gateway',
      keepaliveInterval: ssh.keepaliveMs,
      keepaliveCountMax: 3,
    });
    this.ssh.on('connection', (client: Connection, info: { ip: string; port: number; header: { identRaw: string } }) => this.onClient(client, info));
    this.ssh.on('error', (err: Error) => this.logger.warn({ err }, 'SSH server error'));
    this.listener = createServer({ pauseOnConnect: true }, (socket) => {
      this.onSocket(socket).catch((err: unknown) => {
        this.logger.error({ err }, 'SSH connection setup failed');
        socket.destroy();
      });
    });
    this.listener.on('error', (err) => this.logger.error({ err }, 'SSH listener error'));
    try {
      await new Promise<void>((resolve, reject) => {
        this.listener!.once('error', reject);
        this.listener!.listen(ssh.port, ssh.host, () => {
          this.listener!.off('error', reject);
          resolve();
        });
      });
    } catch (err) {
      // In production a gateway without its SSH port is broken: stop, so the orchestrator shows it. Locally
      // (two checkouts, another gateway on 2222) the rest of the platform should still start.
      if (this.settings.production) throw new Error(`the SSH server cannot listen on ${ssh.host}:${ssh.port}: ${(err as Error).message}`);
      this.logger.error({ err, port: ssh.port }, 'the SSH server cannot listen; SSH is off in this process (set SSH_PORT to a free port)');
      this.listener = undefined;
      return;
    }
    this.boundPort = (this.listener.address() as AddressInfo).port;
    this.logger.info({ port: this.boundPort, host: ssh.host, hostKey: hostKey.fingerprint, hostKeySource: hostKey.source }, 'ssh listening');
  }

  /** Stops accepting connections; SessionsService ends the sessions. */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.listener) return;
    await new Promise<void>((resolve) => {
      this.listener!.close(() => resolve());
      // Sessions were ended by SessionsService; whatever is still connected (mid-handshake) goes now.
      setTimeout(() => {
        for (const socket of this.sockets) socket.destroy();
      }, 200).unref();
    });
  }

  private async onSocket(socket: Socket): Promise<void> {
    const ip = normaliseIp(socket.remoteAddress);
    socket.on('error', () => undefined);
    // SSH trades many small packets: without this, Nagle and delayed ACKs add ~40 ms to each round trip.
    socket.setNoDelay(true);
    const open = this.unauthenticated.get(ip) ?? 0;
    if (open >= this.settings.ssh.maxUnauthenticatedPerIp) {
      this.metrics.connectionsRefused.labels('unauthenticated-limit').inc();
      socket.destroy();
      return;
    }
    // Counted at once (before any await), so a burst of connections cannot all slip under the limit.
    this.unauthenticated.set(ip, open + 1);
    this.sockets.add(socket);
    let counted = true;
    const uncount = () => {
      if (!counted) return;
      counted = false;
      const left = (this.unauthenticated.get(ip) ?? 1) - 1;
      if (left <= 0) this.unauthenticated.delete(ip);
      else this.unauthenticated.set(ip, left);
    };
    const endpoint = `${socket.remoteAddress}:${socket.remotePort}`;
    socket.once('close', () => {
      uncount();
      this.sockets.delete(socket);
      this.pending.delete(endpoint);
    });
    let failures = 0;
    try {
      failures = await this.registry.authFailures(ip);
    } catch (err) {
      // Fail closed: without Redis the lockout cannot be enforced, and sessions could not be capped either.
      this.logger.warn({ err, ip }, 'refusing an SSH connection: Redis is unreachable');
      socket.destroy();
      return;
    }
    if (failures >= this.settings.ssh.lockout.failures) {
      this.metrics.connectionsRefused.labels('lockout').inc();
      this.logger.info({ ip, failures }, 'refused an SSH connection from a locked-out IP');
      socket.destroy();
      return;
    }
    if (socket.destroyed) return;
    this.pending.set(endpoint, { socket, uncount });

    // Read the client's KEXINIT as it arrives (ssh2 reads the same bytes): no strict key exchange, no connection.
    let seen = Buffer.alloc(0);
    const peek = (chunk: Buffer) => {
      seen = Buffer.concat([seen, chunk]);
      const result = peekClientKexInit(seen);
      if (result.state === 'need-more') return;
      socket.off('data', peek);
      if (result.state === 'invalid' || !result.kex.includes(STRICT_KEX_CLIENT)) {
        this.metrics.connectionsRefused.labels('no-strict-kex').inc();
        this.logger.info({ ip, reason: result.state === 'invalid' ? result.reason : 'no strict key exchange' }, 'refused an SSH client before key exchange');
        socket.destroy();
      }
    };
    socket.on('data', peek);
    this.ssh!.injectSocket(socket);
    socket.resume();
  }

  private onClient(client: Connection, info: { ip: string; port: number; header: { identRaw: string } }): void {
    const ip = normaliseIp(info.ip);
    const clientVersion = neutralise(String(info.header?.identRaw ?? ''), 200) || null;
    const endpoint = this.pending.get(`${info.ip}:${info.port}`);
    this.pending.delete(`${info.ip}:${info.port}`);
    const socket = endpoint?.socket;
    const { ssh } = this.settings;
    let attempts = 0;
    let authenticated = false;
    let failed = false;
    client.on('error', (err: Error) => this.logger.debug({ err: err.message, ip }, 'SSH client error'));
    const deadline = setTimeout(() => {
      if (authenticated) return;
      this.metrics.connectionsRefused.labels('login-timeout').inc();
      if (attempts > 0) void this.fail(ip, 'login-timeout');
      client.end();
      socket?.destroy();
    }, ssh.loginTimeoutMs);
    deadline.unref();
    client.on('close', () => clearTimeout(deadline));

    // Nothing but sessions: forwarding requests (-R, streamlocal) and channels (-L, -D) are refused.
    client.on('request', (_accept: unknown, reject: (() => void) | undefined, name: string) => {
      this.logger.info({ ip, request: neutralise(name, 100) }, 'refused an SSH global request (forwarding)');
      reject?.();
    });
    client.on('tcpip', (_accept: unknown, reject: () => void) => {
      this.logger.info({ ip }, 'refused a direct-tcpip channel (port forwarding)');
      reject();
    });
    client.on('openssh.streamlocal', (_accept: unknown, reject: () => void) => reject());

    const decide = async (ctx: AuthContext): Promise<void> => {
      const decision = await this.authenticate(ctx, ip);
      if (decision.kind === 'check') return ctx.accept();
      if (decision.kind === 'reject') {
        if (decision.countsAsAttempt) {
          attempts++;
          this.metrics.authFailures.labels(ctx.method).inc();
          await this.fail(ip, decision.reason);
        }
        if (attempts >= ssh.maxAuthAttempts) {
          this.metrics.connectionsRefused.labels('too-many-attempts').inc();
          ctx.reject([], false);
          client.end();
          return;
        }
        return ctx.reject([...METHODS]);
      }
      if (failed) return ctx.reject([...METHODS]);
      authenticated = true;
      clearTimeout(deadline);
      endpoint?.uncount();
      await this.sessions.admit(client, decision.key, { ip, username: ctx.username, clientVersion });
      ctx.accept();
    };
    client.on('authentication', (ctx: AuthContext) => {
      decide(ctx).catch((err: unknown) => {
        // A database or Redis failure: refuse, and close (fail closed).
        failed = true;
        this.logger.error({ err, ip }, 'SSH authentication failed unexpectedly');
        try {
          ctx.reject([...METHODS]);
        } catch {
          // already answered
        }
        client.end();
      });
    });
  }

  private async authenticate(ctx: AuthContext, ip: string): Promise<{ kind: 'check' } | { kind: 'reject'; reason: string; countsAsAttempt: boolean } | { kind: 'accept'; key: RegisteredKey }> {
    if (ctx.method === 'none') return { kind: 'reject', reason: 'none', countsAsAttempt: false };
    if (ctx.method !== 'publickey') return { kind: 'reject', reason: `${ctx.method} authentication is not accepted`, countsAsAttempt: true };
    const pk = ctx as PublicKeyAuthContext;
    const algorithm = acceptableKeyAlgorithm(pk.key.algo, pk.hashAlgo);
    if (!algorithm.ok) return { kind: 'reject', reason: algorithm.reason, countsAsAttempt: true };
    const fingerprint = sshFingerprint(pk.key.data);
    const key = await this.keys.findLiveByFingerprint(fingerprint);
    if (!key) return { kind: 'reject', reason: `unknown key ${fingerprint}`, countsAsAttempt: true };
    if (key.lockedAt) {
      this.metrics.sessionsRefused.labels('locked').inc();
      return { kind: 'reject', reason: `user ${key.userId} is locked out of the gateway`, countsAsAttempt: true };
    }
    if (!key.scopes.some((s) => s.startsWith('gateway:'))) return { kind: 'reject', reason: 'the key has no gateway scope', countsAsAttempt: true };
    // The client asks whether this key would do, before signing: yes (the signature is checked next).
    if (!pk.signature || !pk.blob) return { kind: 'check' };
    const verified = verifyPublicKeySignature(key.publicKey, { algo: pk.key.algo, keyData: pk.key.data, signature: pk.signature, blob: pk.blob, hashAlgo: pk.hashAlgo });
    if (!verified.ok) {
      this.logger.warn({ ip, sshKeyId: key.sshKeyId, reason: verified.reason }, 'SSH signature did not verify');
      return { kind: 'reject', reason: verified.reason, countsAsAttempt: true };
    }
    return { kind: 'accept', key };
  }

  private async fail(ip: string, reason: string): Promise<void> {
    try {
      const count = await this.registry.recordAuthFailure(ip, this.settings.ssh.lockout.windowSeconds);
      if (count === this.settings.ssh.lockout.failures) this.logger.warn({ ip, failures: count, windowSeconds: this.settings.ssh.lockout.windowSeconds }, 'SSH client IP locked out');
      this.logger.info({ ip, reason: neutralise(reason, 300) }, 'SSH authentication failed');
    } catch (err) {
      this.logger.warn({ err, ip }, 'could not count a failed SSH authentication');
    }
  }
}

/** `::ffff:127.0.0.1` and `127.0.0.1` are one client. */
export function normaliseIp(address: string | undefined): string {
  if (!address) return 'unknown';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
