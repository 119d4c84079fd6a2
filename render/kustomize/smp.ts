import { KustomizeError } from './errors';
import { clone, get, isMissingOrNull, isNull, remove, set, type KMap, type KNode, type KSeq } from './node';
import type { SchemaCursor, SchemaSource } from './schema';

/**
 * Strategic merge as kustomize applies it (kyaml's merge2 with list items from the patch placed first):
 * maps merge field by field, `null` deletes, `$patch: delete|replace|merge` on a map, lists merge by the
 * schema's merge keys (a list the schema does not mark `merge` is replaced), primitive `merge` lists are
 * unioned. Directives kyaml does not know (`$setElementOrder/...`, `$retainKeys`) stay in the output, as
 * in kustomize. `dest` is modified in place; the result is undefined when the patch deletes it.
 */
export function strategicMerge(dest: KNode, patch: KNode, schemas: SchemaSource): KNode | undefined {
  return new Merger(schemas).walk(dest, clone(patch), undefined);
}

type Kind = 'map' | 'seq' | 'scalar';

function kindName(k: Kind): string { return k === 'map' ? 'MappingNode' : k === 'seq' ? 'SequenceNode' : 'ScalarNode'; }

class Merger {
  constructor(private readonly schemas: SchemaSource) {}

  private schemaOf(nodes: Array<KNode | undefined>, given: SchemaCursor | undefined): SchemaCursor | undefined {
    if (given) return given;
    for (const n of nodes) {
      if (n?.kind !== 'map') continue;
      const av = get(n, 'apiVersion');
      const k = get(n, 'kind');
      if (av?.kind !== 'scalar' || k?.kind !== 'scalar' || !av.value || !k.value) continue;
      const s = this.schemas.forKind(av.value, k.value);
      if (s) return s;
    }
    return undefined;
  }

  walk(dest: KNode | undefined, origin: KNode | undefined, schema: SchemaCursor | undefined): KNode | undefined {
    const s = this.schemaOf([dest, origin], schema);
    const present = [dest, origin].filter((n): n is KNode => !isMissingOrNull(n));
    if (!present.length) return this.walkMap(dest, origin, s);
    const kind = present[0].kind as Kind;
    for (const n of present) {
      if (n.kind !== kind) throw new KustomizeError(`wrong node kind: expected ${kindName(kind)} but got ${kindName(n.kind as Kind)}`);
    }
    if (kind === 'map') return this.walkMap(dest, origin, s);
    if (kind === 'seq') {
      const lm = s?.listMerge();
      if (s && lm && lm.strategy.split(',').includes('merge')) return this.walkAssociative(dest as KSeq | undefined, origin as KSeq | undefined, s, lm.keys);
      return origin ?? dest;
    }
    return origin ?? dest;
  }

  /** `$patch` of a map patch, removed from it. */
  private directive(origin: KNode | undefined): 'merge' | 'delete' | 'replace' {
    if (origin?.kind !== 'map') return 'merge';
    const d = get(origin, '$patch');
    if (!d) return 'merge';
    const v = d.kind === 'scalar' ? d.value : '';
    if (v !== 'delete' && v !== 'replace' && v !== 'merge') throw new KustomizeError(`unknown patch strategy '${v}'`);
    remove(origin, '$patch');
    return v;
  }

  private walkMap(dest: KNode | undefined, origin: KNode | undefined, schema: SchemaCursor | undefined): KNode | undefined {
    if (isMissingOrNull(dest)) {
      if (this.directive(origin) === 'delete') return undefined;
      if (!origin || isNull(origin)) return undefined;
      return this.mergeFields(clone(origin) as KMap, origin as KMap, schema);
    }
    if (origin && isNull(origin)) return undefined;
    const d = this.directive(origin);
    if (d === 'delete') return undefined;
    if (d === 'replace') return this.mergeFields(clone(origin!) as KMap, origin as KMap, schema);
    if (!origin) return dest;
    return this.mergeFields(dest as KMap, origin as KMap, schema);
  }

  private mergeFields(dest: KMap, origin: KMap, schema: SchemaCursor | undefined): KMap {
    for (const e of origin.entries) {
      if (isNull(e.value)) { remove(dest, e.key); continue; }
      const r = this.walk(get(dest, e.key), e.value, schema?.field(e.key));
      if (r === undefined || isNull(r)) remove(dest, e.key);
      else set(dest, e.key, r);
    }
    return dest;
  }

  private walkAssociative(dest: KSeq | undefined, origin: KSeq | undefined, schema: SchemaCursor, keys: string[]): KNode | undefined {
    if (!dest || isNull(dest)) {
      if (!origin) return undefined;
      dest = clone(origin);
    }
    if (origin && isNull(origin)) return undefined;
    const sources: Array<KSeq | undefined> = [dest, origin];
    let k = keys;
    const values = this.elementValues(sources, k);
    if (values.length || k.length) return this.setElements(values, k, dest, sources, schema);
    k = [''];
    return this.setElements(this.primitiveValues(sources), k, dest, sources, schema);
  }

  private elementValues(sources: Array<KSeq | undefined>, keys: string[]): string[][] {
    const out: string[][] = [];
    const seen = new Set<string>();
    for (const src of [sources[1], sources[0]]) {
      if (!src) continue;
      for (const item of src.items) {
        const vals = keys.map((key) => {
          const f = item.kind === 'map' ? get(item, key) : undefined;
          return !f || isNull(f) || (f.kind === 'map' && !f.entries.length) || (f.kind === 'seq' && !f.items.length) ? '' : f.kind === 'scalar' ? f.value : '';
        });
        const id = JSON.stringify(vals);
        if (!vals.length || seen.has(id)) continue;
        seen.add(id);
        out.push(vals);
      }
    }
    return out;
  }

