import { KustomizeError } from './errors';
import { parseYaml, YamlError } from './yaml-in';
import { isMap, isNull, isSeq, type KMap, type KNode, type Src } from './node';

/**
 * A kustomization file, checked like kustomize checks it (unknown fields and wrong types are errors, with
 * Go's JSON decoder wording) and kept as nodes, so every entry knows its line and column.
 */

type FieldType = 'string' | 'strings' | 'stringMap' | 'list' | 'map' | 'any';

const FIELDS: Record<string, FieldType> = {
  apiVersion: 'string', kind: 'string', metadata: 'map', openapi: 'stringMap', namePrefix: 'string', nameSuffix: 'string',
  namespace: 'string', commonLabels: 'stringMap', labels: 'list', commonAnnotations: 'stringMap', patchesStrategicMerge: 'strings',
  patchesJson6902: 'list', patches: 'list', images: 'list', imageTags: 'list', replacements: 'list', replicas: 'list', vars: 'list',
  sortOptions: 'map', resources: 'strings', components: 'strings', crds: 'strings', bases: 'strings', configMapGenerator: 'list',
  secretGenerator: 'list', helmGlobals: 'map', helmCharts: 'list', helmChartInflationGenerator: 'list', generatorOptions: 'map',
  configurations: 'strings', generators: 'strings', transformers: 'strings', validators: 'strings', inventory: 'map', buildMetadata: 'strings',
};

const GO_TYPES: Record<FieldType, string> = { string: 'string', strings: '[]string', stringMap: 'map[string]string', list: '[]', map: 'struct', any: '' };

export interface Entry<T = string> { value: T; src?: Src }

export interface Kustomization {
  file: string;
  node: KMap;
  kind: string;
  apiVersion: string;
  get(field: string): KNode | undefined;
  /** A list of strings with each entry's place. */
  strings(field: string): Entry[];
  string(field: string): string;
  stringMap(field: string): Array<{ key: string; value: string; src?: Src }>;
  list(field: string): KNode[];
  has(field: string): boolean;
  fieldSrc(field: string): Src | undefined;
  warnings: Array<{ message: string; field: string }>;
}

function goKind(n: KNode): string {
  if (n.kind === 'map') return 'object';
  if (n.kind === 'seq') return 'array';
  if (n.tag === '!!bool') return 'bool';
  if (n.tag === '!!int' || n.tag === '!!float') return 'number';
  return 'string';
}

function typeError(n: KNode, field: string, t: FieldType, sub = ''): KustomizeError {
  const goType = t === 'list' ? `[]types.${sub}` : t === 'map' ? `types.${sub}` : GO_TYPES[t];
  const e = new KustomizeError(`invalid Kustomization: json: cannot unmarshal ${goKind(n)} into Go struct field Kustomization.${field} of type ${goType}`);
  if (n.src) { e.file = n.src.file; e.range = n.src.range; }
  return e;
}

const SUBTYPES: Record<string, string> = {
  labels: 'Label', patchesJson6902: 'Patch', patches: 'Patch', images: 'Image', imageTags: 'Image', replacements: 'ReplacementField',
  replicas: 'Replica', vars: 'Var', configMapGenerator: 'ConfigMapArgs', secretGenerator: 'SecretArgs', helmCharts: 'HelmChart',
  helmChartInflationGenerator: 'HelmChartArgs', metadata: 'ObjectMeta', sortOptions: 'SortOptions', helmGlobals: 'HelmGlobals',
  generatorOptions: 'GeneratorOptions', inventory: 'Inventory',
};

function checkType(field: string, n: KNode, t: FieldType): void {
  if (isNull(n)) return;
  const sub = SUBTYPES[field] ?? '';
  switch (t) {
    case 'string': if (n.kind !== 'scalar') throw typeError(n, field, t); return;
    case 'strings':
      if (n.kind !== 'seq') throw typeError(n, field, t);
      for (const i of n.items) if (i.kind !== 'scalar') throw typeError(i, field, 'string');
      return;
    case 'stringMap':
      if (n.kind !== 'map') throw typeError(n, field, t);
      for (const e of n.entries) if (e.value.kind !== 'scalar') throw typeError(e.value, field, 'string');
      return;
    case 'list': if (n.kind !== 'seq') throw typeError(n, field, t, sub); return;
    case 'map': if (n.kind !== 'map') throw typeError(n, field, t, sub); return;
  }
}

