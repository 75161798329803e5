export * from './generation.module';
export * from './definition';
