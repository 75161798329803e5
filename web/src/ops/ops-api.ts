/**
 * The ops console's calls, each one typed through the generated client
 * against the OpenAPI document (admin routes: the api answers 403 to anyone
 * else, whatever this page shows).
 */
import type { Api } from '../api/api';
import { unwrap } from '../api/client';
import type { ResponseOf } from '../api/types';

export type OpsHealth = ResponseOf<'/api/v1/ops/health', 'get'>;
export type OpsServiceHealth = OpsHealth['services'][number];
export type OpsMetrics = ResponseOf<'/api/v1/ops/metrics', 'get'>;
export type DeadLetterPage = ResponseOf<'/api/v1/ops/generation/failed', 'get'>;
export type DeadLetter = DeadLetterPage['items'][number];
export type RecentJobPage = ResponseOf<'/api/v1/ops/generation/jobs', 'get'>;
export type RecentJob = RecentJobPage['items'][number];
export type RecentJobState = RecentJob['state'];
export type GatewaySession = ResponseOf<'/api/v1/gateway/sessions', 'get'>['items'][number];
export type Approval = ResponseOf<'/api/v1/gateway/approvals/{id}', 'get'>;
export type AuditPage = ResponseOf<'/api/v1/ops/audit', 'get'>;
export type AuditEntry = AuditPage['items'][number];

export interface AuditFilters {
  action?: string;
  actor?: string;
  q?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export function opsApi(api: Api) {
  const c = api.client;
  return {
    health: () => unwrap(c.GET('/api/v1/ops/health')),
    metrics: (days: number) => unwrap(c.GET('/api/v1/ops/metrics', { params: { query: { days } } })),
    deadLetters: (page = 1, pageSize = 10) => unwrap(c.GET('/api/v1/ops/generation/failed', { params: { query: { page, pageSize } } })),
    recentJobs: (status: RecentJobState | undefined, page = 1, pageSize = 10) => unwrap(c.GET('/api/v1/ops/generation/jobs', { params: { query: { status, page, pageSize } } })),
    retryJob: (jobId: string) => unwrap(c.POST('/api/v1/ops/generation/failed/{jobId}/retry', { params: { path: { jobId } } })),
    sessions: () => unwrap(c.GET('/api/v1/gateway/sessions')).then((r) => r.items),
    endSession: (id: string) => unwrap(c.DELETE('/api/v1/gateway/sessions/{id}', { params: { path: { id } } })),
    approvals: (status?: Approval['status']) => unwrap(c.GET('/api/v1/gateway/approvals', { params: { query: { status, limit: 50 } } })).then((r) => r.items),
    approval: (id: string) => unwrap(c.GET('/api/v1/gateway/approvals/{id}', { params: { path: { id } } })),
    approve: (id: string, reason?: string) => unwrap(c.POST('/api/v1/gateway/approvals/{id}/approve', { params: { path: { id } }, body: reason ? { reason } : {} })),
    deny: (id: string, reason?: string) => unwrap(c.POST('/api/v1/gateway/approvals/{id}/deny', { params: { path: { id } }, body: reason ? { reason } : {} })),
    audit: (filters: AuditFilters) => {
      const query = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== '')) as AuditFilters;
      return unwrap(c.GET('/api/v1/ops/audit', { params: { query } }));
    },
  };
}
export type OpsApi = ReturnType<typeof opsApi>;
