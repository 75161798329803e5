export * from './socket-paths';
