import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { Metrics } from '@dawg/platform';
import type { CommandDecision } from '@dawg/contracts';

/** The gateway's Prometheus series, on the service's registry. */
@Injectable()
export class GatewayMetrics {
  readonly commands: Counter<'decision'>;
  readonly commandDuration: Histogram<'outcome'>;
  /** Sessions held by this replica now. */
  readonly sessionsActive: Gauge;
  /** Sessions held across every replica (from Redis), as last counted by this replica. */
  readonly sessionsCluster: Gauge;
  readonly sessionsEnded: Counter<'reason'>;
  readonly sessionsRefused: Counter<'reason'>;
  readonly authFailures: Counter<'method'>;
  readonly connectionsRefused: Counter<'reason'>;
  readonly approvals: Counter<'outcome'>;
  /** 1 for the sandbox commands run in (uid+namespaces, namespaces, uid, none), found at boot. */
  readonly sandbox: Gauge<'mode'>;

  constructor(@Inject(Metrics) metrics: Metrics) {
    const registers = [metrics.registry];
    this.commands = new Counter({ name: 'gateway_commands_total', help: 'Command lines received over SSH, by decision (allowed, denied, approved, rejected, expired).', labelNames: ['decision'], registers });
    for (const decision of ['allowed', 'denied', 'approved', 'rejected', 'expired'] satisfies CommandDecision[]) this.commands.labels(decision);
    this.commandDuration = new Histogram({
      name: 'gateway_command_duration_seconds',
      help: 'Wall time of commands that ran, by outcome (exited, signalled, timeout, output-limit, ended, failed-to-start).',
      labelNames: ['outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers,
    });
    this.sessionsActive = new Gauge({ name: 'gateway_sessions_active', help: 'SSH sessions held by this replica.', registers });
    this.sessionsCluster = new Gauge({ name: 'gateway_sessions_cluster', help: 'SSH sessions held across every gateway replica (counted in Redis).', registers });
    this.sessionsEnded = new Counter({ name: 'gateway_sessions_ended_total', help: 'SSH sessions ended, by reason (closed, ttl, idle, killed, locked, key-revoked, shutdown).', labelNames: ['reason'], registers });
    this.sessionsRefused = new Counter({ name: 'gateway_sessions_refused_total', help: 'Authenticated SSH sessions refused, by reason (cap, user-cap, locked).', labelNames: ['reason'], registers });
    this.authFailures = new Counter({ name: 'gateway_auth_failures_total', help: 'Failed SSH authentication attempts, by method.', labelNames: ['method'], registers });
    this.connectionsRefused = new Counter({ name: 'gateway_connections_refused_total', help: 'SSH connections refused before authentication, by reason (lockout, unauthenticated-limit, no-strict-kex, login-timeout, too-many-attempts).', labelNames: ['reason'], registers });
    this.sandbox = new Gauge({ name: 'gateway_sandbox_info', help: 'How this replica isolates commands (mode: uid+namespaces, namespaces, uid or none); 1 for the mode in use.', labelNames: ['mode'], registers });
    this.approvals = new Counter({ name: 'gateway_approvals_total', help: 'Approval requests for privileged commands, by outcome (approved, denied, expired).', labelNames: ['outcome'], registers });
  }
}
