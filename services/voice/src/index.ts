export * from './voice.module';
export * from './definition';
