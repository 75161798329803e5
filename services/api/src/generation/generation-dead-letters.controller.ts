import { Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  type GenerationDeadLetterPage,
  generationDeadLetterPageSchema,
  type GenerationDeadLettersQuery,
  generationDeadLettersQuerySchema,
  generationJobParamsSchema,
  generationStatusSchema,
  type GenerationStatus,
} from '@dawg/contracts';
import { CurrentUser, type Principal, Roles, Scopes } from '@dawg/auth';
import { ApiDoc, ZodValidationPipe } from '@dawg/platform';
import { AuditRepository, auditContext } from '../audit/audit.repository';
import { GenerationJobsService } from './generation.service';

/** The generation queue's dead letters, for operators: what failed for good, and a retry once the cause is fixed. */
@Roles('admin')
@Controller('ops/generation/failed')
export class GenerationDeadLettersController {
  constructor(
    private readonly generation: GenerationJobsService,
    private readonly audit: AuditRepository,
  ) {}

  @Get()
  @Scopes('ops:read')
  @ApiDoc({
    summary: 'Generation jobs that failed for good, newest first, with their last error (admin)',
    response: generationDeadLetterPageSchema,
    errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'SERVICE_UNAVAILABLE'],
  })
  list(@Query(new ZodValidationPipe(generationDeadLettersQuerySchema)) query: GenerationDeadLettersQuery): Promise<GenerationDeadLetterPage> {
    return this.generation.deadLetters(query);
  }

  @Post(':jobId/retry')
  @HttpCode(202)
  @Scopes('ops:execute')
  @ApiDoc({
    summary: 'Queue a failed generation job again with fresh attempts (admin; audited; the owner is not charged again)',
    status: 202,
    response: generationStatusSchema,
    errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'SERVICE_UNAVAILABLE'],
  })
  async retry(@CurrentUser() user: Principal, @Param(new ZodValidationPipe(generationJobParamsSchema)) params: { jobId: string }, @Req() req: FastifyRequest): Promise<GenerationStatus> {
    const status = await this.generation.retryDeadLetter(params.jobId);
    await this.audit.record({ action: 'generation.retry', actorId: user.id, ...auditContext(req), details: { jobId: params.jobId, kind: status.kind } });
    return status;
  }
}
