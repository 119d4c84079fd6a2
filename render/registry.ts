import { helmRendererWith } from './helm';
import { goTemplateEngine } from './helm/engine';
import { makeKustomizeRenderer } from './kustomize';
import type { Renderer } from './types';

/**
 * Every kind of renderable source kubehex knows, in the order they are tried on a directory. Helm's and
 * Kustomize's renderers register here (render/helm, render/kustomize).
 */
export const renderers: Renderer[] = [];

renderers.push(helmRendererWith(goTemplateEngine));

// kustomize's `helmCharts:` are rendered by whichever Helm renderer is registered here
renderers.push(makeKustomizeRenderer(() => renderers.find((r) => r.kind === 'helm')));
