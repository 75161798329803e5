export * from './gateway.module';
export * from './definition';
