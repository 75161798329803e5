import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthController, MeController } from './accounts.controller';
import { AccountsRepository } from './accounts.repository';
import { ACCOUNTS_SETTINGS, AccountsService, type AccountsSettings } from './accounts.service';

/** Accounts of musicians and operators: the api service owns the users and refresh_sessions tables. */
@Module({})
export class AccountsModule {
  static forRoot(settings: AccountsSettings): DynamicModule {
    return {
      module: AccountsModule,
      imports: [AuditModule],
      controllers: [AuthController, MeController],
      providers: [AccountsRepository, AccountsService, { provide: ACCOUNTS_SETTINGS, useValue: settings }],
    };
  }
}
