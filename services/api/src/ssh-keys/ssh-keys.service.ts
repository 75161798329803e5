import { Injectable } from '@nestjs/common';
import { ADMIN_ONLY_SSH_KEY_SCOPES, type CreateSshKeyRequest, type SshKey, type SshKeyScope } from '@dawg/contracts';
import type { Principal } from '@dawg/auth';
import type { SshKeyEntity } from '@dawg/db';
import { AppError } from '@dawg/platform';
import { type AuditContext, AuditRepository } from '../audit/audit.repository';
import { InvalidPublicKeyError, parseOpenSshPublicKey } from './openssh-public-key';
import { SshKeysRepository } from './ssh-keys.repository';

/**
 * SSH public keys for the gateway, registered per user or per AI agent
 * (the `agent` label), each with the gateway scopes it may use. Only the
 * public half ever reaches us; the gateway verifies signatures against it.
 */
@Injectable()
export class SshKeysService {
  constructor(
    private readonly keys: SshKeysRepository,
    private readonly audit: AuditRepository,
  ) {}

  async register(principal: Principal, request: CreateSshKeyRequest, context: AuditContext): Promise<SshKey> {
    // Like API keys: a key never holds more than the person who registers it.
    if (principal.scopes) throw AppError.forbidden('API keys cannot register SSH keys; sign in to register one.');
    const privileged = request.scopes.filter((s) => ADMIN_ONLY_SSH_KEY_SCOPES.includes(s));
    if (privileged.length && !principal.roles.includes('admin')) {
      throw new AppError('FORBIDDEN', `Only admins can grant ${privileged.join(', ')}.`, { scopes: privileged });
    }
    let parsed;
    try {
      parsed = parseOpenSshPublicKey(request.publicKey);
    } catch (err) {
      if (!(err instanceof InvalidPublicKeyError)) throw err;
      throw AppError.validation([{ path: 'publicKey', message: err.message }]);
    }
    const key = await this.keys.insert({
      userId: principal.id,
      name: request.name,
      agent: request.agent ?? null,
      algorithm: parsed.algorithm,
      publicKey: parsed.canonical,
      fingerprint: parsed.fingerprint,
      scopes: [...new Set<SshKeyScope>(request.scopes)],
      expiresAt: request.expiresInDays ? new Date(Date.now() + request.expiresInDays * 86_400_000) : null,
    });
    if (!key) throw new AppError('CONFLICT', 'This public key is already registered; revoke it there first, or use another key.', { fingerprint: parsed.fingerprint });
    await this.audit.record({ action: 'ssh_key.created', actorId: principal.id, ...context, details: { sshKeyId: key.id, fingerprint: key.fingerprint, scopes: key.scopes, agent: key.agent } });
    return toSshKey(key);
  }

  async list(userId: string): Promise<SshKey[]> {
    return (await this.keys.listForUser(userId)).map(toSshKey);
  }

  async revoke(principal: Principal, id: string, context: AuditContext): Promise<void> {
    if (!(await this.keys.revoke(principal.id, id))) throw AppError.notFound('The SSH key');
    await this.audit.record({ action: 'ssh_key.revoked', actorId: principal.id, ...context, details: { sshKeyId: id } });
  }
}

function toSshKey(key: SshKeyEntity): SshKey {
  return {
    id: key.id,
    name: key.name,
    agent: key.agent,
    algorithm: key.algorithm,
    fingerprint: key.fingerprint,
    publicKey: key.publicKey,
    scopes: key.scopes,
    createdAt: key.createdAt.toISOString(),
    expiresAt: key.expiresAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}
