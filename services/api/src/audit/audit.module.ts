import { Module } from '@nestjs/common';
import { AuditLogService } from './audit-log.service';
import { AuditRepository } from './audit.repository';

/** The audit log (audit_events), owned by the api service: writing it, and searching it for operators. */
@Module({ providers: [AuditRepository, AuditLogService], exports: [AuditRepository, AuditLogService] })
export class AuditModule {}
