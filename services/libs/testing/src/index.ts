export * from './http-receiver';
export * from './paths';
export * from './s3-server';
export * from './service-process';
export * from './stripe-server';
export * from './tcp-proxy';
export * from './test-database';
