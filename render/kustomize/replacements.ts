import { KustomizeError } from './errors';
import { clone, get, getString, isMap, isNull, map, seq, type KMap, type KNode, type KSeq, type Src } from './node';
import type { ResId, Resource } from './resource';
import { parseLabelSelector, type ResMap } from './resmap';

/**
 * `replacements`: copy a field of one resource into fields of others (kustomize's ReplacementTransformer),
 * with the delimiter/index options, `create`, and target selection by id, labels, annotations and reject.
 */

interface IdSel { group?: string; version?: string; kind?: string; name?: string; namespace?: string }
interface Options { delimiter?: string; index: number; create: boolean }
interface Target { select?: IdSel & { labelSelector?: string; annotationSelector?: string }; reject: Array<IdSel & { labelSelector?: string; annotationSelector?: string }>; fieldPaths: string[]; options?: Options; src?: Src }
export interface Replacement { source?: IdSel & { fieldPath: string; options?: Options }; targets: Target[]; src?: Src }

function sel(n: KNode | undefined): (IdSel & { labelSelector?: string; annotationSelector?: string }) | undefined {
  if (!isMap(n)) return undefined;
  const s: IdSel & { labelSelector?: string; annotationSelector?: string } = {};
  for (const k of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const) {
    const v = getString(n, k);
    if (v !== undefined) s[k] = v;
  }
  return s;
}

function opts(n: KNode | undefined): Options | undefined {
  if (!isMap(n)) return undefined;
  return { delimiter: getString(n, 'delimiter'), index: Number(getString(n, 'index') ?? 0), create: getString(n, 'create') === 'true' };
}

export function readReplacement(n: KNode): Replacement {
  const src = get(n, 'source');
  const targets = get(n, 'targets');
  return {
    src: n.src,
    source: isMap(src) ? { ...sel(src), fieldPath: getString(src, 'fieldPath') ?? '', options: opts(get(src, 'options')) } : undefined,
    targets: targets?.kind === 'seq' ? targets.items.map((t) => ({
      src: t.src,
      select: sel(get(t, 'select')),
      reject: (get(t, 'reject')?.kind === 'seq' ? (get(t, 'reject') as KSeq).items : []).map((r) => sel(r) ?? {}),
      fieldPaths: get(t, 'fieldPaths')?.kind === 'seq' ? (get(t, 'fieldPaths') as KSeq).items.map((p) => (p.kind === 'scalar' ? p.value : '')) : [],
      options: opts(get(t, 'options')),
    })) : [],
  };
}

/** kyaml's SmarterPathSplitter: `.`-separated, `[a=b]` kept whole, `[x.y]` unbracketed. */
export function splitFieldPath(path: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  for (const ch of path) {
    if (ch === '[') depth++;
    if (ch === ']') depth--;
    if (ch === '.' && depth === 0) { out.push(cur); cur = ''; continue; }
    cur += ch;
  }
  out.push(cur);
  return out.filter((s) => s !== '').map((s) => (s.startsWith('[') && s.endsWith(']') && !s.includes('=') ? s.slice(1, -1) : s));
}

function idsOf(r: Resource): ResId[] { return [r.curId(), ...r.prevResIds()]; }

function selectedBy(r: Resource, id: ResId, s: IdSel): boolean {
  if (s.name && s.name !== id.name) return false;
  if (s.namespace && r.effectiveNamespace({ ...id, namespace: s.namespace }) !== r.effectiveNamespace(id)) return false;
  return (!s.group || s.group === id.group) && (!s.version || s.version === id.version) && (!s.kind || s.kind === id.kind);
}

function describe(s: IdSel & { fieldPath?: string }): string {
  const g = `${s.kind ?? '[noKind]'}.${s.version ?? '[noVer]'}.${s.group || '[noGrp]'}`;
  return `${g}/${s.name || '[noName]'}.${s.namespace || '[noNs]'}`;
}

/** kyaml's PathMatcher/Lookup over a resource: every node at the path (optionally creating the last ones). */
function lookup(n: KNode, path: string[], create?: 'scalar' | 'map' | 'seq', src?: Src): KNode[] {
  if (!path.length) return [n];
  const [p, ...rest] = path;
  const last = !rest.length;
  if (n.kind === 'seq') {
    const m = /^\[(.*?)=(.*)\]$/.exec(p);
    if (m) {
      const [, key, value] = m;
      const found = n.items.filter((i) => (key === '' ? i.kind === 'scalar' && i.value === value : isMap(i) && getString(i, key) === value));
      if (!found.length && create) {
        const item: KNode = key === '' ? { kind: 'scalar', tag: '', value } : map([{ key, value: { kind: 'scalar', tag: '', value } }], src);
        n.items.push(item);
        found.push(item);
      }
      return found.flatMap((i) => lookup(i, rest, create, src));
    }
    if (p === '*' || p === '-') return n.items.flatMap((i) => lookup(i, rest, create, src));
    if (/^\d+$/.test(p)) { const i = n.items[Number(p)]; return i ? lookup(i, rest, create, src) : []; }
    return [];
  }
  if (n.kind !== 'map') return [];
  if (p === '*') return n.entries.flatMap((e) => lookup(e.value, rest, create, src));
  let e = n.entries.find((x) => x.key === p);
  if ((!e || isNull(e.value)) && create) {
    const nextIsSeq = !last && (/^\[.*=.*\]$/.test(rest[0]) || /^\d+$/.test(rest[0]));
    const value: KNode = last ? (create === 'map' ? map([], src) : create === 'seq' ? seq([], src) : { kind: 'scalar', tag: '', value: '', src }) : nextIsSeq ? seq([], src) : map([], src);
    if (e) e.value = value; else { e = { key: p, value }; n.entries.push(e); }
  }
  if (!e) return [];
  return lookup(e.value, rest, create, src);
}

