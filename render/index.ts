export * from './fs';
export * from './source-map';
export * from './types';
