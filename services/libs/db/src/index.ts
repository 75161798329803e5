export * from './data-source';
export * from './db.module';
export * from './entities/audit-event.entity';
export * from './entities/refresh-session.entity';
export * from './entities/user.entity';
export * from './schema';
