import { KustomizeError } from './errors';
import { applyFieldSpec, type SetFn } from './fieldspec';
import { get, isMap, isNull, map, replaceScalar, str, set, type KMap, type KNode, type Src } from './node';
import { idString, gvkString, type Resource } from './resource';
import type { ResMap, Selector } from './resmap';
import type { FieldSpec } from './builtin-config';

/** Replaces the node found at a fieldspec's end. */
export function replaceAt(parent: KMap | KNode[], key: string | number, value: KNode): void {
  if (Array.isArray(parent)) parent[key as number] = value;
  else set(parent, key as string, value);
}

/** kyaml's SetEntry: a string entry in a map (labels, annotations), quoted when YAML 1.1 would misread it. */
function setEntry(k: string, v: string, src?: Src): SetFn {
  return (node) => {
    if (!isMap(node)) throw new KustomizeError(`wrong node kind: expected MappingNode but got ${node.kind === 'seq' ? 'SequenceNode' : 'ScalarNode'}: node contents:\n${node.kind === 'scalar' ? node.value : ''}\n`);
    set(node, k, str(k === '' ? v : v, src));
  };
}

function setScalarValue(value: string, src?: Src): SetFn {
  return (node, parent, key) => {
    if (node.kind !== 'scalar') throw new KustomizeError(`wrong node kind: expected ScalarNode but got ${node.kind === 'map' ? 'MappingNode' : 'SequenceNode'}`);
    replaceAt(parent, key, replaceScalar(node, value, src));
  };
}

/** commonLabels / labels / LabelTransformer. */
export function applyLabels(m: ResMap, labels: ReadonlyArray<{ key: string; value: string; src?: Src }>, specs: ReadonlyArray<FieldSpec>): void {
  if (!labels.length) return;
  const sorted = [...labels].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const r of m.list) {
    for (const l of sorted) for (const fs of specs) applyFieldSpec(r, fs, setEntry(l.key, l.value, l.src), { createKind: 'map', src: l.src });
  }
}

/** commonAnnotations / AnnotationsTransformer. */
export function applyAnnotations(m: ResMap, annos: ReadonlyArray<{ key: string; value: string; src?: Src }>, specs: ReadonlyArray<FieldSpec>): void {
  if (!annos.length) return;
  const sorted = [...annos].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const r of m.list) {
    for (const l of sorted) for (const fs of specs) applyFieldSpec(r, fs, setEntry(l.key, l.value, l.src), { createKind: 'map', src: l.src });
  }
}

const SKIP_AFFIXES: Array<{ kind: string; group?: string }> = [{ kind: 'CustomResourceDefinition' }, { kind: 'APIService', group: 'apiregistration.k8s.io' }, { kind: 'Namespace' }];

/** namePrefix / nameSuffix (PrefixTransformer, SuffixTransformer). */
export function applyAffix(m: ResMap, affix: string, which: 'prefix' | 'suffix', specs: ReadonlyArray<FieldSpec>, src?: Src): void {
  for (const r of m.list) {
    const id = r.orgId();
    if (SKIP_AFFIXES.some((s) => s.kind === id.kind && (!s.group || s.group === id.group))) continue;
    for (const fs of specs) {
      if ((fs.kind && fs.kind !== id.kind) || (fs.group && fs.group !== id.group) || (fs.version && fs.version !== id.version)) continue;
      if (fs.path === 'metadata/name') {
        if (which === 'prefix') r.addPrefix(affix); else r.addSuffix(affix);
        if (affix) r.storePreviousId();
      }
      applyFieldSpec(r, fs, (node, parent, key) => {
        if (node.kind !== 'scalar') throw new KustomizeError('wrong node kind: expected ScalarNode');
        const v = which === 'prefix' ? affix + node.value : node.value + affix;
        replaceAt(parent, key, replaceScalar(node, v, node.src));
      });
    }
  }
}

export type SubjectMode = 'defaultOnly' | 'none' | 'allServiceAccounts';

