import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { ADMIN_ONLY_SCOPES, type ApiKey, type ApiKeyScope, type CreateApiKeyRequest, type CreatedApiKey } from '@dawg/contracts';
import { type ApiKeyVerifier, type Principal, type Role, ROLES } from '@dawg/auth';
import type { ApiKeyEntity } from '@dawg/db';
import { AppError, ROOT_LOGGER } from '@dawg/platform';
import { type AuditContext, AuditRepository } from '../audit/audit.repository';
import { ApiKeysRepository } from './api-keys.repository';

const KEY_PATTERN = /^dawg_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{43})$/;

/**
 * API keys for machine clients: `dawg_<prefix>_<secret>`. 256 random bits,
 * so a plain SHA-256 is a safe stored form (no password stretching needed)
 * and lets a request find its key with one indexed lookup.
 */
@Injectable()
export class ApiKeysService implements ApiKeyVerifier {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly audit: AuditRepository,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async create(principal: Principal, request: CreateApiKeyRequest, context: AuditContext): Promise<CreatedApiKey> {
    // A key never holds more than its creator: scoped callers cannot mint keys, and ops scopes need an admin.
    if (principal.scopes) throw AppError.forbidden('API keys cannot create API keys; sign in to create one.');
    const privileged = request.scopes.filter((s) => ADMIN_ONLY_SCOPES.includes(s));
    if (privileged.length && !principal.roles.includes('admin')) {
      throw new AppError('FORBIDDEN', `Only admins can grant ${privileged.join(', ')}.`, { scopes: privileged });
    }
    const prefix = randomBytes(6).toString('base64url').replace(/[-_]/g, 'x').slice(0, 8);
    const secret = `dawg_${prefix}_${randomBytes(32).toString('base64url')}`;
    const key = await this.keys.insert({
      userId: principal.id,
      name: request.name,
      prefix,
      keyHash: hashKey(secret),
      scopes: [...new Set<ApiKeyScope>(request.scopes)],
      expiresAt: request.expiresInDays ? new Date(Date.now() + request.expiresInDays * 86_400_000) : null,
    });
    await this.audit.record({ action: 'api_key.created', actorId: principal.id, ...context, details: { apiKeyId: key.id, scopes: key.scopes } });
    return { apiKey: toApiKey(key), secret };
  }

  async list(userId: string): Promise<ApiKey[]> {
    return (await this.keys.listForUser(userId)).map(toApiKey);
  }

  async revoke(principal: Principal, id: string, context: AuditContext): Promise<void> {
    if (!(await this.keys.revoke(principal.id, id))) throw AppError.notFound('The API key');
    await this.audit.record({ action: 'api_key.revoked', actorId: principal.id, ...context, details: { apiKeyId: id } });
  }

  async verify(presented: string): Promise<Principal | undefined> {
    if (!KEY_PATTERN.test(presented)) return undefined;
    const found = await this.keys.findActiveByHash(hashKey(presented));
    if (!found) return undefined;
    this.keys.touch(found.key.id).catch((err: unknown) => this.logger.warn({ err, apiKeyId: found.key.id }, 'could not record API key use'));
    return {
      id: found.key.userId,
      roles: found.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
      scopes: found.key.scopes,
      apiKeyId: found.key.id,
    };
  }
}

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function toApiKey(key: ApiKeyEntity): ApiKey {
  return {
    id: key.id,
    name: key.name,
    prefix: `dawg_${key.prefix}`,
    scopes: key.scopes,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    expiresAt: key.expiresAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}
