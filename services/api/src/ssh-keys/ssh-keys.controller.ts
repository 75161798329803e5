import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { type CreateSshKeyRequest, createSshKeyRequestSchema, idParamsSchema, sshKeyListSchema, sshKeySchema } from '@dawg/contracts';
import { CurrentUser, type Principal } from '@dawg/auth';
import { ApiDoc, ZodValidationPipe } from '@dawg/platform';
import { auditContext } from '../audit/audit.repository';
import { SshKeysService } from './ssh-keys.service';

// No @Scopes: signed-in people manage their keys; API keys cannot.
@Controller('ssh-keys')
export class SshKeysController {
  constructor(private readonly keys: SshKeysService) {}

  @Post()
  @ApiDoc({
    summary: 'Register an SSH public key for the gateway, for yourself or one of your AI agents, with its gateway scopes',
    response: sshKeySchema,
    errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'CONFLICT'],
  })
  register(@CurrentUser() principal: Principal, @Body(new ZodValidationPipe(createSshKeyRequestSchema)) body: CreateSshKeyRequest, @Req() req: FastifyRequest) {
    return this.keys.register(principal, body, auditContext(req));
  }

  @Get()
  @ApiDoc({ summary: 'List my SSH keys', response: sshKeyListSchema })
  async list(@CurrentUser() principal: Principal) {
    return { items: await this.keys.list(principal.id) };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiDoc({ summary: 'Revoke an SSH key (its gateway sessions end within seconds)', response: null, errors: ['VALIDATION_FAILED', 'NOT_FOUND'] })
  async revoke(@CurrentUser() principal: Principal, @Param(new ZodValidationPipe(idParamsSchema)) params: { id: string }, @Req() req: FastifyRequest): Promise<void> {
    await this.keys.revoke(principal, params.id, auditContext(req));
  }
}