function refined(v: KNode, o?: Options): KNode {
  if (!o?.delimiter) return v;
  if (v.kind !== 'scalar') throw new KustomizeError('delimiter option can only be used with scalar nodes');
  const parts = v.value.split(o.delimiter);
  if (o.index >= parts.length || o.index < 0) throw new KustomizeError(`options.index ${o.index} is out of bounds for value ${v.value}`);
  return { ...v, value: parts[o.index] };
}

export function applyReplacements(m: ResMap, list: ReadonlyArray<Replacement>): void {
  for (const r of list) {
    if (!r.source || !r.targets.length) throw new KustomizeError('replacements must specify a source and at least one target');
    const value = sourceValue(m, r);
    for (const t of r.targets) copyToTargets(m, value, t);
  }
}

function sourceValue(m: ResMap, r: Replacement): KNode {
  const s = r.source!;
  const matches = m.list.filter((res) => idsOf(res).some((id) => selectedBy(res, id, s)));
  if (matches.length > 1) throw new KustomizeError(`multiple matches for selector ${describe(s)}`);
  if (!matches.length) throw new KustomizeError(`nothing selected by ${describe(s)}`);
  const fp = s.fieldPath || 'metadata.name';
  const found = lookup(matches[0].node, splitFieldPath(fp));
  const v = found[0];
  if (!v || isNull(v) || (v.kind === 'map' && !v.entries.length) || (v.kind === 'seq' && !v.items.length)) throw new KustomizeError(`fieldPath \`${fp}\` is missing for replacement source ${describe(s)}`);
  return refined(v, s.options);
}

function labelsMatch(res: Resource, s: { labelSelector?: string; annotationSelector?: string }): boolean {
  if (s.labelSelector && !parseLabelSelector(s.labelSelector)(res.labels())) return false;
  if (s.annotationSelector && !parseLabelSelector(s.annotationSelector)(res.annotations())) return false;
  return true;
}

function copyToTargets(m: ResMap, value: KNode, t: Target): void {
  if (!t.select) throw new KustomizeError('target must specify resources to select');
  const fieldPaths = t.fieldPaths.length ? t.fieldPaths : ['metadata.name'];
  for (const res of m.list) {
    if (!labelsMatch(res, t.select)) continue;
    if (t.reject.some((rj) => (rj.labelSelector || rj.annotationSelector) && labelsMatch(res, rj))) continue;
    const ids = idsOf(res);
    const rejected = (id: ResId) => t.reject.some((rj) => (rj.group || rj.version || rj.kind || rj.name || rj.namespace) && selectedBy(res, id, rj));
    if (!ids.some((id) => selectedBy(res, id, t.select!) && !rejected(id))) continue;
    for (const fp of fieldPaths) {
      const create = t.options?.create ? (value.kind === 'scalar' ? 'scalar' : value.kind) : undefined;
      const fields = lookup(res.node, splitFieldPath(fp), create, value.src);
      if (!fields.length) throw new KustomizeError(create ? `unable to find or create field "${fp}" in replacement target` : `unable to find field "${fp}" in replacement target`);
      for (const f of fields) setValue(res.node, f, value, t.options);
    }
  }
}

function setValue(root: KMap, target: KNode, value: KNode, o?: Options): void {
  let v = clone(value);
  if (o?.delimiter) {
    if (target.kind !== 'scalar') throw new KustomizeError('delimiter option can only be used with scalar nodes');
    const parts = target.value.split(o.delimiter);
    const sv = v.kind === 'scalar' ? v.value : '';
    if (o.index < 0) parts.unshift(sv); else if (o.index >= parts.length) parts.push(sv); else parts[o.index] = sv;
    v = { ...(v.kind === 'scalar' ? v : { kind: 'scalar', tag: '' }), value: parts.join(o.delimiter) } as KNode;
  }
  if (target.kind === 'scalar' && v.kind === 'scalar') {
    target.value = v.value;
    if (v.src) target.src = v.src;
    return;
  }
  replaceNode(root, target, v);
}

function replaceNode(n: KNode, target: KNode, v: KNode): boolean {
  if (n.kind === 'map') {
    for (const e of n.entries) { if (e.value === target) { e.value = v; return true; } if (replaceNode(e.value, target, v)) return true; }
  } else if (n.kind === 'seq') {
    for (let i = 0; i < n.items.length; i++) { if (n.items[i] === target) { n.items[i] = v; return true; } if (replaceNode(n.items[i], target, v)) return true; }
  }
  return false;
}
