import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { REDIS_CLIENT, ROOT_LOGGER } from '@dawg/platform';
import { RealtimeEmitter } from '@dawg/realtime';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../gateway-env';
import { SshKeyReader } from '../keys/ssh-key.reader';

/**
 * Tells every admin that a command awaits approval: a `notification` event
 * to each admin's `user:<id>` room through the api's Socket.IO (the Redis
 * emitter reaches whichever api replica holds their sockets).
 */
@Injectable()
export class ApprovalNotifier {
  private readonly emitter: RealtimeEmitter;

  constructor(
    @Inject(REDIS_CLIENT) redis: Redis,
    @Inject(GATEWAY_SETTINGS) settings: GatewaySettings,
    private readonly keys: SshKeyReader,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {
    this.emitter = new RealtimeEmitter(redis, settings.redisKeyPrefix);
  }

  async requested(approval: { id: string; requesterId: string; agent: string | null; line: string; expiresAt: Date }): Promise<void> {
    try {
      const admins = (await this.keys.adminIds()).filter((id) => id !== approval.requesterId);
      const who = approval.agent ? `agent ${approval.agent} of user ${approval.requesterId}` : `user ${approval.requesterId}`;
      for (const admin of admins) {
        this.emitter.toUser(admin).emit('notification', {
          id: approval.id,
          level: 'warning',
          title: 'An SSH command awaits approval',
          body: `${who} wants to run: ${approval.line.slice(0, 500)} (until ${approval.expiresAt.toISOString()})`,
          link: `/api/v1/gateway/approvals/${approval.id}`,
          at: new Date().toISOString(),
        });
      }
    } catch (err) {
      // The REST list still shows it; a missed notification must not fail the request.
      this.logger.warn({ err, approvalId: approval.id }, 'could not notify admins of an approval request');
    }
  }
}
