import { Module } from '@nestjs/common';
import { AuditRepository } from './audit.repository';

/** The audit log (audit_events), owned by the api service. */
@Module({ providers: [AuditRepository], exports: [AuditRepository] })
export class AuditModule {}
