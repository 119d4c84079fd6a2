import { defaultTransformerConfig, emptyTransformerConfig, mergeConfig, mergeFieldSpecs, type FieldSpec, type NameBackRef, type TransformerConfig } from './builtin-config';
import { Accumulator } from './context';
import { KustomizeError, placed, wrap } from './errors';
import { generate, readGeneratorArgs, readOptions, type GeneratorArgs, type GeneratorOptions } from './generators';
import { get, getString, isMap, type KNode, type Src } from './node';
import { Resource, idString } from './resource';
import type { ResMap } from './resmap';
import { applyAffix, applyAnnotations, applyImage, applyLabels, applyNamespace, applyReplicas, type ImageSpec } from './transformers';
import { applyPatchEntry, applyPatchesStrategicMerge, applyJson6902Entry, type PatchEntry } from './patches';
import { applyReplacements, readReplacement, type Replacement } from './replacements';
import { runPluginConfigs } from './plugins';
import { parseYaml } from './yaml-in';
import { loadCrdConfig } from './crds';
import { inflateChart } from './helm-charts';
import type { Target } from './target';

export function readFieldSpecs(n: KNode | undefined): FieldSpec[] {
  if (n?.kind !== 'seq') return [];
  return n.items.filter(isMap).map((i) => {
    const f: FieldSpec = { path: getString(i, 'path') ?? '' };
    for (const k of ['group', 'version', 'kind'] as const) { const v = getString(i, k); if (v) f[k] = v; }
    if (getString(i, 'create') === 'true') f.create = true;
    return f;
  });
}

function readConfigFile(n: KNode | undefined): TransformerConfig {
  const c = emptyTransformerConfig();
  if (!isMap(n)) return c;
  for (const key of ['namePrefix', 'nameSuffix', 'namespace', 'commonLabels', 'templateLabels', 'commonAnnotations', 'varReference', 'images', 'replicas'] as const) {
    c[key] = readFieldSpecs(get(n, key));
  }
  const refs = get(n, 'nameReference');
  if (refs?.kind === 'seq') {
    c.nameReference = refs.items.filter(isMap).map((r): NameBackRef => ({
      kind: getString(r, 'kind') ?? '', group: getString(r, 'group'), version: getString(r, 'version'), fieldSpecs: readFieldSpecs(get(r, 'fieldSpecs')),
    }));
  }
  return c;
}

/** MakeTransformerConfig: the `configurations:` files merged with the defaults, plus CRD-declared references. */
export function loadTransformerConfig(t: Target): TransformerConfig {
  let files = emptyTransformerConfig();
  for (const e of t.k.strings('configurations')) {
    t.at(e.src, () => {
      const text = t.ldr.load(e.value);
      t.ctx.inputs.add(t.ldr.resolveFile(e.value));
      const doc = parseYaml(text, t.ldr.resolveFile(e.value)).find((d) => d.node)?.node;
      files = mergeConfig(files, readConfigFile(doc));
    });
  }
  let tc = mergeConfig(files, defaultTransformerConfig());
  for (const e of t.k.strings('crds')) {
    t.at(e.src, () => { tc = mergeConfig(tc, loadCrdConfig(t.ldr.load(e.value))); });
  }
  return tc;
}

function genericId(r: Resource): string {
  const id = r.curId();
  return `resid.ResId{Gvk:resid.Gvk{Group:"${id.group}", Version:"${id.version}", Kind:"${id.kind}", isClusterScoped:${r.isClusterScoped()}}, Name:"${id.name}", Namespace:"${id.namespace}"}`;
}

/** ResMap.AbsorbAll for one generated resource: create, or merge into / replace the one it names. */
export function absorb(m: ResMap, res: Resource): void {
  const matches = m.byAnyId(res.curId(), res);
  if (!matches.length) {
    if (res.behavior === 'merge' || res.behavior === 'replace') throw new KustomizeError(`id ${genericId(res)} does not exist; cannot merge or replace`);
    m.append(res);
    return;
  }
  if (matches.length > 1) throw new KustomizeError(`found multiple objects [${matches.map((r) => idString(r.curId())).join(' ')}] that could accept merge of ${idString(res.curId())}`);
  const old = matches[0];
  if (res.behavior !== 'merge' && res.behavior !== 'replace') throw new KustomizeError(`id ${genericId(res)} exists; behavior must be merge or replace`);
  mergeMeta(res, old);
  if (res.behavior === 'merge') {
    for (const field of ['data', 'binaryData']) {
      const o = get(old.node, field);
      const n = get(res.node, field);
      if (!isMap(o)) continue;
      const merged = { kind: 'map' as const, entries: [...o.entries.filter((e) => !(isMap(n) && n.entries.some((x) => x.key === e.key))), ...(isMap(n) ? n.entries : [])], src: n?.src ?? o.src };
      merged.entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      const e = res.node.entries.find((x) => x.key === field);
      if (e) e.value = merged; else res.node.entries.push({ key: field, value: merged });
    }
    res.origin = old.origin;
    if (old.node.src) res.node.src = old.node.src;
  }
  m.replaceAt(old, res);
}

