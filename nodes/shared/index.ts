export * from './executor';
export * from './fields';
export * from './gate';
export * from './http';
export * from './pagination';
export * from './pool';
export * from './validation';
