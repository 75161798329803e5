import { z } from 'zod';
import { listProjectsQuerySchema, type OpsServiceName } from '@dawg/contracts';
import type { HttpMethod } from './service-client';

/** One operation `POST /execute` can run: which service owns it, how to call it, and what params it takes. */
export interface OpsAction {
  target: OpsServiceName;
  method: HttpMethod;
  path: string;
  params: z.ZodType<Record<string, unknown>>;
  /** Params sent as the query string (GET) or as the JSON body (others). */
  summary: string;
}

const noParams = z.strictObject({});
const daysParams = z.strictObject({ days: z.number().int().min(1, 'must be between 1 and 90').max(90, 'must be between 1 and 90').optional() });

/** `module.action` → the owning service's route. Only routes that exist belong here. */
export const OPS_ACTIONS: Record<string, Record<string, OpsAction>> = {
  ops: {
    health: { target: 'api', method: 'GET', path: '/api/v1/ops/health', params: noParams, summary: 'Health of every service' },
    metrics: { target: 'api', method: 'GET', path: '/api/v1/ops/metrics', params: daysParams, summary: 'Platform metrics' },
  },
  generation: {
    stats: { target: 'generation', method: 'GET', path: '/api/v1/generation/stats', params: noParams, summary: 'Generation jobs by status' },
  },
  ai: {
    usage: { target: 'ai-brain', method: 'GET', path: '/api/v1/ai/usage/stats', params: daysParams, summary: 'LLM cost by provider per day' },
  },
  projects: {
    list: { target: 'api', method: 'GET', path: '/api/v1/projects', params: listProjectsQuerySchema, summary: "The caller's projects" },
  },
};

export function findAction(module: string, action: string): OpsAction | undefined {
  return Object.hasOwn(OPS_ACTIONS, module) && Object.hasOwn(OPS_ACTIONS[module]!, action) ? OPS_ACTIONS[module]![action] : undefined;
}

/** GET params become query strings; null and undefined are left out. */
export function toQuery(params: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => [k, String(v)]));
}
