export * from './gateway.module';
export * from './definition';
export * from './gateway-env';
export { SshServerService } from './ssh/ssh-server.service';
export { SessionsService } from './sessions/sessions.service';
export { ApprovalsService, argvDigest } from './approvals/approvals.service';
export { ApprovalsRepository } from './approvals/approvals.repository';
