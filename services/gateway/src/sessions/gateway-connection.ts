import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { AcceptConnection, Connection, RejectConnection, ServerChannel, Session } from 'ssh2';
import type { GatewaySettings } from '../gateway-env';
import type { RegisteredKey } from '../keys/ssh-key.reader';
import { neutralise } from '../policy/neutralise';
import { AsciicastRecorder } from '../transcripts/asciicast';
import { ChannelIO, type PtyInfo } from './channel-io';
import type { SessionInfo } from './session-registry.repository';

export type EndReason = 'closed' | 'ttl' | 'idle' | 'killed' | 'locked' | 'key-revoked' | 'shutdown' | 'refused';

const END_MESSAGES: Record<EndReason, string> = {
  closed: 'the connection closed',
  ttl: 'the session reached its time limit',
  idle: 'the session was idle too long',
  killed: 'an admin ended the session',
  locked: 'an admin locked this account out of the gateway',
  'key-revoked': 'the SSH key was revoked or expired',
  shutdown: 'the gateway is restarting; connect again',
  refused: 'the session was refused',
};

/** What one connection needs from the gateway around it. */
export interface ConnectionHost {
  readonly settings: GatewaySettings;
  /** The user's workspace (a real path), made on first use. */
  workspaceFor(connection: GatewayConnection): string;
  /** Runs an exec request, or starts the restricted shell, on a channel. */
  exec(connection: GatewayConnection, io: ChannelIO, command: string): Promise<number>;
  shell(connection: GatewayConnection, io: ChannelIO): void;
  ended(connection: GatewayConnection, reason: EndReason, by: string | null): void;
  /** A command started or finished: what admins see in the session list changed. */
  changed(connection: GatewayConnection): void;
}

const MAX_CHANNELS = 4;

/**
 * One authenticated SSH connection: a gateway session. It holds the
 * principal, the session's clocks (TTL from authentication, idle from the
 * last input while nothing runs), its channels (exec requests and shells;
 * forwarding, agent, X11, env and subsystems such as sftp are refused), its
 * running commands, its shell history and its transcript. `end()` is the one
 * way out: every channel is told why, every running command's process tree
 * is killed, and the connection closes.
 */
