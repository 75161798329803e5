export * from './socket-paths';
export * from './redis-channels';
export * from './realtime-env';
export * from './realtime-emitter';
export * from './realtime-metrics';
export * from './connection-limiter';
export * from './socket-server';
export * from './realtime.module';
