import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Post, Query, Req, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  type AuditLogPage,
  auditLogPageSchema,
  type AuditLogQuery,
  auditLogQuerySchema,
  type ExecuteRequest,
  executeRequestSchema,
  type ExecuteResponse,
  executeResponseSchema,
  opsHealthResponseSchema,
  type OpsHealthResponse,
  type OpsMetricsQuery,
  opsMetricsQuerySchema,
  type OpsMetricsResponse,
  opsMetricsResponseSchema,
} from '@dawg/contracts';
import { CurrentUser, type Principal, Roles, Scopes } from '@dawg/auth';
import { ApiDoc, ZodValidationPipe } from '@dawg/platform';
import { AuditLogService } from '../audit/audit-log.service';
import { EXECUTE_SCOPE, ExecuteAccessGuard } from './execute-access.guard';
import { ExecuteService } from './execute.service';
import { OpsHealthService } from './ops-health.service';
import { OpsMetricsService } from './ops-metrics.service';

const IDEMPOTENCY_KEY = /^[\w.:-]{8,128}$/;

const header = (req: FastifyRequest, name: string): string | undefined => {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
};

@Roles('admin')
@Scopes('ops:read')
@Controller('ops')
export class OpsController {
  constructor(
    private readonly health: OpsHealthService,
    private readonly metrics: OpsMetricsService,
    private readonly auditLog: AuditLogService,
  ) {}

  @Get('health')
  @ApiDoc({ summary: 'Health of every service, with latency and 24 h uptime (admin); a service that is down is reported, not an error', response: opsHealthResponseSchema, errors: ['FORBIDDEN'] })
  healthReport(): Promise<OpsHealthResponse> {
    return this.health.report();
  }

  @Get('metrics')
  @ApiDoc({ summary: 'Users, projects, generation jobs and AI cost (admin); parts whose service is down are listed in `missing`', response: opsMetricsResponseSchema, errors: ['VALIDATION_FAILED', 'FORBIDDEN'] })
  platformMetrics(@Query(new ZodValidationPipe(opsMetricsQuerySchema)) query: OpsMetricsQuery, @Req() req: FastifyRequest): Promise<OpsMetricsResponse> {
    const authorization = header(req, 'authorization');
    return this.metrics.metrics(query.days, { 'x-request-id': String(req.id), ...(authorization ? { authorization } : {}) });
  }

  @Get('audit')
  @ApiDoc({
    summary: 'Search the audit log, newest first: by action (exact, or a prefix such as auth.*), actor (id or email), text in the target and details, and time (admin)',
    response: auditLogPageSchema,
    errors: ['VALIDATION_FAILED', 'FORBIDDEN'],
  })
  audit(@Query(new ZodValidationPipe(auditLogQuerySchema)) query: AuditLogQuery): Promise<AuditLogPage> {
    return this.auditLog.search(query);
  }
}

@Controller('execute')
export class ExecuteController {
  constructor(private readonly executor: ExecuteService) {}

  @Post()
  @HttpCode(200)
  @Scopes(EXECUTE_SCOPE)
  @UseGuards(ExecuteAccessGuard)
  @ApiDoc({
    summary: 'Run an ops action on the service that owns it (admins, or API keys with ops:execute); GET actions are retried, and each target has a circuit breaker',
    response: executeResponseSchema,
    errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'NOT_FOUND', 'SERVICE_UNAVAILABLE'],
  })
  execute(@Body(new ZodValidationPipe(executeRequestSchema)) body: ExecuteRequest, @CurrentUser() principal: Principal, @Req() req: FastifyRequest): Promise<ExecuteResponse> {
    const key = header(req, 'idempotency-key');
    return this.executor.execute(body, {
      principal,
      authorization: header(req, 'authorization'),
      apiKey: header(req, 'x-api-key'),
      requestId: String(req.id),
      ip: req.ip ?? null,
      idempotencyKey: key && IDEMPOTENCY_KEY.test(key) ? key : randomUUID(),
    });
  }
}
