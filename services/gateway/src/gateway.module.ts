import { type DynamicModule, Module } from '@nestjs/common';
import { GatewayAdminController } from './admin/gateway-admin.controller';
import { GatewayAdminService } from './admin/gateway-admin.service';
import { ApprovalNotifier } from './approvals/approval-notifier';
import { ApprovalsRepository } from './approvals/approvals.repository';
import { ApprovalsService } from './approvals/approvals.service';
import { CommandAuditRepository } from './audit/command-audit.repository';
import { GATEWAY_SETTINGS, type GatewayEnvPart, type GatewaySettings, gatewaySettingsFrom } from './gateway-env';
import { PrincipalLocksRepository } from './keys/principal-locks.repository';
import { SshKeyReader } from './keys/ssh-key.reader';
import { GatewayMetrics } from './metrics/gateway-metrics';
import { type Confinement, detectConfinement } from './runner/command-runner';
import { Workspaces } from './runner/workspace';
import { UserUidsRepository } from './runner/user-uids.repository';
import { CommandExecutor, CONFINEMENT } from './sessions/command-executor.service';
import { SessionRecordsRepository } from './sessions/session-records.repository';
import { SessionRegistry } from './sessions/session-registry.repository';
import { SessionsService } from './sessions/sessions.service';
import { SshServerService } from './ssh/ssh-server.service';
import { TranscriptStore } from './transcripts/transcript.store';

/** Finds how commands can be confined here; GATEWAY_SANDBOX=namespaces makes their absence a boot error. */
function sandboxFor(settings: GatewaySettings): Confinement {
  const confinement = detectConfinement({ sandbox: settings.sandbox, probeAs: settings.runAs });
  if (settings.sandbox === 'namespaces' && !confinement.unshare) {
    throw new Error(`GATEWAY_SANDBOX=namespaces, but commands cannot run in user, pid and mount namespaces here: ${confinement.namespacesUnavailable ?? 'unknown reason'}`);
  }
  return confinement;
}

/**
 * The gateway service: the SSH server for AI agents and operators (a
 * restricted shell and exec requests, never a real shell), sessions,
 * approvals of privileged commands, the command audit, and its admin REST
 * under /api/v1/gateway. Object storage (for transcripts) is composed by the
 * deployable, once per process, so the gateway deployable and unified
 * compose exactly the same thing.
 */
@Module({})
export class GatewayModule {
  static forRoot(env: GatewayEnvPart & { NODE_ENV: string; HOST: string; REDIS_KEY_PREFIX: string }): DynamicModule {
    const settings = gatewaySettingsFrom(env);
    return {
      module: GatewayModule,
      controllers: [GatewayAdminController],
      providers: [
        { provide: GATEWAY_SETTINGS, useValue: settings },
        { provide: CONFINEMENT, inject: [GATEWAY_SETTINGS], useFactory: (s: GatewaySettings) => sandboxFor(s) },
        { provide: Workspaces, inject: [GATEWAY_SETTINGS], useFactory: (s: GatewaySettings) => new Workspaces(s.workspaceRoot) },
        UserUidsRepository,
        GatewayMetrics,
        SshKeyReader,
        PrincipalLocksRepository,
        CommandAuditRepository,
        ApprovalsRepository,
        ApprovalNotifier,
        ApprovalsService,
        SessionRegistry,
        SessionRecordsRepository,
        TranscriptStore,
        CommandExecutor,
        SessionsService,
        SshServerService,
        GatewayAdminService,
      ],
      exports: [SshServerService, SessionsService, ApprovalsService],
    };
  }
}