function mergeMeta(res: Resource, old: Resource): void {
  const meta = get(res.node, 'metadata');
  const oldMeta = get(old.node, 'metadata');
  if (!isMap(meta)) return;
  for (const field of ['labels', 'annotations']) {
    const o = get(oldMeta, field);
    const n = get(meta, field);
    if (!isMap(o) && !isMap(n)) continue;
    const entries = [...(isMap(o) ? o.entries.filter((e) => !(isMap(n) && n.entries.some((x) => x.key === e.key))) : []), ...(isMap(n) ? n.entries : [])];
    const i = meta.entries.findIndex((e) => e.key === field);
    const value = { kind: 'map' as const, entries, src: n?.src ?? o?.src };
    if (!entries.length) { if (i >= 0) meta.entries.splice(i, 1); continue; }
    if (i >= 0) meta.entries[i].value = value; else meta.entries.push({ key: field, value });
  }
  res.setName(old.name, get(oldMeta, 'name')?.src);
  res.setNamespace(old.namespace, get(oldMeta, 'namespace')?.src);
  // kustomize's build annotations (needsHashSuffix among them) come from the resource merged into only: a
  // generator merging into a ConfigMap read from a file adds no hash suffix
  res.copyStateFrom(old);
  res.needsHash = old.needsHash;
}

export function generatedResource(t: Target, a: GeneratorArgs, kind: string): Resource {
  const gen: Src = { ...(a.src ?? { file: t.k.file, doc: 0, path: [], range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }) };
  const node = generate(t.ldr, a, gen);
  const r = new Resource(node, { file: t.k.file, doc: 0, generator: { kind, configuredIn: t.k.file, entry: a.src } }, t.ctx.scope);
  r.behavior = (a.behavior || 'create') as Resource['behavior'];
  r.needsHash = !a.options.disableNameSuffixHash;
  return r;
}

export function runGenerators(t: Target, ra: Accumulator): void {
  const globalNode = t.k.get('generatorOptions');
  const global: GeneratorOptions | undefined = globalNode ? readOptions(globalNode) : undefined;
  for (const [field, kind] of [['configMapGenerator', 'ConfigMap'], ['secretGenerator', 'Secret']] as const) {
    for (const n of t.k.list(field)) {
      t.at(n.src, () => {
        const args = readGeneratorArgs(kind, n, global);
        const res = generatedResource(t, args, `${kind}Generator`);
        for (const f of [...args.envs, ...args.files]) {
          const p = f.value.includes('=') && !args.envs.includes(f) ? f.value.slice(f.value.indexOf('=') + 1) : f.value;
          try { t.ctx.inputs.add(t.ldr.resolveFile(p)); } catch { /* reported by generate */ }
        }
        try { absorb(ra.resMap, res); } catch (e) { throw wrap(e, `merging from generator &{${kind}Generator}`); }
      });
    }
  }
  const charts = [...t.k.list('helmCharts'), ...t.k.list('helmChartInflationGenerator')];
  charts.forEach((n, i) => t.at(n.src, () => inflateChart(t, ra, n, i)));
  const gens = t.k.strings('generators');
  if (gens.length) runPluginConfigs(t, ra, gens, 'generators');
}

/** Records on every resource that a transformer configured in this kustomization ran. */
export function record(t: Target, m: ResMap, kind: string, configuredIn = t.k.file, name?: string): void {
  for (const r of m.list) r.transformations.push({ configuredIn, kind, ...(name ? { name } : {}) });
}

function pairsOf(n: KNode | undefined): Array<{ key: string; value: string; src?: Src }> {
  return isMap(n) ? n.entries.map((e) => ({ key: e.key, value: e.value.kind === 'scalar' ? e.value.value : '', src: e.value.src })) : [];
}

function readPatchEntry(n: KNode): PatchEntry {
  const target = get(n, 'target');
  const options = get(n, 'options');
  return {
    path: getString(n, 'path'), patch: getString(n, 'patch'), src: n.src, patchSrc: get(n, 'patch')?.src,
    target: isMap(target) ? Object.fromEntries(target.entries.filter((e) => e.value.kind === 'scalar').map((e) => [e.key, (e.value as { value: string }).value])) : undefined,
    allowNameChange: getString(options, 'allowNameChange') === 'true', allowKindChange: getString(options, 'allowKindChange') === 'true',
  };
}