/** namespace / NamespaceTransformer. */
export function applyNamespace(m: ResMap, ns: string, specs: ReadonlyArray<FieldSpec>, src?: Src, opts: { unsetOnly?: boolean; subjects?: SubjectMode; storePrev?: boolean } = {}): void {
  if (!ns) return;
  for (const r of m.list) {
    if (r.isEmpty()) continue;
    if (opts.storePrev !== false) r.storePreviousId();
    namespaceFilter(r, ns, specs, src, opts);
    const matches = m.list.filter((x) => r.idEquals(x.curId(), r.curId()));
    if (matches.length !== 1) throw new KustomizeError(`namespace transformation produces ID conflict: [${matches.map((x) => idString(x.curId())).join(' ')}]`);
  }
}

export function namespaceFilter(r: Resource, ns: string, specs: ReadonlyArray<FieldSpec>, src?: Src, opts: { unsetOnly?: boolean; subjects?: SubjectMode } = {}): void {
  const setter: SetFn = (node, parent, key) => {
    if (node.kind !== 'scalar') throw new KustomizeError('wrong node kind: expected ScalarNode');
    if (opts.unsetOnly && node.value !== '' && !isNull(node)) return;
    replaceAt(parent, key, str(ns, src));
  };
  if (!r.isClusterScoped()) applyFieldSpec(r, { path: 'metadata/namespace', create: true }, setter, { createKind: 'scalar', src });
  const kind = r.kind;
  const mode = opts.subjects ?? 'defaultOnly';
  if ((kind === 'RoleBinding' || kind === 'ClusterRoleBinding') && mode !== 'none') {
    const subjects = get(r.node, 'subjects');
    if (subjects?.kind === 'seq') {
      for (const s of subjects.items) {
        if (!isMap(s)) continue;
        const sk = get(s, 'kind');
        if (sk?.kind !== 'scalar' || sk.value !== 'ServiceAccount') continue;
        const name = get(s, 'name');
        if (mode === 'defaultOnly' && (name?.kind !== 'scalar' || name.value !== 'default')) continue;
        set(s, 'namespace', str(ns, src));
      }
    }
  }
  for (const fs of specs) {
    if (fs.path === 'metadata/namespace') continue;
    // the subjects of bindings have the hard-coded handling above (kustomize drops their field specs)
    if ((fs.kind === 'RoleBinding' || fs.kind === 'ClusterRoleBinding') && /^subjects(\[\])?(\/namespace)?$/.test(fs.path)) continue;
    applyFieldSpec(r, fs, setter, { createKind: 'scalar', src });
  }
}

export interface ImageSpec { name: string; newName?: string; newTag?: string; digest?: string; src?: Src }

/** image.Split: name, tag and digest of an image reference. */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  let search = image;
  let slash = image.indexOf('/');
  if (slash > 0) search = image.slice(slash); else slash = 0;
  let id = search.indexOf('@');
  let ic = search.indexOf(':');
  if (ic < 0 && id < 0) return { name: image, tag: '', digest: '' };
  if (id >= 0 && (id < ic || ic < 0)) { id += slash; return { name: image.slice(0, id), tag: '', digest: image.slice(id + 1) }; }
  if (id >= 0 && ic >= 0) { id += slash; ic += slash; return { name: image.slice(0, ic), tag: image.slice(ic + 1, id), digest: image.slice(id + 1) }; }
  ic += slash;
  return { name: image.slice(0, ic), tag: image.slice(ic + 1), digest: '' };
}

function newImage(value: string, img: ImageSpec): string | undefined {
  let re: RegExp;
  try { re = new RegExp(`^${img.name}(@sha256)?(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9]*)?$`); } catch { return undefined; }
  if (!re.test(value)) return undefined;
  let { name, tag, digest } = splitImage(value);
  if (img.newName) name = img.newName;
  if (img.newTag && img.digest) { tag = img.newTag; digest = img.digest; } else if (img.newTag) { tag = img.newTag; digest = ''; } else if (img.digest) { tag = ''; digest = img.digest; }
  if (tag) name += ':' + tag;
  if (digest) name += '@' + digest;
  return name;
}

