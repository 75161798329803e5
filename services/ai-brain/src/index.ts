export * from './ai-brain.module';
export * from './definition';