export function runTransformers(t: Target, ra: Accumulator): void {
  const k = t.k;
  const tc = ra.config;
  const m = ra.resMap;
  const psm = k.strings('patchesStrategicMerge');
  if (psm.length) t.at(k.fieldSrc('patchesStrategicMerge'), () => { applyPatchesStrategicMerge(t, m, psm); record(t, m, 'PatchStrategicMergeTransformer'); });
  for (const n of k.list('patches')) {
    t.at(n.src, () => { applyPatchEntry(t, m, readPatchEntry(n)); record(t, m, 'PatchTransformer'); });
  }
  const ns = k.get('namespace');
  if (ns?.kind === 'scalar' && ns.value) t.at(ns.src, () => { applyNamespace(m, ns.value, tc.namespace, ns.src); record(t, m, 'NamespaceTransformer'); });
  const prefix = k.get('namePrefix');
  if (prefix?.kind === 'scalar' && prefix.value) t.at(prefix.src, () => { applyAffix(m, prefix.value, 'prefix', tc.namePrefix, prefix.src); record(t, m, 'PrefixTransformer'); });
  const suffix = k.get('nameSuffix');
  if (suffix?.kind === 'scalar' && suffix.value) t.at(suffix.src, () => { applyAffix(m, suffix.value, 'suffix', tc.nameSuffix, suffix.src); record(t, m, 'SuffixTransformer'); });
  for (const l of k.list('labels')) {
    t.at(l.src, () => {
      let specs = readFieldSpecs(get(l, 'fields'));
      if (getString(l, 'includeSelectors') === 'true') specs = mergeFieldSpecs(specs, tc.commonLabels);
      else {
        if (getString(l, 'includeTemplates') === 'true') specs = mergeFieldSpecs(specs, tc.templateLabels);
        specs = mergeFieldSpecs(specs, [{ path: 'metadata/labels', create: true }]);
      }
      applyLabels(m, pairsOf(get(l, 'pairs')), specs);
      record(t, m, 'LabelTransformer');
    });
  }
  const common = pairsOf(k.get('commonLabels'));
  // kustomize configures the commonLabels transformer (even empty) whenever there are labels of either kind
  if (common.length || k.list('labels').length) t.at(k.fieldSrc('commonLabels'), () => { applyLabels(m, common, tc.commonLabels); record(t, m, 'LabelTransformer'); });
  const annos = pairsOf(k.get('commonAnnotations'));
  if (annos.length) t.at(k.fieldSrc('commonAnnotations'), () => { applyAnnotations(m, annos, tc.commonAnnotations); record(t, m, 'AnnotationsTransformer'); });
  for (const n of k.list('patchesJson6902')) t.at(n.src, () => { applyJson6902Entry(t, m, readPatchEntry(n)); record(t, m, 'PatchJson6902Transformer'); });
  for (const n of k.list('replicas')) {
    t.at(n.src, () => {
      const count = get(n, 'count');
      applyReplicas(m, getString(n, 'name') ?? '', count?.kind === 'scalar' ? count.value : '0', tc.replicas, count?.src);
      record(t, m, 'ReplicaCountTransformer');
    });
  }
  for (const n of k.list('images')) {
    t.at(n.src, () => {
      const img: ImageSpec = { name: getString(n, 'name') ?? '', newName: getString(n, 'newName'), newTag: getString(n, 'newTag'), digest: getString(n, 'digest'), src: (get(n, 'newTag') ?? get(n, 'digest') ?? get(n, 'newName'))?.src ?? n.src };
      applyImage(m, img, tc.images);
      record(t, m, 'ImageTagTransformer');
    });
  }
  const reps = k.list('replacements');
  if (reps.length) {
    t.at(k.fieldSrc('replacements'), () => {
      const list: Replacement[] = [];
      for (const n of reps) {
        const path = getString(n, 'path');
        if (path) {
          const docs = parseYaml(t.ldr.load(path), t.ldr.resolveFile(path));
          t.ctx.inputs.add(t.ldr.resolveFile(path));
          for (const d of docs) if (d.node?.kind === 'seq') list.push(...d.node.items.map(readReplacement)); else if (d.node) list.push(readReplacement(d.node));
        } else list.push(readReplacement(n));
      }
      applyReplacements(m, list);
      record(t, m, 'ReplacementTransformer');
    });
  }
  const ts = k.strings('transformers');
  if (ts.length) runPluginConfigs(t, ra, ts, 'transformers');
  void placed;
}

export { Accumulator };
