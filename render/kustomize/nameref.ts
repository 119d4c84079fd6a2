import { KustomizeError } from './errors';
import { applyFieldSpec, fieldSpecMatches, splitPath } from './fieldspec';
import { get, isMap, isNull, replaceScalar, set, str, type KMap, type KNode } from './node';
import { gvkSelected, idString, sameEnding, type Gvk, type Resource } from './resource';
import type { ResMap } from './resmap';
import type { FieldSpec, NameBackRef } from './builtin-config';
import { replaceAt } from './transformers';

/**
 * Name references (kustomize's nameReference transformer, run once at the end of the build): a field that
 * names another object (a ConfigMap in a volume, a ServiceAccount in a binding) follows that object's
 * renames (prefix, suffix, hash, namespace).
 */
export function fixNameReferences(m: ResMap, backRefs: ReadonlyArray<NameBackRef>): void {
  const work = new Map<Resource, Array<{ spec: FieldSpec; target: Partial<Gvk> }>>();
  for (const br of backRefs) {
    for (const spec of br.fieldSpecs) {
      for (const r of m.list) {
        if (!gvkSelected(r.orgId(), spec)) continue;
        if (!hasField(r.node, spec.path)) continue;
        const list = work.get(r) ?? [];
        list.push({ spec, target: { group: br.group, version: br.version, kind: br.kind } });
        work.set(r, list);
      }
    }
  }
  for (const [referrer, list] of work) {
    const candidates = couldBeReferenced(m, referrer);
    for (const { spec, target } of list) {
      const f = new NameRef(referrer, spec, target, candidates);
      try {
        applyFieldSpec(referrer.node, { ...spec, ...referrer.gvk }, (node, parent, key) => f.set(node, parent, key));
      } catch (e) {
        throw new KustomizeError(`updating name reference in '${spec.path}' field of '${idString(referrer.curId())}': ${(e as Error).message}`);
      }
    }
  }
}

function hasField(n: KNode, path: string): boolean {
  let cur: KNode[] = [n];
  for (const seg of splitPath(path)) {
    const name = seg.endsWith('[]') ? seg.slice(0, -2) : seg;
    const next: KNode[] = [];
    for (const c of cur) {
      const items = c.kind === 'seq' ? c.items : [c];
      for (const i of items) { const v = get(i, name); if (v !== undefined) next.push(v); }
    }
    if (!next.length) return false;
    cur = next;
  }
  return true;
}

function couldBeReferenced(m: ResMap, referrer: Resource): Resource[] {
  const rid = referrer.curId();
  if (referrer.isClusterScoped()) return m.list;
  const bindingNs = new Set<string>();
  if (referrer.kind === 'RoleBinding') {
    const subjects = get(referrer.node, 'subjects');
    if (subjects?.kind === 'seq') for (const s of subjects.items) {
      const ns = get(s, 'namespace');
      const kind = get(s, 'kind');
      if (ns?.kind === 'scalar' && kind?.kind === 'scalar' && kind.value === 'ServiceAccount') bindingNs.add(ns.value);
    }
  }
  return m.list.filter((t) => {
    if (t.isClusterScoped()) return true;
    if (referrer.effectiveNamespace(t.curId()) === referrer.effectiveNamespace(rid)) return true;
    return bindingNs.has(t.namespace);
  });
}

class NameRef {
  constructor(private readonly referrer: Resource, private readonly spec: FieldSpec, private readonly target: Partial<Gvk>, private readonly candidates: Resource[]) {}

  set(node: KNode, parent: KMap | KNode[], key: string | number): void {
    if (isNull(node)) return;
    if (node.kind === 'scalar') return this.setScalar(node, parent, key);
    if (node.kind === 'map') return this.setMapping(node);
    node.items.forEach((item, i) => {
      if (item.kind === 'scalar') this.setScalar(item, node.items, i);
      else if (item.kind === 'map') this.setMapping(item);
      else throw new KustomizeError('node must be a scalar, sequence or map');
    });
  }

  private setScalar(node: KNode & { kind: 'scalar' }, parent: KMap | KNode[], key: string | number): void {
    const ref = this.select(node.value, this.candidates, (rs) => rs.every((r) => r.name === rs[0].name));
    if (!ref || ref.name === node.value) return;
    replaceAt(parent, key, replaceScalar(node, ref.name, node.src));
  }

  private setMapping(node: KMap): void {
    const name = get(node, 'name');
    if (!name) throw new KustomizeError("path config error; no 'name' field in node");
    const ns = get(node, 'namespace');
    let candidates = this.candidates;
    if (ns?.kind === 'scalar') {
      const byOrg = candidates.filter((r) => !r.isClusterScoped() && r.effectiveNamespace(r.orgId()) === ns.value);
      candidates = byOrg.length ? byOrg : candidates.filter((r) => !r.isClusterScoped() && r.effectiveNamespace(r.curId()) === ns.value);
    }
    const old = name.kind === 'scalar' ? name.value : '';
    const ref = this.select(old, candidates, (rs) => rs.every((r) => r.name === rs[0].name && r.namespace === rs[0].namespace));
    if (!ref) return;
    if (ref.name === old && ref.namespace === '') return;
    set(node, 'name', replaceScalar(name, ref.name, name.src));
    if (ref.namespace) {
      const old = get(node, 'namespace');
      set(node, 'namespace', old ? replaceScalar(old, ref.namespace, old.src) : str(ref.namespace, ref.node.src));
    }
  }

  private select(oldName: string, candidates: Resource[], identical: (rs: Resource[]) => boolean): Resource | undefined {
    let c = candidates.filter((r) => r.prevResIds().some((id) => id.name === oldName));
    c = c.filter((r) => r.prevResIds().some((id) => gvkSelected(id, this.target)));
    if (this.spec.path.endsWith('roleRef/name')) {
      const roleRef = get(this.referrer.node, 'roleRef');
      const g = get(roleRef, 'apiGroup');
      const k = get(roleRef, 'kind');
      if (isMap(roleRef) && g?.kind === 'scalar' && k?.kind === 'scalar') {
        c = c.filter((r) => r.prevResIds().some((id) => gvkSelected(id, { group: g.value, kind: k.value })));
      }
    }
    if (!this.referrer.isClusterScoped()) {
      const rid = this.referrer.curId();
      c = c.filter((r) => r.isClusterScoped() || r.kind === 'ServiceAccount' || r.effectiveNamespace(r.curId()) === this.referrer.effectiveNamespace(rid));
    }
    if (c.length === 1) return c[0];
    const ps = (r: Resource, allowEmpty: boolean) => {
      const o = this.referrer;
      const pOk = (allowEmpty && (!r.prefixes.length || !o.prefixes.length)) || sameEnding(r.prefixes, o.prefixes);
      const sOk = (allowEmpty && (!r.suffixes.length || !o.suffixes.length)) || sameEnding(r.suffixes, o.suffixes);
      return pOk && sOk;
    };
    c = c.filter((r) => ps(r, true));
    if (c.length === 1) return c[0];
    c = c.filter((r) => ps(r, false));
    if (c.length === 1) return c[0];
    if (!c.length) return undefined;
    if (identical(c)) return c[0];
    throw new KustomizeError(` found multiple possible referrals: ${c.map((r) => idString(r.curId())).join(', ')}`);
  }
}

export { fieldSpecMatches };
