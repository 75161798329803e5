import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PLATFORM_ENV, type PlatformEnv, ReadinessRegistry, SERVICE_INFO, type ServiceInfo } from '@dawg/platform';
import { dataSourceOptions } from './data-source';

/** The TypeORM data source for one deployable, with Postgres in /ready. */
@Module({})
export class DbModule {
  static forRoot(): DynamicModule {
    return {
      module: DbModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [PLATFORM_ENV, SERVICE_INFO],
          useFactory: (env: PlatformEnv, service: ServiceInfo) => ({
            ...dataSourceOptions({ url: env.DATABASE_URL, applicationName: `dawg-${service.name}` }),
            retryAttempts: 5,
            retryDelay: 2_000,
          }),
        }),
      ],
      providers: [
        {
          provide: 'DB_READINESS',
          inject: [DataSource, ReadinessRegistry],
          useFactory: (dataSource: DataSource, readiness: ReadinessRegistry) => {
            readiness.register('postgres', () => dataSource.query('SELECT 1'));
            return true;
          },
        },
      ],
      exports: [TypeOrmModule],
    };
  }
}
