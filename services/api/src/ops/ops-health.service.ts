import { performance } from 'node:perf_hooks';
import { Inject, Injectable } from '@nestjs/common';
import { healthReportSchema, type OpsHealthResponse, type OpsServiceHealth, type OpsServiceName } from '@dawg/contracts';
import { ReadinessRegistry, ServiceLifecycle } from '@dawg/platform';
import { HealthHistoryRepository } from './health-history.repository';
import { OPS_SETTINGS, type OpsSettings } from './ops-settings';
import { ServiceDirectory } from './service-directory';

/** A check before history is added. */
export type ServiceCheck = Omit<OpsServiceHealth, 'uptime24h' | 'samples24h'>;

/** Health of every service: the api's own readiness, and each other service's /ready, in parallel. */
@Injectable()
export class OpsHealthService {
  constructor(
    private readonly directory: ServiceDirectory,
    private readonly readiness: ReadinessRegistry,
    private readonly lifecycle: ServiceLifecycle,
    private readonly history: HealthHistoryRepository,
    @Inject(OPS_SETTINGS) private readonly settings: OpsSettings,
  ) {}

  async report(now = Date.now()): Promise<OpsHealthResponse> {
    const checks = await this.checkAll();
    const services = await Promise.all(checks.map(async (c) => ({ ...c, ...(await this.history.uptime(c.name, now)) })));
    const up = services.filter((s) => s.status === 'up').length;
    return {
      status: up === services.length ? 'up' : up === 0 && services.every((s) => s.status === 'down') ? 'down' : 'degraded',
      mode: this.directory.mode,
      checkedAt: new Date(now).toISOString(),
      services,
    };
  }

  /** Checks every service once; never throws: an unreachable service is `down`. */
  async checkAll(): Promise<ServiceCheck[]> {
    const local = this.checkSelf();
    const remote = this.directory.remoteServices().map(({ name, url }) => this.checkRemote(name, url));
    const own = await local;
    return [...this.directory.inProcessServices().map((name) => ({ ...own, name })), ...(await Promise.all(remote))];
  }

  private async checkSelf(): Promise<ServiceCheck> {
    const started = performance.now();
    const checks = await this.readiness.runAll(this.settings.healthTimeoutMs);
    const failing = Object.entries(checks).filter(([, c]) => c.status !== 'up');
    const status = this.lifecycle.draining || failing.length > 0 ? 'degraded' : 'up';
    return {
      name: 'api',
      status,
      latencyMs: elapsed(started),
      checks,
      ...(status === 'up' ? {} : { lastError: this.lifecycle.draining ? 'draining' : describeFailing(failing) }),
    };
  }

  private async checkRemote(name: OpsServiceName, url: string): Promise<ServiceCheck> {
    const started = performance.now();
    try {
      const res = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(this.settings.healthTimeoutMs), headers: { accept: 'application/json' } });
      const report = healthReportSchema.safeParse(await res.json().catch(() => undefined));
      const latencyMs = elapsed(started);
      if (!report.success) return { name, status: 'down', latencyMs, checks: {}, lastError: `/ready answered ${res.status} without a health report` };
      const { checks } = report.data;
      if (res.status === 200 && report.data.status === 'ok') return { name, status: 'up', latencyMs, checks };
      const failing = Object.entries(checks).filter(([, c]) => c.status !== 'up');
      return { name, status: 'degraded', latencyMs, checks, lastError: report.data.status === 'draining' ? 'draining' : describeFailing(failing) };
    } catch (err) {
      return { name, status: 'down', latencyMs: elapsed(started), checks: {}, lastError: describeNetworkError(err, this.settings.healthTimeoutMs) };
    }
  }
}

function describeFailing(failing: Array<[string, { error?: string }]>): string {
  return failing.map(([dep, c]) => `${dep}: ${c.error ?? 'down'}`).join('; ') || 'not ready';
}

export function describeNetworkError(err: unknown, timeoutMs: number): string {
  if (err instanceof DOMException && (err.name === 'TimeoutError' || err.name === 'AbortError')) return `no answer within ${timeoutMs} ms`;
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
