export * from './auth-env';
export * from './auth.guard';
export * from './auth.module';
export * from './decorators';
export * from './jwt';
export * from './keys';
export * from './principal';
export * from './api-keys';
