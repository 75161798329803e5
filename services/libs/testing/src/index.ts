export * from './http-receiver';
export * from './paths';
export * from './service-process';
export * from './tcp-proxy';
export * from './test-database';
