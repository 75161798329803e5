import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SshKeysController } from './ssh-keys.controller';
import { SshKeysRepository } from './ssh-keys.repository';
import { SshKeysService } from './ssh-keys.service';

/** SSH public keys for the gateway (ssh_keys, owned by the api). */
@Module({
  imports: [AuditModule],
  controllers: [SshKeysController],
  providers: [SshKeysRepository, SshKeysService],
})
export class SshKeysModule {}
