import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ExecuteAccessGuard } from './execute-access.guard';
import { ExecuteService } from './execute.service';
import { HealthHistoryRepository } from './health-history.repository';
import { HealthSampler } from './health-sampler';
import { ExecuteController, OpsController } from './ops.controller';
import { OpsHealthService } from './ops-health.service';
import { OpsMetricsRepository } from './ops-metrics.repository';
import { OpsMetricsService } from './ops-metrics.service';
import { OPS_SETTINGS, type OpsSettings } from './ops-settings';
import { ServiceClient } from './service-client';
import { ServiceDirectory } from './service-directory';

/** The operator control plane: /ops/health, /ops/metrics and /execute (admin only). */
@Module({})
export class OpsModule {
  static forRoot(settings: OpsSettings): DynamicModule {
    return {
      module: OpsModule,
      imports: [AuditModule],
      controllers: [OpsController, ExecuteController],
      providers: [
        { provide: OPS_SETTINGS, useValue: settings },
        ServiceDirectory,
        HealthHistoryRepository,
        OpsHealthService,
        HealthSampler,
        OpsMetricsRepository,
        OpsMetricsService,
        ServiceClient,
        ExecuteService,
        ExecuteAccessGuard,
      ],
    };
  }
}