const DEPRECATED: Array<[string, string]> = [
  ['bases', "'bases' is deprecated. Please use 'resources' instead."],
  ['commonLabels', "'commonLabels' is deprecated. Please use 'labels' instead."],
  ['imageTags', "'imageTags' is deprecated. Please use 'images' instead."],
  ['patchesJson6902', "'patchesJson6902' is deprecated. Please use 'patches' instead."],
  ['patchesStrategicMerge', "'patchesStrategicMerge' is deprecated. Please use 'patches' instead."],
  ['vars', "'vars' is deprecated. Please use 'replacements' instead."],
];

export function parseKustomization(text: string, file: string, dir: string): Kustomization {
  let docs;
  try {
    docs = parseYaml(text, file);
  } catch (e) {
    const err = new KustomizeError(`invalid Kustomization: ${(e as Error).message}`, file);
    if (e instanceof YamlError && e.offset !== undefined) {
      const line = text.slice(0, e.offset).split('\n').length - 1;
      err.range = { start: { line, character: 0 }, end: { line, character: 0 } };
    }
    throw err;
  }
  const nodes = docs.filter((d) => d.node && !isNull(d.node));
  if (nodes.length > 1) throw new KustomizeError('invalid Kustomization: yaml: multiple documents', file);
  const root = nodes[0]?.node;
  if (root && root.kind !== 'map') throw new KustomizeError(`invalid Kustomization: json: cannot unmarshal ${goKind(root)} into Go value of type types.Kustomization`, file, root.src?.range);
  const node: KMap = root ?? { kind: 'map', entries: [] };
  // kustomize rewrites `imageTags:` to `images:`, and a `patches:` list holding strings to `patchesStrategicMerge:`
  for (const e of node.entries) if (e.key === 'imageTags') e.key = 'images';
  const patches = node.entries.find((e) => e.key === 'patches');
  if (patches && isSeq(patches.value) && patches.value.items.some((i) => i.kind === 'scalar')) patches.key = 'patchesStrategicMerge';
  for (const e of node.entries) {
    const t = FIELDS[e.key];
    if (!t) throw new KustomizeError(`invalid Kustomization: json: unknown field "${e.key}"`, file, e.keySrc?.range);
    checkType(e.key, e.value, t);
  }
  const get = (f: string) => { const v = node.entries.find((e) => e.key === f)?.value; return v && !isNull(v) ? v : undefined; };
  const k: Kustomization = {
    file, node,
    kind: '', apiVersion: '',
    get,
    has: (f) => get(f) !== undefined,
    fieldSrc: (f) => node.entries.find((e) => e.key === f)?.keySrc,
    string: (f) => { const v = get(f); return v?.kind === 'scalar' ? v.value : ''; },
    strings: (f) => { const v = get(f); return isSeq(v) ? v.items.map((i) => ({ value: i.kind === 'scalar' ? i.value : '', src: i.src })) : []; },
    stringMap: (f) => { const v = get(f); return isMap(v) ? v.entries.map((e) => ({ key: e.key, value: e.value.kind === 'scalar' ? e.value.value : '', src: e.value.src })) : []; },
    list: (f) => { const v = get(f); return isSeq(v) ? v.items : []; },
    warnings: [],
  };
  for (const [f, msg] of DEPRECATED) {
    if (node.entries.some((e) => e.key === f)) k.warnings.push({ field: f, message: `# Warning: ${msg} ${f === 'vars' ? '[EXPERIMENTAL] ' : ''}Run 'kustomize edit fix' to update your Kustomization automatically.` });
  }
  k.kind = k.string('kind') || 'Kustomization';
  k.apiVersion = k.string('apiVersion') || (k.kind === 'Component' ? 'kustomize.config.k8s.io/v1alpha1' : 'kustomize.config.k8s.io/v1beta1');
  const meaningful = node.entries.filter((e) => !['apiVersion', 'kind', 'metadata'].includes(e.key) && !isNull(e.value));
  if (!meaningful.length) throw new KustomizeError('kustomization.yaml is empty', file);
  const errs: string[] = [];
  if (k.kind !== 'Kustomization' && k.kind !== 'Component') errs.push('kind should be Kustomization or Component');
  const required = k.kind === 'Component' ? 'kustomize.config.k8s.io/v1alpha1' : 'kustomize.config.k8s.io/v1beta1';
  if (k.string('apiVersion') && k.string('apiVersion') !== required) errs.push(`apiVersion for ${k.kind} should be ${required}`);
  if (errs.length) throw new KustomizeError(`Failed to read kustomization file under ${dir}:\n${errs.join('\n')}`, file);
  return k;
}
