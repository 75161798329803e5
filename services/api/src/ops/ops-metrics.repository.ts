import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface UserCounts {
  active24h: number;
  new24h: number;
  new7d: number;
  total: number;
}

/** Counts over the tables the api owns (users, refresh_sessions, audit_events, projects). */
@Injectable()
export class OpsMetricsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Active = a refresh session created (a sign-in or a token refresh, which a
   * signed-in browser does every access-token lifetime) or an audit event the
   * user caused, in the last 24 h. Failed sign-ins and refresh-token reuse are
   * left out: someone else can cause them.
   */
  async userCounts(): Promise<UserCounts> {
    const [row] = (await this.db.query(`
      SELECT
        (SELECT count(*)::int FROM users u WHERE EXISTS (
           SELECT 1 FROM refresh_sessions s WHERE s.user_id = u.id AND s.created_at > now() - interval '24 hours'
         ) OR EXISTS (
           SELECT 1 FROM audit_events a WHERE a.actor_id = u.id AND a.occurred_at > now() - interval '24 hours'
             AND a.action NOT IN ('auth.login.failed', 'auth.refresh.reused')
         )) AS "active24h",
        count(*) FILTER (WHERE created_at > now() - interval '24 hours')::int AS "new24h",
        count(*) FILTER (WHERE created_at > now() - interval '7 days')::int AS "new7d",
        count(*)::int AS "total"
      FROM users`)) as UserCounts[];
    return row!;
  }

  async projectCount(): Promise<number> {
    const [row] = (await this.db.query(`SELECT count(*)::int AS total FROM projects`)) as Array<{ total: number }>;
    return row!.total;
  }
}
