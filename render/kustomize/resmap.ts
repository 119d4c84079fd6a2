import { idString, gvkSelected, type ResId, type Resource } from './resource';
import { KustomizeError } from './errors';

export interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

/** kustomize's ResMap: resources in order, unique by current id. */
export class ResMap {
  constructor(public list: Resource[] = []) {}

  get size(): number { return this.list.length; }

  append(r: Resource): void {
    const id = r.curId();
    // the same name first (idEquals compares it): most resources of a big build are not compared further
    if (this.list.some((x) => x.name === id.name && r.idEquals(x.curId(), id))) throw new KustomizeError(`may not add resource with an already registered id: ${idString(id)}`);
    this.list.push(r);
  }

  appendAll(other: ResMap | Resource[]): void {
    for (const r of Array.isArray(other) ? other : other.list) this.append(r);
  }

  remove(r: Resource): void {
    const i = this.list.indexOf(r);
    if (i >= 0) this.list.splice(i, 1);
  }

  replaceAt(old: Resource, r: Resource): void {
    const i = this.list.indexOf(old);
    if (i >= 0) this.list[i] = r;
  }

  byCurrentId(id: ResId, self: Resource): Resource[] { return this.list.filter((r) => self.idEquals(r.curId(), id)); }

  /** Resources whose current id or any previous id equals `id`. */
  byAnyId(id: ResId, probe: Resource): Resource[] {
    return this.list.filter((r) => [...r.prevResIds(), r.curId()].some((x) => probe.idEquals(x, id)));
  }

  byOriginalId(pred: (id: ResId) => boolean): Resource[] { return this.list.filter((r) => pred(r.orgId())); }

  /** GetById: exactly one resource with this id (current or previous). */
  getById(id: ResId, probe: Resource): Resource {
    const found = this.byAnyId(id, probe);
    if (found.length === 1) return found[0];
    const why = found.length > 1 ? `multiple matches for Id ${idString(id)}` : `no matches for Id ${idString(id)}`;
    throw new KustomizeError(`${why}; failed to find unique target for patch ${idString(id)}`);
  }

  select(s: Selector): Resource[] {
    const rx = (p: string | undefined) => (p ? new RegExp(`^(?:${p})$`) : undefined);
    const name = rx(s.name), ns = rx(s.namespace), group = rx(s.group), version = rx(s.version), kind = rx(s.kind);
    const labels = s.labelSelector ? parseLabelSelector(s.labelSelector) : undefined;
    const annos = s.annotationSelector ? parseLabelSelector(s.annotationSelector) : undefined;
    return this.list.filter((r) => {
      const cur = r.curId();
      const org = r.orgId();
      if (ns && !ns.test(r.effectiveNamespace(org)) && !ns.test(r.effectiveNamespace(cur))) return false;
      if (name && !name.test(org.name) && !name.test(cur.name)) return false;
      const g = r.gvk;
      if ((group && !group.test(g.group)) || (version && !version.test(g.version)) || (kind && !kind.test(g.kind))) return false;
      if (labels && !labels(r.labels())) return false;
      if (annos && !annos(r.annotations())) return false;
      return true;
    });
  }

  filterByGvk(sel: { group?: string; version?: string; kind?: string }): Resource[] { return this.list.filter((r) => gvkSelected(r.gvk, sel)); }
}

type Req = (m: Map<string, string>) => boolean;

/** A Kubernetes label selector string (`a=b,c!=d,e in (f,g),!h`) as a predicate on a label map. */
export function parseLabelSelector(s: string): Req {
  const reqs: Req[] = [];
  const parts: string[] = [];
  let depth = 0, cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) { parts.push(cur); cur = ''; } else cur += ch;
  }
  parts.push(cur);
  for (const raw of parts) {
    const p = raw.trim();
    if (!p) continue;
    let m = /^(\S+?)\s+(in|notin)\s*\((.*)\)$/.exec(p);
    if (m) {
      const [, key, op, list] = m;
      const vals = list.split(',').map((v) => v.trim());
      reqs.push(op === 'in' ? (l) => l.has(key) && vals.includes(l.get(key)!) : (l) => !l.has(key) || !vals.includes(l.get(key)!));
      continue;
    }
    m = /^([^=!\s]+)\s*(==|=|!=)\s*(.*)$/.exec(p);
    if (m) {
      const [, key, op, val] = m;
      reqs.push(op === '!=' ? (l) => l.get(key) !== val.trim() : (l) => l.get(key) === val.trim());
      continue;
    }
    if (p.startsWith('!')) { const key = p.slice(1).trim(); reqs.push((l) => !l.has(key)); continue; }
    reqs.push((l) => l.has(p));
  }
  return (l) => reqs.every((r) => r(l));
}