function imageSetter(img: ImageSpec): SetFn {
  return (node, parent, key) => {
    if (node.kind !== 'scalar') throw new KustomizeError('wrong node kind: expected ScalarNode');
    const v = newImage(node.value, img);
    if (v !== undefined) replaceAt(parent, key, replaceScalar(node, v, img.src));
  };
}

function walkContainers(n: KNode, fn: (items: KNode[]) => void): void {
  if (n.kind === 'map') {
    for (const e of n.entries) {
      walkContainers(e.value, fn);
      if ((e.key === 'containers' || e.key === 'initContainers') && e.value.kind === 'seq') fn(e.value.items);
    }
  } else if (n.kind === 'seq') for (const i of n.items) walkContainers(i, fn);
}

/** images / ImageTagTransformer: every containers/initContainers image anywhere, plus the configured fields. */
export function applyImage(m: ResMap, img: ImageSpec, specs: ReadonlyArray<FieldSpec>): void {
  for (const r of m.list) {
    if (r.kind === 'CustomResourceDefinition') continue;
    const setter = imageSetter(img);
    walkContainers(r.node, (items) => {
      for (const c of items) {
        if (!isMap(c)) continue;
        const e = c.entries.find((x) => x.key === 'image');
        if (e) setter(e.value, c, 'image');
      }
    });
    for (const fs of specs) applyFieldSpec(r, fs, setter);
  }
}

/** replicas / ReplicaCountTransformer. */
export function applyReplicas(m: ResMap, name: string, count: string, specs: ReadonlyArray<FieldSpec>, src?: Src): void {
  let found = false;
  for (const fs of specs) {
    const matched = m.list.filter((r) => [...r.prevResIds(), r.curId()].some((id) => id.name === name && (!fs.kind || fs.kind === id.kind) && (!fs.group || fs.group === id.group) && (!fs.version || fs.version === id.version)));
    if (!matched.length) continue;
    found = true;
    for (const r of matched) {
      applyFieldSpec(r, fs, (node, parent, key) => {
        if (node.kind !== 'scalar') throw new KustomizeError('wrong node kind: expected ScalarNode');
        replaceAt(parent, key, { kind: 'scalar', tag: '', value: count, ...(src ? { src } : {}) });
      }, { createKind: 'scalar', src });
    }
  }
  if (!found) {
    const gvks = specs.map((fs) => gvkString({ group: fs.group ?? '', version: fs.version ?? '', kind: fs.kind ?? '' }).replace('.[noVer].[noGrp]', '.[noVer].[noGrp]'));
    throw new KustomizeError(`resource with name ${name} does not match a config with the following GVK [${gvks.join(' ')}]`);
  }
}

export interface ValueAddTarget { selector?: Selector; fieldPath: string; filePathPosition: number }

/** ValueAddTransformer (a `transformers:` plugin config). */
export function applyValueAdd(m: ResMap, value: string, targets: ValueAddTarget[], src?: Src): void {
  for (const t of targets) {
    const resources = t.selector ? m.select(t.selector) : m.list;
    for (const r of resources) {
      if (t.fieldPath === 'metadata/namespace') { namespaceFilter(r, value, [], src); continue; }
      const fields: string[] = [];
      for (const f of t.fieldPath.split('/')) {
        if (fields.length && fields[fields.length - 1].endsWith('\\')) fields[fields.length - 1] = fields[fields.length - 1].slice(0, -1) + '/' + f;
        else fields.push(f);
      }
      let cur: KMap = r.node;
      for (let i = 0; i < fields.length - 1; i++) {
        let next = get(cur, fields[i]);
        if (!isMap(next)) { next = map([], src); set(cur, fields[i], next); }
        cur = next;
      }
      const last = fields[fields.length - 1];
      const old = get(cur, last);
      const oldValue = old?.kind === 'scalar' ? old.value : '';
      let v = value;
      if (t.filePathPosition > 0) {
        const pos = t.filePathPosition - 1;
        const path = oldValue !== '' ? oldValue.split('/') : [];
        if (path.length < pos) path.push(value); else path.splice(pos, 0, value);
        v = path.join('/');
      }
      set(cur, last, replaceScalar(old, v, src));
    }
  }
}
