import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Connection } from 'ssh2';
import { ROOT_LOGGER } from '@dawg/platform';
import { ApprovalsService } from '../approvals/approvals.service';
import { ApprovalsRepository } from '../approvals/approvals.repository';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../gateway-env';
import { type RegisteredKey, SshKeyReader } from '../keys/ssh-key.reader';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { Workspaces } from '../runner/workspace';
import { TranscriptStore } from '../transcripts/transcript.store';
import type { ChannelIO } from './channel-io';
import { CommandExecutor, CONFINEMENT } from './command-executor.service';
import type { Confinement } from '../runner/command-runner';
import { UserUidsRepository } from '../runner/user-uids.repository';
import { type ConnectionHost, type EndReason, GatewayConnection } from './gateway-connection';
import { RestrictedShell } from './restricted-shell';
import { type ControlMessage, type SessionInfo, SessionRegistry } from './session-registry.repository';
import { SessionRecordsRepository } from './session-records.repository';

const SWEEP_MS = 2_000;

/**
 * This replica's sessions and their place in the cluster: admission against
 * the caps in Redis, lease renewal, the record in Postgres, kill and lock
 * orders from any replica (pub/sub, with a sweep every two seconds that
 * also catches revoked keys and locks if a message was missed), transcripts
 * saved when a session ends, and every session ended on shutdown.
 */
