import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  type ApprovalListQuery,
  approvalListQuerySchema,
  approvalListSchema,
  approvalSchema,
  type DecideApprovalRequest,
  decideApprovalRequestSchema,
  type GatewayCommandListQuery,
  gatewayCommandListQuerySchema,
  gatewayCommandListSchema,
  gatewaySessionListSchema,
  gatewaySessionParamsSchema,
  gatewayUserParamsSchema,
  idParamsSchema,
  type LockPrincipalRequest,
  lockPrincipalRequestSchema,
  lockPrincipalResponseSchema,
  principalLockListSchema,
  transcriptLinkSchema,
} from '@dawg/contracts';
import { CurrentUser, type Principal, Roles, Scopes } from '@dawg/auth';
import { ApiDoc, ZodValidationPipe } from '@dawg/platform';
import { type AdminContext, GatewayAdminService } from './gateway-admin.service';

const context = (principal: Principal, req: FastifyRequest): AdminContext => ({ actorId: principal.id, requestId: String(req.id), ip: req.ip ?? null });

/** The gateway's operators' REST: sessions, locks, approvals and the command audit. Admins only. */
@Roles('admin')
@Controller('gateway')
export class GatewayAdminController {
  constructor(private readonly admin: GatewayAdminService) {}

  @Get('sessions')
  @Scopes('ops:read')
  @ApiDoc({ summary: 'Live SSH sessions on every gateway replica (admin)', response: gatewaySessionListSchema, errors: ['FORBIDDEN'] })
  async sessions() {
    return { items: await this.admin.listSessions() };
  }

  @Delete('sessions/:id')
  @HttpCode(204)
  @Scopes('ops:execute')
  @ApiDoc({ summary: 'End a live SSH session, and every process it started, on whichever replica holds it (admin)', response: null, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'NOT_FOUND'] })
  async kill(@Param(new ZodValidationPipe(gatewaySessionParamsSchema)) params: { id: string }, @CurrentUser() principal: Principal, @Req() req: FastifyRequest): Promise<void> {
    await this.admin.killSession(params.id, context(principal, req));
  }

  @Get('sessions/:id/transcript')
  @Scopes('ops:read')
  @ApiDoc({ summary: "A presigned link to a finished session's asciicast v2 transcript (admin)", response: transcriptLinkSchema, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'NOT_FOUND'] })
  transcript(@Param(new ZodValidationPipe(gatewaySessionParamsSchema)) params: { id: string }) {
    return this.admin.transcript(params.id);
  }

  @Get('locks')
  @Scopes('ops:read')
  @ApiDoc({ summary: 'Users locked out of the gateway (admin)', response: principalLockListSchema, errors: ['FORBIDDEN'] })
  async locks() {
    return { items: await this.admin.listLocks() };
  }

  @Put('locks/:userId')
  @Scopes('ops:execute')
  @ApiDoc({ summary: 'Lock a user (and their agents) out of the gateway: no new session, and live ones end within seconds (admin)', response: lockPrincipalResponseSchema, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'NOT_FOUND'] })
  lock(
    @Param(new ZodValidationPipe(gatewayUserParamsSchema)) params: { userId: string },
    @Body(new ZodValidationPipe(lockPrincipalRequestSchema)) body: LockPrincipalRequest,
    @CurrentUser() principal: Principal,
    @Req() req: FastifyRequest,
  ) {
    return this.admin.lock(params.userId, body.reason ?? null, context(principal, req));
  }

  @Delete('locks/:userId')
  @HttpCode(204)
  @Scopes('ops:execute')
  @ApiDoc({ summary: 'Unlock a user (admin)', response: null, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'NOT_FOUND'] })
  async unlock(@Param(new ZodValidationPipe(gatewayUserParamsSchema)) params: { userId: string }, @CurrentUser() principal: Principal, @Req() req: FastifyRequest): Promise<void> {
    await this.admin.unlock(params.userId, context(principal, req));
  }

  @Get('approvals')
  @Scopes('ops:read')
  @ApiDoc({ summary: 'Approval requests for privileged commands, newest first (admin)', response: approvalListSchema, errors: ['VALIDATION_FAILED', 'FORBIDDEN'] })
  async approvals(@Query(new ZodValidationPipe(approvalListQuerySchema)) query: ApprovalListQuery) {
    return { items: await this.admin.listApprovals(query) };
  }

  @Get('approvals/:id')
  @Scopes('ops:read')
  @ApiDoc({ summary: 'One approval request (admin)', response: approvalSchema, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'NOT_FOUND'] })
  approval(@Param(new ZodValidationPipe(idParamsSchema)) params: { id: string }) {
    return this.admin.getApproval(params.id);
  }

  @Post('approvals/:id/approve')
  @HttpCode(200)
  @Scopes('ops:execute')
  @ApiDoc({
    summary: 'Approve a pending privileged command: it runs once, in the session and with the argv it was requested for; never your own (admin)',
    response: approvalSchema,
    errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  })
  approve(@Param(new ZodValidationPipe(idParamsSchema)) params: { id: string }, @Body(new ZodValidationPipe(decideApprovalRequestSchema)) body: DecideApprovalRequest, @CurrentUser() principal: Principal, @Req() req: FastifyRequest) {
    return this.admin.decide(params.id, 'approved', body.reason ?? null, context(principal, req));
  }

  @Post('approvals/:id/deny')
  @HttpCode(200)
  @Scopes('ops:execute')
  @ApiDoc({ summary: 'Deny a pending privileged command; the client is told (admin)', response: approvalSchema, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'] })
  deny(@Param(new ZodValidationPipe(idParamsSchema)) params: { id: string }, @Body(new ZodValidationPipe(decideApprovalRequestSchema)) body: DecideApprovalRequest, @CurrentUser() principal: Principal, @Req() req: FastifyRequest) {
    return this.admin.decide(params.id, 'denied', body.reason ?? null, context(principal, req));
  }

  @Get('commands')
  @Scopes('ops:read')
  @ApiDoc({ summary: 'The command audit: every line sent over SSH with its decision, rule and result, newest first (admin)', response: gatewayCommandListSchema, errors: ['VALIDATION_FAILED', 'FORBIDDEN'] })
  async commands(@Query(new ZodValidationPipe(gatewayCommandListQuerySchema)) query: GatewayCommandListQuery) {
    return { items: await this.admin.listCommands(query) };
  }
}
