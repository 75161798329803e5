export * from './api.module';
export * from './definition';