  private primitiveValues(sources: Array<KSeq | undefined>): string[][] {
    const out: string[][] = [];
    const seen = new Set<string>();
    for (const src of [sources[1], sources[0]]) {
      if (!src) continue;
      for (const item of src.items) {
        const v = item.kind === 'scalar' ? item.value : '';
        if (seen.has(v)) continue;
        seen.add(v);
        out.push([v]);
      }
    }
    return out;
  }

  private setElements(valuesList: string[][], keys: string[], dest: KSeq, sources: Array<KSeq | undefined>, schema: SchemaCursor): KSeq | undefined {
    const items: KSeq = { kind: 'seq', items: [], src: dest.src };
    const elemSchema = schema.elements();
    if (keys.length > 1) valuesList = mergeValues(valuesList);
    let validKeys: string[] = keys;
    for (const values of valuesList) {
      if (!values.length) continue;
      let validValues: string[];
      [validKeys, validValues] = validateKeys(valuesList, values, keys);
      const [ek, ev] = validateKeys([values], values, validKeys);
      const d = sources[0] ? elementList(sources[0], ek, ev) : undefined;
      const o = sources[1] ? elementList(sources[1], ek, ev) : undefined;
      const val = this.walk(d, o, elemSchema);
      if (val === undefined || isNull(val) || (val.kind === 'map' && !val.entries.length)) {
        elementSetter(dest, undefined, validKeys, validValues);
        continue;
      }
      validKeys.forEach((key, i) => {
        if (val.kind === 'map' && !get(val, key) && validValues[i] !== '') set(val, key, { kind: 'scalar', tag: '', value: validValues[i] });
      });
      elementSetter(items, val, validKeys, validValues);
    }
    if (!valuesList.length) return dest;
    appendListNode(items, dest, validKeys);
    return items;
  }
}

function matchValues(v1: string[], v2: string[]): string[] | undefined {
  if (v1.length !== v2.length) return undefined;
  let common = false;
  const res: string[] = [];
  for (let i = 0; i < v1.length; i++) {
    if (v1[i] === v2[i]) { common = true; res.push(v1[i]); continue; }
    if (v1[i] !== '' && v2[i] !== '') return undefined;
    res.push(v1[i] !== '' ? v1[i] : v2[i]);
  }
  return common ? res : undefined;
}

function mergeValues(list: string[][]): string[][] {
  const out = list.map((v) => [...v]);
  for (let i = 0; i < out.length; i++) {
    for (let j = 0; j < out.length; j++) {
      const m = matchValues(out[i], out[j]);
      if (m) { out[i] = m; out[j] = [...m]; }
    }
  }
  return out;
}

function validateKeys(valuesList: string[][], values: string[], keys: string[]): [string[], string[]] {
  const set = new Set<string>();
  for (const vs of valuesList) vs.forEach((v, i) => { if (v !== '') set.add(keys[i]); });
  if (!set.size) return [keys, values];
  return [keys.filter((k) => set.has(k)), values.filter((v, i) => v !== '' || set.has(keys[i]))];
}

/** kyaml's ElementMatcher: the first item whose key fields equal the values exactly. */
function elementList(list: KSeq, keys: string[], values: string[]): KNode | undefined {
  if (!keys.length || keys[0] === '') return list.items.find((i) => i.kind === 'scalar' && i.value === values[0]);
  return list.items.find((i) => i.kind === 'map' && keys.every((k, j) => { const f = get(i, k); return f !== undefined && !isNull(f) && f.kind === 'scalar' && f.value === values[j]; }));
}

/** kyaml's FieldMatcher with a string value: '' only requires the field to exist. */
function fieldMatches(elem: KNode, name: string, value: string): boolean {
  if (isMissingOrNull(elem)) return false;
  if (name === '') {
    if (elem.kind !== 'scalar') return false;
    return value === '' || elem.value === value;
  }
  if (elem.kind !== 'map') return false;
  const f = elem.entries.find((e) => e.key === name);
  if (!f) return false;
  return value === '' || (f.value.kind === 'scalar' && f.value.value === value);
}

/** kyaml's ElementSetter: replace (or delete, when `element` is undefined) the items matching the keys, else append. */
function elementSetter(list: KSeq, element: KNode | undefined, keys: string[], values: string[]): void {
  if (!keys.length) keys = [''];
  const mappingSetter = keys[0] !== '' && values.length > 0 && values[0] !== '';
  const out: KNode[] = [];
  let matched = false;
  for (const elem of list.items) {
    if (isMissingOrNull(elem) || (elem.kind === 'map' && !elem.entries.length)) continue;
    if (elem.kind !== 'map' && mappingSetter) { out.push(elem); continue; }
    let found = true;
    let val = false;
    for (let j = 0; j < keys.length; j++) {
      if (j < values.length) val = fieldMatches(elem, keys[j], values[j]);
      if (!val) { found = false; break; }
    }
    if (!found) { if (values.length) out.push(elem); continue; }
    matched = true;
    if (element) out.push(element);
  }
  list.items = out;
  if (!element || isNull(element)) return;
  if (!matched) list.items.push(element);
}

function appendListNode(dst: KSeq, src: KSeq, keys: string[]): void {
  for (const elem of [...src.items]) {
    if (keys[0] === '') { elementSetter(dst, elem, [''], [elem.kind === 'scalar' ? elem.value : '']); continue; }
    const v: string[] = [];
    for (const key of keys) {
      const f = elem.kind === 'map' ? get(elem, key) : undefined;
      if (!f || isNull(f)) { dst.items.push(elem); continue; }
      v.push(f.kind === 'scalar' ? f.value : '');
    }
    if (keys.length > 1) elementSetter(dst, undefined, keys, v);
    elementSetter(dst, elem, keys, v);
  }
}
