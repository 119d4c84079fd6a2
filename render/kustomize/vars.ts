import { KustomizeError } from './errors';
import { applyFieldSpec } from './fieldspec';
import { get, getString, isMap, type KNode, type KScalar, type Src } from './node';
import { decodeScalar, goFormatG } from './resolve';
import { parseApiVersion, type Resource } from './resource';
import type { ResMap } from './resmap';
import type { FieldSpec } from './builtin-config';

/** A `vars:` entry (deprecated in kustomize, still honoured). */
export interface Var { name: string; kind: string; group: string; version: string; objName: string; namespace: string; fieldPath: string; src?: Src }

export function readVar(n: KNode): Var {
  const ref = get(n, 'objref');
  const av = getString(ref, 'apiVersion');
  const gv = av ? parseApiVersion(av) : { group: getString(ref, 'group') ?? '', version: getString(ref, 'version') ?? '' };
  return {
    name: getString(n, 'name') ?? '', kind: getString(ref, 'kind') ?? '', group: gv.group, version: gv.version,
    objName: getString(ref, 'name') ?? '', namespace: getString(ref, 'namespace') ?? '',
    fieldPath: getString(get(n, 'fieldref'), 'fieldpath') || 'metadata.name', src: n.src,
  };
}

/** MergeVars: bind each var to the resource it names (by original id). */
export function bindVars(m: ResMap, vars: ReadonlyArray<Var>): void {
  for (const v of vars) {
    const matched = m.list.filter((r) => {
      const id = r.orgId();
      if (id.group !== v.group || id.version !== v.version || id.kind !== v.kind || id.name !== v.objName) return false;
      if (v.namespace || r.isClusterScoped(id)) return r.effectiveNamespace(id) === r.effectiveNamespace({ ...id, namespace: v.namespace });
      return true;
    });
    if (matched.length > 1) throw new KustomizeError(`found ${matched.length} resId matches for var ${describe(v)} (unable to disambiguate)`);
    if (matched.length === 1) matched[0].refVarNames.push(v.name);
  }
}

function describe(v: Var): string {
  return `{${v.name} {${v.kind} ${v.objName} ${v.group ? v.group + '/' : ''}${v.version} ${v.namespace}} {${v.fieldPath}}}`;
}

type Value = string | number | boolean | bigint;

function fieldValue(r: Resource, path: string): Value | undefined {
  const fields = path.split('.').flatMap((f) => { const m = /^(.*)\[(\d+)\]$/.exec(f); return m ? [m[1], m[2]] : [f]; });
  let cur: KNode | undefined = r.node;
  for (const f of fields) {
    if (cur?.kind === 'seq' && /^\d+$/.test(f)) cur = cur.items[Number(f)];
    else cur = get(cur, f);
  }
  if (!cur || cur.kind !== 'scalar') return undefined;
  const d = decodeScalar(cur.tag, cur.value);
  if (d === null) return cur.value;
  if (typeof d === 'object') return 'int' in d ? d.int : d.float;
  return d;
}

/** ResolveVars: replace `$(NAME)` in the var-reference fields; returns the names never used. */
export function resolveVars(m: ResMap, vars: ReadonlyArray<Var>, specs: ReadonlyArray<FieldSpec>): string[] {
  const values = new Map<string, Value>();
  for (const v of [...vars].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const res = m.list.find((r) => r.refVarNames.includes(v.name));
    if (!res) throw new KustomizeError(`var '${describe(v)}' cannot be mapped to a field in the set of known resources`);
    const val = fieldValue(res, v.fieldPath);
    if (val === undefined) throw new KustomizeError(`field specified in var '${describe(v)}' not found in corresponding resource`);
    values.set(v.name, val);
  }
  if (!values.size) return [];
  const counts = new Map<string, number>();
  const mapping = (name: string): Value => {
    if (values.has(name)) { counts.set(name, (counts.get(name) ?? 0) + 1); return values.get(name)!; }
    return `$(${name})`;
  };
  const update = (n: KNode): KNode => {
    if (n.kind !== 'scalar' || typeof decodeScalar(n.tag, n.value) !== 'string') return n;
    const v = expand(n.value, mapping);
    const out: KScalar = { ...n, q: false };
    if (typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v) && !String(v).includes('.'))) { out.tag = '!!int'; out.value = String(v); }
    else if (typeof v === 'number') { out.tag = '!!float'; out.value = String(v); }
    else if (typeof v === 'boolean') { out.tag = '!!bool'; out.value = String(v); }
    else { out.tag = '!!str'; out.value = v; }
    return out;
  };
  for (const r of m.list) {
    for (const fs of specs) {
      applyFieldSpec(r, fs, (node, parent, key) => {
        if (node.kind === 'scalar') { const u = update(node); if (Array.isArray(parent)) parent[key as number] = u; else if (isMap(parent)) { const e = parent.entries.find((x) => x.key === key); if (e) e.value = u; } }
        else if (node.kind === 'map') for (const e of node.entries) e.value = update(e.value);
        else node.items = node.items.map(update);
      });
    }
  }
  return [...values.keys()].filter((k) => !counts.get(k)).sort();
}

function show(v: Value): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFormatG(v);
  return String(v);
}

/** Kubernetes' `$(VAR)` expansion (`$$` escapes); a string that is exactly one reference keeps the value's type. */
export function expand(input: string, mapping: (name: string) => Value): Value {
  let buf = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    buf += input.slice(checkpoint, cursor);
    const rest = input.slice(cursor + 1);
    let read: string; let isVar = false; let advance = 1;
    if (rest[0] === '$') read = '$';
    else if (rest[0] === '(') {
      const close = rest.indexOf(')', 1);
      if (close > 0) { read = rest.slice(1, close); isVar = true; advance = close + 1; } else read = '$(';
    } else read = '$' + rest[0];
    if (isVar) {
      const mapped = mapping(read);
      if (input === `$(${read})`) return mapped;
      buf += show(mapped);
    } else buf += read;
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return buf + input.slice(checkpoint);
}
