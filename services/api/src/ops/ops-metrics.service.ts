import { Injectable } from '@nestjs/common';
import { aiUsageStatsSchema, generationStatsSchema, type OpsMetricsResponse, type OpsServiceName } from '@dawg/contracts';
import type { z } from 'zod';
import { OpsMetricsRepository } from './ops-metrics.repository';
import { ServiceClient } from './service-client';

type Missing = OpsMetricsResponse['missing'][number];

/**
 * Platform metrics for operators. Users and projects are the api's own
 * tables; generation jobs and AI cost belong to their services and are read
 * through their stats endpoints, so a service that is down costs only its part.
 */
@Injectable()
export class OpsMetricsService {
  constructor(
    private readonly repository: OpsMetricsRepository,
    private readonly client: ServiceClient,
  ) {}

  async metrics(days: number, headers: Record<string, string>): Promise<OpsMetricsResponse> {
    const missing: Missing[] = [];
    const [users, projects, daily, generationJobs, aiCost] = await Promise.all([
      this.repository.userCounts(),
      this.repository.projectCount(),
      this.repository.daily(days),
      this.fetchPart('generationJobs', 'generation', '/api/v1/generation/stats', {}, generationStatsSchema, headers, missing),
      this.fetchPart('aiCost', 'ai-brain', '/api/v1/ai/usage/stats', { days: String(days) }, aiUsageStatsSchema, headers, missing),
    ]);
    return { generatedAt: new Date().toISOString(), users, projects: { total: projects }, daily, generationJobs, aiCost, missing };
  }

  private async fetchPart<T extends z.ZodType>(
    part: string,
    service: OpsServiceName,
    path: string,
    query: Record<string, string>,
    schema: T,
    headers: Record<string, string>,
    missing: Missing[],
  ): Promise<z.infer<T> | null> {
    try {
      const answer = await this.client.call({ target: service, method: 'GET', path, query, headers });
      const parsed = schema.safeParse(answer.body);
      if (parsed.success) return parsed.data;
      missing.push({ part, service, error: `${service} answered in an unexpected shape` });
    } catch (err) {
      missing.push({ part, service, error: err instanceof Error ? err.message : String(err) });
    }
    return null;
  }
}
