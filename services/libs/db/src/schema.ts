import { AuditEventEntity } from './entities/audit-event.entity';
import { RefreshSessionEntity } from './entities/refresh-session.entity';
import { UserEntity } from './entities/user.entity';
import { CreateUsersAndRefreshSessions1763900000000 } from './migrations/1763900000000-create-users-and-refresh-sessions';
import { CreateAuditEvents1763990000000 } from './migrations/1763990000000-create-audit-events';

/** Every entity, for the data source. Later work appends here. */
export const ENTITIES = [UserEntity, RefreshSessionEntity, AuditEventEntity];

/** Every migration, oldest first. Migrations are expand/contract: never break the running version. */
export const MIGRATIONS = [CreateUsersAndRefreshSessions1763900000000, CreateAuditEvents1763990000000];
