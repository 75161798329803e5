import { statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { CommandDecision } from '@dawg/contracts';
import { ApprovalsService } from '../approvals/approvals.service';
import { CommandAuditRepository, type CommandResult } from '../audit/command-audit.repository';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../gateway-env';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { allowedNames, decide, displayLine } from '../policy/command-policy';
import type { CommandPlan, Decision, PolicyContext } from '../policy/decision';
import { neutralise } from '../policy/neutralise';
import { checkPath } from '../policy/path-rules';
import { type Confinement, findExecutable, runCommand, runInTerminal } from '../runner/command-runner';
import { NodePathInspector, Workspaces } from '../runner/workspace';
import type { ChannelIO } from './channel-io';
import type { GatewayConnection } from './gateway-connection';

export const CONFINEMENT = Symbol('CONFINEMENT');

/** Exit statuses the client sees for what the gateway itself decided. */
export const EXIT = { denied: 126, notInstalled: 127, timeout: 124, outputLimit: 125, ended: 137, failedToStart: 126, internal: 1 } as const;

export interface LineOutcome {
  exitCode: number;
  /** The shell's new directory after `cd`. */
  cwd?: string;
  /** `exit`/`logout`, or Ctrl-D: the shell ends with this status. */
  exit?: number;
}

const tracer = trace.getTracer('dawg-gateway');

/**
 * Runs one command line for a session: the policy decides, the decision is
 * written to the audit before anything runs (if the audit cannot be written,
 * nothing runs), privileged commands wait for an approval, and allowed ones
 * run confined (see runCommand). Every refusal tells the client the rule.
 */
@Injectable()
export class CommandExecutor {
  private readonly inspector = new NodePathInspector();
  private readonly binaries = new Map<string, { path: string | undefined; at: number }>();

  constructor(
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
    @Inject(CONFINEMENT) private readonly confinement: Confinement,
    private readonly audit: CommandAuditRepository,
    private readonly approvals: ApprovalsService,
    private readonly metrics: GatewayMetrics,
    private readonly workspaces: Workspaces,
  ) {}

  policyContext(connection: GatewayConnection, io: ChannelIO, workspace: string, cwd: string): PolicyContext {
    return {
      workspace,
      cwd,
      readRoots: this.settings.readRoots,
      scopes: connection.principal.scopes,
      aiCli: this.settings.aiCli,
      isolatedUser: connection.isolated,
      sandbox: this.confinement.mode,
      terminal: io.pty !== undefined,
      inspector: this.inspector,
    };
  }

  async run(connection: GatewayConnection, io: ChannelIO, line: string, mode: 'exec' | 'shell', workspace: string, cwd: string): Promise<LineOutcome> {
    const ctx = this.policyContext(connection, io, workspace, cwd);
    const decision = decide(line, ctx);
    if (decision.kind === 'empty') return { exitCode: 0 };
    return tracer.startActiveSpan('gateway.command', { attributes: { 'dawg.gateway.session_id': connection.id, 'dawg.gateway.mode': mode, 'enduser.id': connection.principal.userId } }, async (span) => {
      try {
        const outcome = await this.decided(connection, io, line, mode, ctx, decision);
        span.setAttribute('process.exit.code', outcome.exitCode);
        return outcome;
      } catch (err) {
        span.recordException(err as Error);
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw err;
      } finally {
        span.end();
      }
    });
  }

  private async decided(connection: GatewayConnection, io: ChannelIO, line: string, mode: 'exec' | 'shell', ctx: PolicyContext, decision: Exclude<Decision, { kind: 'empty' }>): Promise<LineOutcome> {
    const span = trace.getActiveSpan();
    const record = (d: CommandDecision, rule: string, reason: string | null, extra: { approvalId?: string; approverId?: string } = {}) => {
      span?.setAttributes({ 'dawg.gateway.decision': d, 'dawg.gateway.rule': rule });
      this.metrics.commands.labels(d).inc();
      return this.audit.insert({
        sessionId: connection.id,
        userId: connection.principal.userId,
        agent: connection.principal.agent,
        mode,
        line: neutralise(line),
        argv: decision.kind === 'deny' || decision.kind === 'run' || decision.kind === 'builtin' ? decision.argv.map((a) => neutralise(a, 2000)) : [],
        cwd: neutralise(ctx.cwd),
        decision: d,
        rule,
        reason,
        approvalId: extra.approvalId ?? null,
        approverId: extra.approverId ?? null,
      });
    };
    const refuse = async (rule: string, reason: string, code: number = EXIT.denied, d: CommandDecision = 'denied', extra = {}) => {
      await record(d, rule, reason, extra);
      connection.log.info({ rule, decision: d }, 'gateway command refused');
      io.writeError(`dawg-gateway: denied by rule ${rule}: ${reason}\n`);
      return { exitCode: code };
    };

    if (decision.kind === 'deny') return refuse(decision.rule, decision.reason);
    if (decision.kind === 'builtin') {
      await record('allowed', `builtin.${decision.name}`, null);
      return this.builtin(connection, io, decision.name, decision.args, mode, ctx);
    }

    const binary = this.resolve(decision.plan);
    if (!binary) return refuse('command.not-installed', `${decision.plan.command} is allowed but not installed on this gateway`, EXIT.notInstalled);

    let commandId: string;
    if (decision.approval) {
      const { rule, reason } = decision.approval;
      const outcome = await this.approvals.request(
        { sessionId: connection.id, requesterId: connection.principal.userId, agent: connection.principal.agent, argv: decision.argv, cwd: ctx.cwd, rule },
        connection.lifetime.signal,
        ({ id, timeoutMs }) => io.writeError(`dawg-gateway: ${reason}: approval required (rule ${rule}); request ${id} waits up to ${Math.round(timeoutMs / 1000)} s for an admin\n`),
      );
      if (outcome.outcome === 'rejected') {
        return refuse('approval.denied', `an admin denied request ${outcome.approvalId}${outcome.reason ? `: ${neutralise(outcome.reason, 500)}` : ''}`, EXIT.denied, 'rejected', { approvalId: outcome.approvalId, approverId: outcome.approverId ?? undefined });
      }
      if (outcome.outcome === 'expired') return refuse('approval.expired', `request ${outcome.approvalId} was not approved in time`, EXIT.denied, 'expired', { approvalId: outcome.approvalId });
      io.writeError(`dawg-gateway: request ${outcome.approvalId} approved; running\n`);
      commandId = await record('approved', rule, null, { approvalId: outcome.approvalId, approverId: outcome.approverId });
    } else {
      commandId = await record('allowed', decision.rule, null);
    }
    if (connection.ended) return { exitCode: EXIT.ended };
    return this.execute(connection, io, binary, decision.plan, ctx, commandId, decision.argv);
  }

  private async execute(connection: GatewayConnection, io: ChannelIO, binary: string, plan: CommandPlan, ctx: PolicyContext, commandId: string, argv: string[]): Promise<LineOutcome> {
    const finished = connection.startCommand(displayLine(argv));
    const options = {
      binary,
      args: plan.args,
      cwd: ctx.cwd,
      env: this.environment(connection, io, ctx),
      limits: {
        ...this.settings.limits,
        // Full-screen programs live as long as the session may; everything else gets the command timeout.
        timeoutMs: plan.interactive ? Math.max(1_000, connection.remainingMs()) : this.settings.limits.timeoutMs,
      },
      stdout: (chunk: Buffer) => io.write(chunk, false),
      stderr: (chunk: Buffer) => io.writeError(chunk, false),
      signal: connection.lifetime.signal,
      user: connection.runAs,
    };
    // The client asked for a terminal (ssh -t): the command gets a real one, sized and resized as the client's
    // window, whose line discipline echoes, translates newlines and turns Ctrl-C into SIGINT. Without one, pipes.
    const handle = io.pty ? runInTerminal(this.confinement, { ...options, terminal: { ...io.pty } }) : runCommand(this.confinement, options);
    const stopResizing = io.onResize((size) => handle.resize(size.cols, size.rows));
    connection.signals.set(io, (signal) => handle.interrupt(signal));
    io.attachInput({ data: (chunk) => handle.write(chunk), end: () => handle.endInput() });
    let result: CommandResult & { error?: string };
    try {
      result = await handle.done;
    } finally {
      io.attachInput(undefined);
      stopResizing();
      connection.signals.delete(io);
      finished();
    }
    this.metrics.commandDuration.labels(result.outcome).observe(result.durationMs / 1000);
    await this.audit.complete(commandId, result).catch((err: unknown) => connection.log.error({ err, commandId }, 'could not complete the command audit row'));
    connection.log.info({ commandId, command: plan.command, outcome: result.outcome, exitCode: result.exitCode, signal: result.signal, durationMs: Math.round(result.durationMs), bytesOut: result.bytesOut }, 'gateway command finished');
    switch (result.outcome) {
      case 'timeout':
        io.writeError(`\ndawg-gateway: stopped by rule limit.timeout: ${plan.command} ran longer than ${Math.round(this.settings.limits.timeoutMs / 1000)} s\n`);
        return { exitCode: EXIT.timeout };
      case 'output-limit':
        io.writeError(`\ndawg-gateway: stopped by rule limit.output: ${plan.command} wrote more than ${this.settings.limits.outputMaxBytes} bytes\n`);
        return { exitCode: EXIT.outputLimit };
      case 'failed-to-start':
        io.writeError(`dawg-gateway: ${plan.command} could not start\n`);
        return { exitCode: EXIT.failedToStart };
      case 'ended':
        return { exitCode: EXIT.ended };
      default:
        return { exitCode: result.exitCode ?? 128 + signalNumber(result.signal) };
    }
  }

  /** The only environment a command gets: built here, nothing from the client or the gateway's own. */
  private environment(connection: GatewayConnection, io: ChannelIO, ctx: PolicyContext): Record<string, string> {
    const home = this.workspaces.home;
    const env: Record<string, string> = {
      PATH: this.settings.commandPath.join(':'),
      HOME: home,
      XDG_CONFIG_HOME: home,
      USER: 'dawg',
      LOGNAME: 'dawg',
      LANG: 'C.UTF-8',
      LC_ALL: 'C.UTF-8',
      TERM: io.pty?.term ?? 'dumb',
      SHELL: '/bin/false',
      EDITOR: '/bin/false',
      VISUAL: '/bin/false',
      PAGER: 'cat',
      GIT_PAGER: 'cat',
      GIT_EDITOR: '/bin/false',
      GIT_TERMINAL_PROMPT: '0',
      GIT_ASKPASS: '/bin/false',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_ALLOW_PROTOCOL: 'https',
      GIT_CEILING_DIRECTORIES: resolve(ctx.workspace, '..'),
      // Commands may run as a uid with no passwd entry: git needs an identity for commits.
      GIT_AUTHOR_NAME: connection.principal.agent ?? 'dawg',
      GIT_AUTHOR_EMAIL: `${connection.principal.userId}@gateway.dawg.invalid`,
      GIT_COMMITTER_NAME: connection.principal.agent ?? 'dawg',
      GIT_COMMITTER_EMAIL: `${connection.principal.userId}@gateway.dawg.invalid`,
      LESSSECURE: '1',
      TMPDIR: '/tmp',
      DAWG_GATEWAY_SESSION: connection.id,
      DAWG_WORKSPACE: ctx.workspace,
    };
    // No COLUMNS or LINES: in a terminal they would override the pty's size, and stop following the window.
    return env;
  }

  private resolve(plan: CommandPlan): string | undefined {
    const key = plan.binaries.join(',');
    const cached = this.binaries.get(key);
    if (cached && Date.now() - cached.at < 60_000) return cached.path;
    let path: string | undefined;
    for (const name of plan.binaries) {
      path = findExecutable(name, this.settings.commandPath);
      if (path) break;
    }
    this.binaries.set(key, { path, at: Date.now() });
    return path;
  }

  private async builtin(connection: GatewayConnection, io: ChannelIO, name: string, args: string[], mode: 'exec' | 'shell', ctx: PolicyContext): Promise<LineOutcome> {
    switch (name) {
      case 'help':
        io.write(this.help(ctx));
        return { exitCode: 0 };
      case 'history':
        io.write(connection.history.map((l, i) => `${String(i + 1).padStart(5)}  ${neutralise(l, 2000)}\n`).join(''));
        return { exitCode: 0 };
      case 'exit':
      case 'logout': {
        const code = args[0] !== undefined && /^\d{1,3}$/.test(args[0]) ? Number(args[0]) & 0xff : 0;
        return { exitCode: code, exit: code };
      }
      case 'cd': {
        if (mode === 'exec') {
          io.writeError('dawg-gateway: cd changes the directory of the interactive shell only; in one command, name paths relative to your workspace\n');
          return { exitCode: 1 };
        }
        if (args.length > 1) {
          io.writeError('dawg-gateway: cd takes one directory\n');
          return { exitCode: 1 };
        }
        const target = args[0] === undefined ? ctx.workspace : resolve(ctx.cwd, args[0]);
        const bad = checkPath(args[0] ?? ctx.workspace, 'write', { ...ctx, readRoots: [] });
        if (bad) {
          io.writeError(`dawg-gateway: denied by rule ${bad.rule}: ${bad.reason}\n`);
          return { exitCode: EXIT.denied };
        }
        const real = this.inspector.realpath(target);
        if (!real || !isDirectory(real)) {
          io.writeError(`dawg-gateway: cd: ${neutralise(args[0] ?? '', 200)} is not a directory\n`);
          return { exitCode: 1 };
        }
        return { exitCode: 0, cwd: real };
      }
      default:
        return { exitCode: 1 };
    }
  }

  private help(ctx: PolicyContext): string {
    const names = allowedNames(ctx);
    return [
      'DAWG AI gateway: a restricted shell, not a real one.',
      `Commands: ${names.join(', ')}${this.settings.aiCli.enabled ? ` (${this.settings.aiCli.commands.join(', ')} need an admin's approval each time)` : ''}.`,
      'Built in: cd, help, history, exit.',
      'Lines are split into words as sh would, but run without a shell: pipes, redirection, ;, &&, $VAR, $(...), globs and ~ are refused.',
      'Paths are relative to your workspace and must stay inside it; git runs with hooks, pagers and external programs off.',
      `Each command may run ${Math.round(this.settings.limits.timeoutMs / 1000)} s and write ${this.settings.limits.outputMaxBytes} bytes.`,
      `You are in ${relative(ctx.workspace, ctx.cwd) || 'the top of your workspace'}.`,
      '',
    ].join('\n');
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

const SIGNALS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGSEGV: 11, SIGPIPE: 13, SIGTERM: 15, SIGXCPU: 24, SIGXFSZ: 25 };
function signalNumber(signal: string | null): number {
  return (signal && SIGNALS[signal]) || 0;
}