@Injectable()
export class SessionsService implements ConnectionHost, OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly replica = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  private readonly local = new Map<string, GatewayConnection>();
  private readonly admitted = new Set<string>();
  private readonly endings = new Set<Promise<void>>();
  private timers: NodeJS.Timeout[] = [];

  constructor(
    @Inject(GATEWAY_SETTINGS) readonly settings: GatewaySettings,
    private readonly registry: SessionRegistry,
    private readonly records: SessionRecordsRepository,
    private readonly keys: SshKeyReader,
    private readonly executor: CommandExecutor,
    private readonly approvals: ApprovalsService,
    private readonly approvalRows: ApprovalsRepository,
    private readonly workspaces: Workspaces,
    private readonly transcripts: TranscriptStore,
    private readonly metrics: GatewayMetrics,
    @Inject(CONFINEMENT) private readonly confinement: Confinement,
    private readonly uids: UserUidsRepository,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      this.workspaces.prepare();
    } catch (err) {
      this.logger.error({ err, root: this.settings.workspaceRoot }, 'gateway workspaces cannot be made; commands fail until GATEWAY_WORKSPACE_ROOT is writable');
    }
    this.reportSandbox();
    if (!this.confinement.prlimit) this.logger.warn('prlimit (util-linux) is not installed: commands run without CPU, memory and file-size limits');
    await this.registry.subscribe((message) => this.onControl(message));
    this.timers = [
      setInterval(() => void this.renew(), Math.floor(this.settings.sessions.leaseMs / 4)),
      setInterval(() => void this.sweep(), SWEEP_MS),
    ];
    for (const timer of this.timers) timer.unref();
  }

  /** Says once, at boot, how commands are isolated here, and what that leaves open. */
  private reportSandbox(): void {
    const { mode, namespacesUnavailable } = this.confinement;
    for (const m of ['uid+namespaces', 'namespaces', 'uid', 'none'] as const) this.metrics.sandbox.labels(m).set(m === mode ? 1 : 0);
    this.logger.info({ sandbox: mode, namespacesUnavailable, runAs: this.confinement.dropsPrivileges ? this.settings.runAs : undefined, perUserUids: this.settings.userUidBase !== undefined }, 'gateway command sandbox');
    if (mode === 'none') {
      this.logger.warn(
        { namespacesUnavailable },
        "commands run as the gateway's own user, beside it: vim and AI-CLI commands are refused. Allow unprivileged user namespaces (seccomp, a fresh /proc), or run the gateway as root with only SETUID, SETGID, CHOWN and KILL so commands drop to GATEWAY_RUN_AS",
      );
    } else if (mode === 'uid') {
      this.logger.warn({ namespacesUnavailable }, 'commands run as another uid but without namespaces: a command that detaches (setsid after a double fork) can outlive its session');
    }
  }

  /**
   * Takes a slot for an authenticated connection. A connection over a cap
   * is still created, but refused: its first channel says why and closes
   * (SSH has no other way to tell a client after authentication).
   */
  async admit(client: Connection, principal: RegisteredKey, meta: { ip: string; username: string; clientVersion: string | null }): Promise<GatewayConnection> {
    const connection = new GatewayConnection(client, principal, { ...meta, replica: this.replica }, this, this.logger);
    const { max, maxPerUser } = this.settings.sessions;
    let verdict: 'ok' | 'cap' | 'user-cap' | 'unavailable';
    try {
      verdict = await this.registry.acquire(connection.info(), { max, maxPerUser });
    } catch (err) {
      connection.log.error({ err }, 'could not take a session slot in Redis');
      verdict = 'unavailable';
    }
    if (verdict === 'ok') {
      this.admitted.add(connection.id);
      try {
        await this.assignUser(connection);
        await this.records.start({ ...connection.info(), clientVersion: meta.clientVersion, startedAt: connection.startedAt, expiresAt: connection.expiresAt });
      } catch (err) {
        connection.log.error({ err }, 'could not record the session; refusing it (nothing runs unaudited)');
        verdict = 'unavailable';
      }
    }
    if (verdict !== 'ok') {
      this.metrics.sessionsRefused.labels(verdict).inc();
      connection.refusal =
        verdict === 'cap'
          ? { rule: 'session.cap', message: `${max} sessions are open across the gateway, the most allowed; try again later` }
          : verdict === 'user-cap'
            ? { rule: 'session.user-cap', message: `you already have ${maxPerUser} sessions open, the most allowed per user` }
            : { rule: 'session.unavailable', message: 'the gateway cannot record sessions right now; try again later' };
      connection.log.info({ rule: connection.refusal.rule }, 'gateway session refused');
      // A client that never opens a channel is closed anyway.
      setTimeout(() => connection.end('refused'), 10_000).unref();
    } else {
      this.metrics.sessionsActive.inc();
      connection.log.info({ username: connection.info().username, clientVersion: meta.clientVersion }, 'gateway session started');
    }
    this.local.set(connection.id, connection);
    client.once('close', () => connection.end('closed'));
    return connection;
  }

  /** Commands run as GATEWAY_RUN_AS, or as the user's own uid (GATEWAY_USER_UID_BASE), when the gateway is root. */
  private async assignUser(connection: GatewayConnection): Promise<void> {
    if (!this.confinement.dropsPrivileges) return;
    const { runAs, userUidBase } = this.settings;
    if (userUidBase === undefined) {
      connection.runAs = runAs;
      return;
    }
    connection.runAs = { uid: userUidBase + (await this.uids.ordinal(connection.principal.userId)), gid: runAs.gid };
    connection.isolated = true;
  }

  workspaceFor(connection: GatewayConnection): string {
    return this.workspaces.forUser(connection.principal.userId, connection.runAs);
  }

  async exec(connection: GatewayConnection, io: ChannelIO, command: string): Promise<number> {
    const workspace = this.workspaceFor(connection);
    const outcome = await this.executor.run(connection, io, command, 'exec', workspace, workspace);
    return outcome.exitCode;
  }

  shell(connection: GatewayConnection, io: ChannelIO): void {
    const workspace = this.workspaceFor(connection);
    new RestrictedShell(connection, io, this.executor, workspace).start();
  }

  ended(connection: GatewayConnection, reason: EndReason, by: string | null): void {
    this.local.delete(connection.id);
    if (!this.admitted.delete(connection.id)) return;
    this.metrics.sessionsActive.dec();
    this.metrics.sessionsEnded.labels(reason).inc();
    connection.log.info({ reason, by }, 'gateway session ended');
    const ending = this.finish(connection, reason, by).finally(() => this.endings.delete(ending));
    this.endings.add(ending);
  }

  changed(connection: GatewayConnection): void {
    if (!this.admitted.has(connection.id) || connection.ended) return;
    this.registry.renew([connection.info()]).catch((err: unknown) => connection.log.debug({ err }, 'could not update the session\'s shared state'));
  }

  /** Every live session, on every replica. */
  list(): Promise<SessionInfo[]> {
    return this.registry.list();
  }

  /** Asks whichever replica holds the session to end it. False when no such session is live. */
  async kill(sessionId: string, by: string): Promise<boolean> {
    const live = (await this.registry.list()).some((s) => s.id === sessionId);
    if (!live) return false;
    await this.registry.publish({ type: 'kill', sessionId, by, reason: 'killed' });
    return true;
  }

  /** Asks every replica to end the user's sessions; returns how many were live. */
  async endUser(userId: string, by: string): Promise<number> {
    const live = (await this.registry.list()).filter((s) => s.userId === userId).length;
    await this.registry.publish({ type: 'end-user', userId, by, reason: 'locked' });
    return live;
  }

  /** Before Postgres and Redis close: every session ends (and is recorded), its processes with it. */
  async beforeApplicationShutdown(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    for (const connection of [...this.local.values()]) connection.end('shutdown');
    await Promise.allSettled([...this.endings]);
  }

  private onControl(message: ControlMessage): void {
    switch (message.type) {
      case 'kill':
        this.local.get(message.sessionId)?.end('killed', message.by);
        break;
      case 'end-user':
        for (const connection of [...this.local.values()]) if (connection.principal.userId === message.userId) connection.end('locked', message.by);
        break;
      case 'approval-decided':
        this.approvals.wake(message.approvalId);
        break;
    }
  }

  private async finish(connection: GatewayConnection, reason: EndReason, by: string | null): Promise<void> {
    await this.registry.release({ id: connection.id, userId: connection.principal.userId }).catch((err: unknown) => connection.log.warn({ err }, 'could not release the session slot (its lease expires by itself)'));
    await this.records.end(connection.id, reason, by).catch((err: unknown) => connection.log.error({ err }, 'could not record the end of the session'));
    if (connection.recorder && this.transcripts.enabled) {
      try {
        const key = await this.transcripts.save(connection.id, connection.startedAt, connection.recorder.finish());
        await this.records.setTranscript(connection.id, key);
      } catch (err) {
        connection.log.error({ err }, 'could not store the session transcript');
      }
    }
  }

  private async renew(): Promise<void> {
    const sessions = [...this.local.values()].filter((c) => this.admitted.has(c.id) && !c.ended);
    try {
      await this.registry.renew(sessions.map((c) => c.info()));
      this.metrics.sessionsCluster.set(await this.registry.count());
      await this.approvalRows.expireOverdue();
    } catch (err) {
      this.logger.warn({ err }, 'could not renew gateway session leases');
    }
  }

  /** Ends sessions whose key was revoked or whose user was locked, even if the control message never arrived. */
  private async sweep(): Promise<void> {
    const sessions = [...this.local.values()].filter((c) => this.admitted.has(c.id) && !c.ended);
    if (sessions.length === 0) return;
    try {
      const unusable = await this.keys.unusable([...new Set(sessions.map((c) => c.principal.sshKeyId))]);
      for (const connection of sessions) {
        const reason = unusable.get(connection.principal.sshKeyId);
        if (reason) connection.end(reason);
      }
    } catch (err) {
      this.logger.warn({ err }, 'could not check gateway sessions against revocations and locks');
    }
  }
}
