import { isAbsolute, join, normalize, resolve } from 'node:path';
import type { Config } from '../engine';
import type { HelmOptions, RenderOptions } from './types';

/**
 * The render options of one root: the command line's (or editor's) defaults, `kubernetesVersion` as the chart's
 * Kubernetes version unless --kube-version gives one, and what `.kubehex.yaml` says for
 * that chart on top (`helm: {charts: {DIR: {values, set, releaseName, namespace}}}`, DIR and values files relative
 * to the config file). Values files and `set` entries of the chart come after the defaults, so they win.
 */
export function optionsForRoot(root: string, base: RenderOptions, config: Config | undefined, configDir: string | undefined): RenderOptions {
  // `.Capabilities` comes from --kube-version, else the configured kubernetesVersion (else Helm's default)
  if (config?.kubernetesVersion && base.helm?.kubeVersion === undefined) base = { ...base, helm: { ...(base.helm ?? {}), kubeVersion: config.kubernetesVersion } };
  const charts = config?.helm?.charts;
  if (!charts || configDir === undefined) return base;
  const key = Object.keys(charts).find((k) => samePath(fromConfig(configDir, k), root));
  if (key === undefined) return base;
  const c = charts[key] ?? {};
  const helm: HelmOptions = { ...(base.helm ?? {}) };
  if (c.values?.length) helm.values = [...(helm.values ?? []), ...c.values.map((v) => fromConfig(configDir, v))];
  const set = setEntries(c.set);
  if (set.length) helm.set = [...(helm.set ?? []), ...set];
  if (c.releaseName !== undefined) helm.releaseName = c.releaseName;
  if (c.namespace !== undefined) helm.namespace = c.namespace;
  return { ...base, helm };
}

/** `kustomize: {roots: [...]}` of a config, as paths (relative to the config file). */
export function configuredKustomizeRoots(config: Config | undefined, configDir: string | undefined): string[] {
  if (configDir === undefined) return [];
  return (config?.kustomize?.roots ?? []).map((r) => fromConfig(configDir, r));
}

/** `set:` as a map (`{image.tag: v1}`) or as Helm's `K=V` strings. */
function setEntries(set: Record<string, unknown> | string[] | undefined): string[] {
  if (!set) return [];
  if (Array.isArray(set)) return set;
  return Object.entries(set).map(([k, v]) => `${k}=${v === null ? 'null' : String(v)}`);
}

function fromConfig(configDir: string, p: string): string {
  const joined = isAbsolute(p) ? normalize(p) : join(configDir, p);
  return joined.replace(/\/+$/, '') || '/';
}

function samePath(a: string, b: string): boolean {
  return resolve(a) === resolve(b);
}
