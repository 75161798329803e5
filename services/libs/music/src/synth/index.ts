export * from './patches';
export * from './render';
export * from './render-and-master';
export * from './svf';
