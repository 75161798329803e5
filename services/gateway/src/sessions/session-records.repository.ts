import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { GatewayAdminActionEntity, GatewaySessionEntity } from '@dawg/db';

/** gateway_sessions (the durable record of each session) and gateway_admin_actions. */
@Injectable()
export class SessionRecordsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async start(session: Pick<GatewaySessionEntity, 'id' | 'userId' | 'sshKeyId' | 'agent' | 'username' | 'ip' | 'replica' | 'clientVersion' | 'startedAt' | 'expiresAt'>): Promise<void> {
    await this.db.getRepository(GatewaySessionEntity).insert({ ...session, endedAt: null, endReason: null, endedBy: null, transcriptKey: null });
  }

  async end(id: string, reason: string, endedBy: string | null): Promise<void> {
    await this.db.query(`UPDATE gateway_sessions SET ended_at = now(), end_reason = $2, ended_by = $3 WHERE id = $1 AND ended_at IS NULL`, [id, reason, endedBy]);
  }

  async setTranscript(id: string, key: string): Promise<void> {
    await this.db.query(`UPDATE gateway_sessions SET transcript_key = $2 WHERE id = $1`, [id, key]);
  }

  find(id: string): Promise<GatewaySessionEntity | null> {
    return this.db.getRepository(GatewaySessionEntity).findOneBy({ id });
  }

  async recordAdminAction(action: Pick<GatewayAdminActionEntity, 'actorId' | 'action' | 'target' | 'requestId' | 'ip' | 'details'>): Promise<void> {
    await this.db.query(`INSERT INTO gateway_admin_actions (actor_id, action, target, request_id, ip, details) VALUES ($1, $2, $3, $4, $5, $6::jsonb)`, [
      action.actorId,
      action.action,
      action.target,
      action.requestId,
      action.ip,
      JSON.stringify(action.details),
    ]);
  }
}
