import { Global, Module } from '@nestjs/common';
import { API_KEY_VERIFIER } from '@dawg/auth';
import { AuditModule } from '../audit/audit.module';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';

/** API keys. Global so the auth guard (in AuthModule) can resolve the verifier. */
@Global()
@Module({
  imports: [AuditModule],
  controllers: [ApiKeysController],
  providers: [ApiKeysRepository, ApiKeysService, { provide: API_KEY_VERIFIER, useExisting: ApiKeysService }],
  exports: [API_KEY_VERIFIER],
})
export class ApiKeysModule {}
