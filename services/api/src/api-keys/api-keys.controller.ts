import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { apiKeyListSchema, type CreateApiKeyRequest, createApiKeyRequestSchema, createdApiKeySchema, idParamsSchema } from '@dawg/contracts';
import { CurrentUser, type Principal } from '@dawg/auth';
import { ApiDoc, ZodValidationPipe } from '@dawg/platform';
import { auditContext } from '../audit/audit.repository';
import { ApiKeysService } from './api-keys.service';

@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiDoc({ summary: 'Create an API key (the secret is shown only in this answer)', response: createdApiKeySchema, errors: ['VALIDATION_FAILED', 'FORBIDDEN'] })
  create(@CurrentUser() principal: Principal, @Body(new ZodValidationPipe(createApiKeyRequestSchema)) body: CreateApiKeyRequest, @Req() req: FastifyRequest) {
    return this.keys.create(principal, body, auditContext(req));
  }

  @Get()
  @ApiDoc({ summary: 'List my API keys (never their secrets)', response: apiKeyListSchema })
  async list(@CurrentUser() principal: Principal) {
    return { items: await this.keys.list(principal.id) };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiDoc({ summary: 'Revoke an API key', response: null, errors: ['VALIDATION_FAILED', 'NOT_FOUND'] })
  async revoke(@CurrentUser() principal: Principal, @Param(new ZodValidationPipe(idParamsSchema)) params: { id: string }, @Req() req: FastifyRequest): Promise<void> {
    await this.keys.revoke(principal, params.id, auditContext(req));
  }
}
