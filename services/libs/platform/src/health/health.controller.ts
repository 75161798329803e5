import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { type HealthReport, healthReportSchema } from '@dawg/contracts';
import { ApiDoc } from '../http/api-doc.decorator';
import { Public } from '../http/public.decorator';
import { SkipRateLimit } from '../http/rate-limit';
import { ServiceLifecycle } from '../lifecycle/lifecycle';
import { PLATFORM_ENV, SERVICE_INFO, type ServiceInfo } from '../tokens';
import type { PlatformEnv } from '../config/platform-env';
import { ReadinessRegistry } from './readiness';

// Probes come from kubelets and load balancers, which hold no credentials.
@Public()
@SkipRateLimit()
@Controller()
export class HealthController {
  constructor(
    @Inject(SERVICE_INFO) private readonly service: ServiceInfo,
    @Inject(PLATFORM_ENV) private readonly env: PlatformEnv,
    private readonly readiness: ReadinessRegistry,
    private readonly lifecycle: ServiceLifecycle,
  ) {}

  /** Liveness: the process serves HTTP. Touches no dependency, so a database outage never restarts pods. */
  @Get('health')
  @ApiDoc({ summary: 'Liveness: the process serves HTTP', response: healthReportSchema })
  @HttpCode(200)
  health(): HealthReport {
    return this.report('ok', {});
  }

  /** Readiness: every dependency answers. 503 while one is down or while draining. */
  @Get('ready')
  @ApiDoc({ summary: 'Readiness: every dependency answers (503 while one is down or while draining)', response: healthReportSchema, errors: ['SERVICE_UNAVAILABLE'] })
  async ready(@Res({ passthrough: true }) res: FastifyReply): Promise<HealthReport> {
    const checks = await this.readiness.runAll(this.env.READY_CHECK_TIMEOUT_MS);
    const allUp = Object.values(checks).every((c) => c.status === 'up');
    const status = this.lifecycle.draining ? 'draining' : allUp ? 'ok' : 'degraded';
    res.status(status === 'ok' ? 200 : 503);
    res.header('cache-control', 'no-store');
    return this.report(status, checks);
  }

  private report(status: HealthReport['status'], checks: HealthReport['checks']): HealthReport {
    return {
      status,
      service: this.service.name,
      version: this.service.version,
      uptime: Math.round((Date.now() - this.service.startedAt) / 10) / 100,
      checks,
    };
  }
}
