import { performance } from 'node:perf_hooks';
import type { DependencyCheck } from '@dawg/contracts';

export type ReadinessProbe = () => Promise<unknown>;

/**
 * Dependencies that must answer before the service takes traffic. Modules
 * register their own (the db module registers Postgres, and so on).
 */
export class ReadinessRegistry {
  private readonly probes = new Map<string, ReadinessProbe>();

  register(name: string, probe: ReadinessProbe): void {
    if (this.probes.has(name)) throw new Error(`readiness check "${name}" is registered twice`);
    this.probes.set(name, probe);
  }

  /** Runs every probe in parallel, each bounded by `timeoutMs`. */
  async runAll(timeoutMs: number): Promise<Record<string, DependencyCheck>> {
    const entries = await Promise.all(
      [...this.probes].map(async ([name, probe]) => [name, await runProbe(probe, timeoutMs)] as const),
    );
    return Object.fromEntries(entries);
  }
}

async function runProbe(probe: ReadinessProbe, timeoutMs: number): Promise<DependencyCheck> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([probe(), timeout]);
    return { status: 'up', latencyMs: elapsed(started) };
  } catch (err) {
    return { status: 'down', latencyMs: elapsed(started), error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}
