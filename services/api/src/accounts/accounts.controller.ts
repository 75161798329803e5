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
  sessionResponseSchema,
  tokenPairSchema,
  userSchema,
} from '@dawg/contracts';
import { CurrentUser, type Principal, Public } from '@dawg/auth';
import { ApiDoc, RateLimit, ZodValidationPipe } from '@dawg/platform';
import { AccountsService, type ClientInfo } from './accounts.service';

const clientOf = (req: FastifyRequest): ClientInfo => ({ userAgent: req.headers['user-agent'] ?? null, ip: req.ip ?? null, requestId: String(req.id) });

// Signing up and signing in cannot require a session; refresh and logout carry their own credential.
@Public()
@RateLimit('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly accounts: AccountsService) {}

  @Post('register')
  @ApiDoc({ summary: 'Create an account and sign in', response: sessionResponseSchema, errors: ['VALIDATION_FAILED', 'CONFLICT'] })
  register(@Body(new ZodValidationPipe(registerRequestSchema)) body: RegisterRequest, @Req() req: FastifyRequest): Promise<SessionResponse> {
    return this.accounts.register(body, clientOf(req));
  }

  @Post('login')
  @ApiDoc({ summary: 'Sign in with email and password', response: sessionResponseSchema, errors: ['VALIDATION_FAILED'] })
  @HttpCode(200)
  login(@Body(new ZodValidationPipe(loginRequestSchema)) body: LoginRequest, @Req() req: FastifyRequest): Promise<SessionResponse> {
    return this.accounts.login(body, clientOf(req));
  }

  @Post('refresh')
  @ApiDoc({ summary: 'Exchange a refresh token for a new pair (a reused token revokes the login)', response: tokenPairSchema, errors: ['VALIDATION_FAILED'] })
  @HttpCode(200)
  refresh(@Body(new ZodValidationPipe(refreshRequestSchema)) body: RefreshRequest, @Req() req: FastifyRequest): Promise<TokenPair> {
    return this.accounts.refresh(body.refreshToken, clientOf(req));
  }

  @Post('logout')
  @ApiDoc({ summary: 'End the login a refresh token belongs to', response: null, errors: ['VALIDATION_FAILED'] })
  @HttpCode(204)
  async logout(@Body(new ZodValidationPipe(refreshRequestSchema)) body: RefreshRequest, @Req() req: FastifyRequest): Promise<void> {
    await this.accounts.logout(body.refreshToken, clientOf(req));
  }
}

@Controller('me')
export class MeController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiDoc({ summary: 'The signed-in account', response: userSchema, errors: ['NOT_FOUND'] })
  me(@CurrentUser() principal: Principal): Promise<User> {
    return this.accounts.me(principal.id);
  }

  @Put()
  @ApiDoc({ summary: 'Change the display name (optimistic concurrency on version)', response: userSchema, errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'CONFLICT'] })
  update(@CurrentUser() principal: Principal, @Body(new ZodValidationPipe(updateMeRequestSchema)) body: UpdateMeRequest): Promise<User> {
    return this.accounts.updateMe(principal.id, body);
  }
}
