import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ServiceLifecycle } from '@dawg/platform';
import { HealthHistoryRepository } from './health-history.repository';
import { OpsHealthService } from './ops-health.service';
import { OPS_SETTINGS, type OpsSettings } from './ops-settings';

/**
 * Samples every service's health each OPS_HEALTH_SAMPLE_SECONDS for the 24 h
 * uptime. Every replica ticks, but only the one that claims the interval's
 * slot in Redis samples it. Stops before Redis closes on shutdown.
 */
@Injectable()
export class HealthSampler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(HealthSampler.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<boolean> | undefined;

  constructor(
    private readonly health: OpsHealthService,
    private readonly history: HealthHistoryRepository,
    private readonly lifecycle: ServiceLifecycle,
    @Inject(OPS_SETTINGS) private readonly settings: OpsSettings,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.settings.sampleIntervalMs;
    if (interval <= 0) return;
    this.timer = setInterval(() => {
      // A slow round must not overlap the next one.
      this.running ??= this.sample().finally(() => (this.running = undefined));
    }, interval);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One round: claim this interval's slot, and if won, record a sample per service. */
  async sample(now = Date.now()): Promise<boolean> {
    if (this.lifecycle.draining) return false;
    const interval = this.settings.sampleIntervalMs;
    try {
      if (!(await this.history.claimSampleSlot(Math.floor(now / interval), interval * 2))) return false;
      const checks = await this.health.checkAll();
      await Promise.all(checks.map((c) => this.history.record(c.name, c.status, now)));
      return true;
    } catch (err) {
      // Redis down: this interval goes unsampled; /ready already reports Redis.
      this.logger.warn(`health sample skipped: ${(err as Error).message}`);
      return false;
    }
  }
}
