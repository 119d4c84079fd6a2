export * from './fs';
export * from './source-map';
export * from './types';
export * from './map-back';
export * from './fix-back';
export * from './pipeline';
export * from './discover';
export * from './registry';
export { kustomizeRenderer, makeKustomizeRenderer, type HelmInflator } from './kustomize';
