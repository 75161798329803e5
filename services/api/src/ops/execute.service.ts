import { Injectable, Optional } from '@nestjs/common';
import type { ExecuteRequest, ExecuteResponse } from '@dawg/contracts';
import { JwtSigner, type Principal } from '@dawg/auth';
import { AppError, toFieldIssues } from '@dawg/platform';
import { AuditRepository } from '../audit/audit.repository';
import { findAction, OPS_ACTIONS, toQuery } from './actions';
import { ServiceClient, toAppError } from './service-client';

export interface ExecuteContext {
  principal: Principal;
  /** The caller's Authorization header, forwarded to the target. */
  authorization: string | undefined;
  /** The caller's API key (x-api-key), forwarded only to the api itself, which alone can check it. */
  apiKey: string | undefined;
  requestId: string;
  ip: string | null;
  idempotencyKey: string;
}

// Long enough for one dispatch with its retries.
const DELEGATED_TOKEN_TTL_SECONDS = 60;

/** Runs a named action on the service that owns it, and audits every call. */
@Injectable()
export class ExecuteService {
  constructor(
    private readonly client: ServiceClient,
    private readonly audit: AuditRepository,
    @Optional() private readonly signer?: JwtSigner,
  ) {}

  async execute(request: ExecuteRequest, ctx: ExecuteContext): Promise<ExecuteResponse> {
    const base = { module: request.module, action: request.action };
    const action = findAction(request.module, request.action);
    if (!action) {
      await this.record(ctx, { ...base, outcome: 'unknown-action' });
      throw new AppError('NOT_FOUND', `There is no action ${request.module}.${request.action}.`, { known: knownActions() });
    }
    const params = action.params.safeParse(request.params);
    if (!params.success) {
      await this.record(ctx, { ...base, outcome: 'invalid-params' });
      throw new AppError('VALIDATION_FAILED', 'The params do not fit this action.', {
        issues: toFieldIssues(params.error).map((i) => ({ ...i, path: i.path ? `params.${i.path}` : 'params' })),
      });
    }

    try {
      const answer = await this.client.call({
        target: action.target,
        method: action.method,
        path: action.path,
        ...(action.method === 'GET' ? { query: toQuery(params.data) } : { body: params.data }),
        headers: this.forwardedHeaders(action.target, ctx),
        idempotencyKey: ctx.idempotencyKey,
      });
      await this.record(ctx, { ...base, outcome: 'succeeded', target: action.target, status: answer.status, attempts: answer.attempts });
      return { ...base, status: answer.status, attempts: answer.attempts, result: answer.body };
    } catch (err) {
      const error = err instanceof AppError ? err : toAppError(err, action.target, 0);
      await this.record(ctx, { ...base, outcome: 'failed', target: action.target, code: error.code, error: error.message, details: error.details });
      throw error;
    }
  }

  /**
   * The caller's credential and request id. A caller who came with an API key
   * gets a short-lived token of the same user, roles and scopes for services
   * other than the api, which cannot check keys.
   */
  private forwardedHeaders(target: string, ctx: ExecuteContext): Record<string, string> {
    const headers: Record<string, string> = { 'x-request-id': ctx.requestId };
    if (ctx.authorization) headers.authorization = ctx.authorization;
    else if (ctx.apiKey && target === 'api') headers['x-api-key'] = ctx.apiKey;
    else if (this.signer) {
      const { id, roles, scopes } = ctx.principal;
      headers.authorization = `Bearer ${this.signer.sign({ sub: id, roles, ...(scopes ? { scope: scopes } : {}) }, DELEGATED_TOKEN_TTL_SECONDS)}`;
    }
    return headers;
  }

  private record(ctx: ExecuteContext, details: Record<string, unknown>): Promise<void> {
    return this.audit.record({ action: 'ops.execute', actorId: ctx.principal.id, requestId: ctx.requestId, ip: ctx.ip, details });
  }
}

function knownActions(): string[] {
  return Object.entries(OPS_ACTIONS).flatMap(([module, actions]) => Object.keys(actions).map((a) => `${module}.${a}`));
}
