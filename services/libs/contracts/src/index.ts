export * from './errors';
export * from './health';
export * from './accounts';
export * from './projects';
export * from './audio';
export * from './api-keys';
export * from './billing';
export * from './ops';
