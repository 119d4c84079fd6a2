import { kustomizeRenderer } from './kustomize';
import type { Renderer } from './types';

/**
 * Every kind of renderable source kubehex knows, in the order they are tried on a directory. Helm's and
 * Kustomize's renderers register here (render/helm, render/kustomize).
 */
export const renderers: Renderer[] = [kustomizeRenderer];