export class GatewayConnection {
  readonly id = randomUUID();
  readonly startedAt = new Date();
  readonly expiresAt: Date;
  readonly history: string[] = [];
  readonly recorder: AsciicastRecorder | undefined;
  /** Aborted when the session ends: every running command listens to it. */
  readonly lifetime = new AbortController();
  readonly log: Logger;
  /** Set when the session was refused after authentication (the cap): channels print it and close. */
  refusal: { rule: string; message: string } | undefined;
  /** Who the session's commands run as (when the gateway is root), and whether that uid is this user's alone. */
  runAs: { uid: number; gid: number } | undefined;
  isolated = false;
  private readonly running = new Map<symbol, string>();
  private lastActivity = Date.now();
  private readonly channels = new Set<ChannelIO>();
  private endedWith: EndReason | undefined;
  private readonly ttlTimer: NodeJS.Timeout;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly client: Connection,
    readonly principal: RegisteredKey,
    readonly meta: { ip: string; username: string; clientVersion: string | null; replica: string },
    private readonly host: ConnectionHost,
    logger: Logger,
  ) {
    const { sessions, transcripts } = host.settings;
    this.expiresAt = new Date(this.startedAt.getTime() + sessions.ttlMs);
    this.log = logger.child({ sessionId: this.id, userId: principal.userId, sshKeyId: principal.sshKeyId, agent: principal.agent ?? undefined, ip: meta.ip });
    this.recorder = transcripts.enabled ? new AsciicastRecorder({ width: 80, height: 24, title: `dawg gateway session ${this.id}` }, transcripts.maxBytes) : undefined;
    this.ttlTimer = setTimeout(() => this.end('ttl'), sessions.ttlMs);
    this.ttlTimer.unref();
    this.armIdle();
    client.on('session', (accept: AcceptConnection<Session>, reject: RejectConnection) => this.openSession(accept, reject));
  }

  get ended(): boolean {
    return this.endedWith !== undefined;
  }

  get endReason(): EndReason | undefined {
    return this.endedWith;
  }

  /** Marks a command as running (shown to admins, and activity for the idle clock) until `done` is called. */
  startCommand(line: string): () => void {
    const token = Symbol(line);
    this.running.set(token, line);
    this.touch();
    this.host.changed(this);
    return () => {
      this.running.delete(token);
      this.touch();
      this.host.changed(this);
    };
  }

  /** Input from the client, or a command starting or finishing: the session is in use. */
  touch(): void {
    this.lastActivity = Date.now();
    this.armIdle();
  }

  info(): SessionInfo {
    const running = [...this.running.values()][0];
    return {
      id: this.id,
      userId: this.principal.userId,
      agent: this.principal.agent,
      sshKeyId: this.principal.sshKeyId,
      username: neutralise(this.meta.username, 200),
      ip: this.meta.ip,
      replica: this.meta.replica,
      startedAt: this.startedAt.toISOString(),
      expiresAt: this.expiresAt.toISOString(),
      lastActivityAt: new Date(this.lastActivity).toISOString(),
      running: running === undefined ? null : neutralise(running, 500),
    };
  }

  /** The time left before the TTL ends the session. */
  remainingMs(): number {
    return Math.max(0, this.expiresAt.getTime() - Date.now());
  }

  /** Ends the session: idempotent. */
  end(reason: EndReason, by: string | null = null): void {
    if (this.endedWith) return;
    this.endedWith = reason;
    clearTimeout(this.ttlTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.lifetime.abort();
    const message = `\r\ndawg-gateway: session ended: ${END_MESSAGES[reason]}\r\n`;
    this.recorder?.marker(`session ended: ${reason}`);
    for (const io of this.channels) {
      if (reason !== 'closed' && reason !== 'refused') io.writeError(message, false);
      io.exit(reason === 'refused' ? 75 : 255);
    }
    // Give the goodbye a moment to leave, then close; a client that does not answer is cut.
    setTimeout(() => {
      try {
        this.client.end();
      } catch {
        // already gone
      }
    }, 50).unref();
    this.host.ended(this, reason, by);
  }

  private armIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.endedWith) return;
    this.idleTimer = setTimeout(() => {
      // A running command is activity, however quiet its user.
      if (this.running.size > 0) this.armIdle();
      else this.end('idle');
    }, this.host.settings.sessions.idleMs);
    this.idleTimer.unref();
  }

  private openSession(accept: AcceptConnection<Session>, reject: RejectConnection): void {
    if (this.endedWith || this.channels.size >= MAX_CHANNELS) {
      reject();
      return;
    }
    this.touch();
    const session = accept();
    let pty: PtyInfo | undefined;
    let io: ChannelIO | undefined;
    session.on('pty', (ok, _no, info) => {
      pty = { term: /^[\w.+-]{1,64}$/.test(info.term) ? info.term : 'xterm', cols: clamp(info.cols, 20, 1000, 80), rows: clamp(info.rows, 5, 500, 24) };
      this.recorder?.resize(pty.cols, pty.rows);
      ok?.();
    });
    session.on('window-change', (ok, _no, info) => {
      if (pty) {
        pty.cols = clamp(info.cols, 20, 1000, pty.cols);
        pty.rows = clamp(info.rows, 5, 500, pty.rows);
        this.recorder?.resize(pty.cols, pty.rows);
        io?.resized(pty);
      }
      ok?.();
    });
    // The environment is the gateway's alone: LD_PRELOAD, GIT_* and the rest never get in.
    session.on('env', (_ok, no, info) => {
      this.log.debug({ variable: neutralise(info.key, 100) }, 'refused a client environment variable');
      no?.();
    });
    session.on('x11', (_ok, no) => no?.());
    session.on('auth-agent', (_ok, no) => no?.());
    session.on('sftp', (_ok, no) => {
      this.log.info('refused an sftp subsystem request');
      no();
    });
    session.on('subsystem', (_ok, no, info) => {
      this.log.info({ subsystem: neutralise(info.name, 100) }, 'refused a subsystem request');
      no();
    });
    session.on('signal', (ok, _no, info) => {
      ok?.();
      if (io && ['INT', 'TERM', 'HUP', 'KILL', 'QUIT'].includes(info.name)) this.signals.get(io)?.(`SIG${info.name}` as NodeJS.Signals);
    });
    session.on('exec', (acceptExec, _no, info) => {
      io = this.attach(acceptExec(), pty);
      const channel = io;
      if (this.refuseIfNeeded(channel)) return;
      this.recorder?.marker(`exec ${neutralise(info.command, 1000)}`);
      this.host
        .exec(this, channel, info.command)
        .then((code) => channel.exit(code))
        .catch((err: unknown) => {
          this.log.error({ err }, 'exec failed');
          channel.writeError('dawg-gateway: internal error\r\n', false);
          channel.exit(1);
        });
    });
    session.on('shell', (acceptShell) => {
      io = this.attach(acceptShell(), pty);
      if (this.refuseIfNeeded(io)) return;
      try {
        this.host.shell(this, io);
      } catch (err) {
        this.log.error({ err }, 'could not start the shell');
        io.writeError('dawg-gateway: the shell could not start (workspace unavailable)\r\n', false);
        io.exit(1);
      }
    });
  }

  /** Interrupt handlers of running commands, per channel (SSH `signal` requests). */
  readonly signals = new Map<ChannelIO, (signal: NodeJS.Signals) => void>();

  private attach(channel: ServerChannel, pty: PtyInfo | undefined): ChannelIO {
    const io = new ChannelIO(channel, pty, this.recorder, () => this.touch());
    this.channels.add(io);
    channel.on('close', () => {
      this.channels.delete(io);
      this.signals.delete(io);
    });
    return io;
  }

  private refuseIfNeeded(io: ChannelIO): boolean {
    if (!this.refusal) return false;
    io.writeError(`dawg-gateway: refused (rule ${this.refusal.rule}): ${this.refusal.message}\r\n`, false);
    this.end('refused');
    return true;
  }
}

function clamp(value: number, min: number, max: number, fallback: number): number {
  return Number.isFinite(value) && value > 0 ? Math.min(max, Math.max(min, Math.round(value))) : fallback;
}
