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

  /** New users and projects per UTC day, the last `days` days (today included), every day present. */
  async daily(days: number): Promise<Array<{ day: string; newUsers: number; newProjects: number }>> {
    return (await this.db.query(
      `WITH span AS (
         SELECT generate_series((now() AT TIME ZONE 'UTC')::date - ($1::int - 1), (now() AT TIME ZONE 'UTC')::date, interval '1 day')::date AS day
       ),
       users_by_day AS (
         SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*)::int AS n FROM users
         WHERE created_at >= ((now() AT TIME ZONE 'UTC')::date - ($1::int - 1))::timestamp AT TIME ZONE 'UTC' GROUP BY 1
       ),
       projects_by_day AS (
         SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*)::int AS n FROM projects
         WHERE created_at >= ((now() AT TIME ZONE 'UTC')::date - ($1::int - 1))::timestamp AT TIME ZONE 'UTC' GROUP BY 1
       )
       SELECT to_char(span.day, 'YYYY-MM-DD') AS day, coalesce(u.n, 0) AS "newUsers", coalesce(p.n, 0) AS "newProjects"
       FROM span LEFT JOIN users_by_day u ON u.day = span.day LEFT JOIN projects_by_day p ON p.day = span.day
       ORDER BY span.day`,
      [days],
    )) as Array<{ day: string; newUsers: number; newProjects: number }>;
  }

  async projectCount(): Promise<number> {
    const [row] = (await this.db.query(`SELECT count(*)::int AS total FROM projects`)) as Array<{ total: number }>;
    return row!.total;
  }
}
