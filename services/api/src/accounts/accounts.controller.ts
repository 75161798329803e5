import { Body, Controller, Get, HttpCode, Post, Put, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  type LoginRequest,
  loginRequestSchema,
  type RefreshRequest,
  refreshRequestSchema,
  type RegisterRequest,
  registerRequestSchema,
  type SessionResponse,
  type TokenPair,
  type UpdateMeRequest,
  updateMeRequestSchema,
  type User,
} from '@dawg/contracts';
import { CurrentUser, type Principal, Public } from '@dawg/auth';
import { RateLimit, ZodValidationPipe } from '@dawg/platform';
import { AccountsService, type ClientInfo } from './accounts.service';

const clientOf = (req: FastifyRequest): ClientInfo => ({ userAgent: req.headers['user-agent'] ?? null, ip: req.ip ?? null, requestId: String(req.id) });

// Signing up and signing in cannot require a session; refresh and logout carry their own credential.
@Public()
@RateLimit('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly accounts: AccountsService) {}

  @Post('register')
  register(@Body(new ZodValidationPipe(registerRequestSchema)) body: RegisterRequest, @Req() req: FastifyRequest): Promise<SessionResponse> {
    return this.accounts.register(body, clientOf(req));
  }

  @Post('login')
  @HttpCode(200)
  login(@Body(new ZodValidationPipe(loginRequestSchema)) body: LoginRequest, @Req() req: FastifyRequest): Promise<SessionResponse> {
    return this.accounts.login(body, clientOf(req));
  }

  @Post('refresh')
  @HttpCode(200)
  refresh(@Body(new ZodValidationPipe(refreshRequestSchema)) body: RefreshRequest, @Req() req: FastifyRequest): Promise<TokenPair> {
    return this.accounts.refresh(body.refreshToken, clientOf(req));
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@Body(new ZodValidationPipe(refreshRequestSchema)) body: RefreshRequest, @Req() req: FastifyRequest): Promise<void> {
    await this.accounts.logout(body.refreshToken, clientOf(req));
  }
}

@Controller('me')
export class MeController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  me(@CurrentUser() principal: Principal): Promise<User> {
    return this.accounts.me(principal.id);
  }

  @Put()
  update(@CurrentUser() principal: Principal, @Body(new ZodValidationPipe(updateMeRequestSchema)) body: UpdateMeRequest): Promise<User> {
    return this.accounts.updateMe(principal.id, body);
  }
}
