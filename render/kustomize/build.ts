import { Accumulator, BuildContext } from './context';
import { KustomizeError, placed } from './errors';
import { contentHash } from './generators';
import { Loader } from './loader';
import { fixNameReferences } from './nameref';
import { get, isMap, map, str, type KMap, type Src } from './node';
import type { Resource } from './resource';
import { openApiSchema } from './schema';
import { relPath, Target } from './target';
import { resolveVars } from './vars';

const ORDER_FIRST = ['Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount', 'PodSecurityPolicy', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ConfigMap', 'Secret', 'Endpoints', 'Service', 'LimitRange', 'PriorityClass', 'PersistentVolume', 'PersistentVolumeClaim', 'Deployment', 'StatefulSet', 'CronJob', 'PodDisruptionBudget'];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

/** kustomize's legacy output order: by kind (a fixed list first and last), then group/version/kind, namespace, name. */
export function legacySort(list: Resource[], first = ORDER_FIRST, last = ORDER_LAST): Resource[] {
  const order = new Map<string, number>();
  first.forEach((k, i) => order.set(k, -first.length + i));
  last.forEach((k, i) => order.set(k, 1 + i));
  const gvkStr = (g: { group: string; version: string; kind: string }) => [g.group || '~G', g.version || '~V', g.kind || '~K'].join('_');
  const cmp = (a: Resource, b: Resource): number => {
    const x = a.curId(), y = b.curId();
    if (x.group !== y.group || x.version !== y.version || x.kind !== y.kind) {
      const i1 = order.get(x.kind) ?? 0, i2 = order.get(y.kind) ?? 0;
      if (i1 !== i2) return i1 - i2;
      const s1 = gvkStr(x), s2 = gvkStr(y);
      const reverse = x.kind === 'Namespace' && y.kind === 'Namespace' && (x.group === '' || y.group === '');
      return (reverse ? s1 > s2 : s1 < s2) ? -1 : 1;
    }
    const k1 = `${x.namespace || '~X'}|${x.name || '~N'}`, k2 = `${y.namespace || '~X'}|${y.name || '~N'}`;
    return k1 < k2 ? -1 : k1 > k2 ? 1 : 0;
  };
  return [...list].sort(cmp);
}

/** What kustomize does to annotations at the end: build annotations gone, values rewritten as strings. */
function finishAnnotations(r: Resource): void {
  const meta = get(r.node, 'metadata');
  if (!isMap(meta)) return;
  const i = meta.entries.findIndex((e) => e.key === 'annotations');
  if (i < 0) return;
  const a = meta.entries[i].value;
  const empty = !isMap(a) || !a.entries.length;
  if (empty) { if (r.annotationsTouched) meta.entries.splice(i, 1); return; }
  for (const e of (a as KMap).entries) if (e.value.kind === 'scalar') e.value = { kind: 'scalar', tag: '!!str', value: e.value.value, ...(e.value.src ? { src: e.value.src } : {}) };
}

function originText(ctx: BuildContext, r: Resource): string {
  const g = r.origin.generator;
  if (g) return `configuredIn: ${relPath(ctx, g.configuredIn)}\nconfiguredBy:\n  apiVersion: builtin\n  kind: ${g.kind}\n${g.name ? `  name: ${g.name}\n` : ''}`;
  return `path: ${relPath(ctx, r.origin.file)}\n`;
}

function transformationsText(ctx: BuildContext, r: Resource): string {
  return r.transformations.map((t) => `- configuredIn: ${relPath(ctx, t.configuredIn)}\n  configuredBy:\n    apiVersion: builtin\n    kind: ${t.kind}\n${t.name ? `    name: ${t.name}\n` : ''}`).join('');
}

function setAnnotation(r: Resource, key: string, value: string): void {
  const metaE = r.node.entries.find((e) => e.key === 'metadata');
  if (!metaE || !isMap(metaE.value)) return;
  let ae = metaE.value.entries.find((e) => e.key === 'annotations');
  if (!ae || !isMap(ae.value)) { ae = { key: 'annotations', value: map() }; metaE.value.entries.push(ae); }
  const m = ae.value as KMap;
  const e = m.entries.find((x) => x.key === key);
  const gen: Src = { file: '', doc: 0, path: [], range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, generated: 'kustomize build metadata' };
  if (e) e.value = str(value, gen); else m.entries.push({ key, value: str(value, gen) });
}

export interface BuildOutput { resources: Resource[]; ctx: BuildContext }

/** `kubectl kustomize ROOT`: the resources in output order. Throws KustomizeError (placed on an entry). */
export function build(ctx: BuildContext): BuildOutput {
  if (ctx.fs.stat(ctx.root) !== 'dir') throw new KustomizeError(`must build at directory: not a valid directory: evalsymlink failure on '${ctx.root}' : lstat ${ctx.root}: no such file or directory`);
  const ldr = new Loader(ctx.fs, ctx.root, ctx.restrict, undefined, ctx.reads);
  const target = Target.load(ctx, ldr);
  ctx.inputs.add(target.k.file);
  const openapi = target.k.stringMap('openapi').find((e) => e.key === 'path');
  if (openapi) target.at(openapi.src, () => { ctx.schema = openApiSchema(ldr.load(openapi.value)); ctx.schemaSet = true; ctx.inputs.add(ldr.resolveFile(openapi.value)); });
  const ra = target.accumulate(new Accumulator());
  for (const r of ra.resMap.list) {
    if (!r.needsHash) continue;
    const h = contentHash(r.node);
    r.storePreviousId();
    const old = get(get(r.node, 'metadata'), 'name');
    r.setName(`${r.name}-${h}`, old?.src);
  }
  try { fixNameReferences(ra.resMap, ra.config.nameReference); } catch (e) { throw placed(e, target.k.file); }
  const unused = resolveVars(ra.resMap, ra.vars, ra.config.varReference);
  if (unused.length) ctx.notes.push({ file: target.k.file, message: `well-defined vars that were never replaced: ${unused.join(',')}` });
  let list = ra.resMap.list.filter((r) => r.annotations().get('config.kubernetes.io/local-config') !== 'true');
  const sort = target.k.get('sortOptions');
  const order = isMap(sort) ? get(sort, 'order') : undefined;
  if (!(order?.kind === 'scalar' && order.value === 'fifo')) {
    const lso = isMap(sort) ? get(sort, 'legacySortOptions') : undefined;
    const listOf = (k: string) => { const v = get(lso, k); return v?.kind === 'seq' ? v.items.map((i) => (i.kind === 'scalar' ? i.value : '')) : undefined; };
    list = legacySort(list, listOf('orderFirst') ?? ORDER_FIRST, listOf('orderLast') ?? ORDER_LAST);
  }
  const meta = new Set(target.k.strings('buildMetadata').map((e) => e.value));
  for (const r of list) {
    finishAnnotations(r);
    if (meta.has('originAnnotations')) setAnnotation(r, 'config.kubernetes.io/origin', originText(ctx, r));
    if (meta.has('transformerAnnotations') && r.transformations.length) setAnnotation(r, 'alpha.config.kubernetes.io/transformations', transformationsText(ctx, r));
  }
  return { resources: list, ctx };
}
