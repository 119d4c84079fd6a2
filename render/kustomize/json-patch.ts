import { KustomizeError } from './errors';
import { clone, sameNode, type KMap, type KNode, type KSeq, type Src } from './node';
import { parseYaml } from './yaml-in';

/** One RFC 6902 operation; `value` is already a node (its source kept for provenance). */
export interface JsonOp { op: string; path: string; from?: string; value?: KNode; src?: Src }

/**
 * Reads a JSON 6902 patch: a JSON array, or the same as YAML. kustomize converts YAML patches with YAML 1.1
 * rules (`yes` is true), so values here are retyped the same way.
 */
export function parseJsonPatch(text: string, file: string): JsonOp[] {
  const trimmed = text.trim();
  if (!trimmed) throw new KustomizeError('empty json patch operations');
  const root = parseYaml(text, file).find((d) => d.node)?.node;
  if (root?.kind !== 'seq') throw new KustomizeError(`json: cannot unmarshal object into Go value of type jsonpatch.Patch`);
  return opsFromNode(root, trimmed[0] !== '[');
}

/** The operations of an already parsed patch (a sequence node); `yaml11`: the patch was written as YAML. */
export function opsFromNode(root: KSeq, yaml11: boolean): JsonOp[] {
  return root.items.map((item) => {
    if (item.kind !== 'map') throw new KustomizeError('json: cannot unmarshal into Go value of type jsonpatch.Operation');
    const g = (k: string) => { const e = item.entries.find((x) => x.key === k); return e?.value; };
    const op = g('op'); const path = g('path'); const from = g('from'); const value = g('value');
    const out: JsonOp = { op: op?.kind === 'scalar' ? op.value : '', path: path?.kind === 'scalar' ? path.value : '', src: item.src };
    if (from?.kind === 'scalar') out.from = from.value;
    if (value) out.value = yaml11 ? retype11(value) : value;
    return out;
  });
}

function key11(k: string): string {
  if (/^(y|Y|yes|Yes|YES|on|On|ON|true|True|TRUE)$/.test(k)) return 'true';
  if (/^(n|N|no|No|NO|off|Off|OFF|false|False|FALSE)$/.test(k)) return 'false';
  return k;
}

/** YAML 1.1 resolution of plain scalars, as sigs.k8s.io/yaml reads a YAML patch. */
function retype11(n: KNode): KNode {
  if (n.kind === 'map') return { ...n, entries: n.entries.map((e) => ({ ...e, key: e.kq ? e.key : key11(e.key), value: retype11(e.value) })) };
  if (n.kind === 'seq') return { ...n, items: n.items.map(retype11) };
  if (n.q || n.tag !== '!!str') return n;
  if (/^(y|Y|yes|Yes|YES|on|On|ON)$/.test(n.value)) return { ...n, tag: '!!bool', value: 'true' };
  if (/^(n|N|no|No|NO|off|Off|OFF)$/.test(n.value)) return { ...n, tag: '!!bool', value: 'false' };
  if (/^[-+]?0[0-7]+$/.test(n.value)) return { ...n, tag: '!!int', value: String(parseInt(n.value, 8)) };
  return n;
}

function unescape(seg: string): string { return seg.replace(/~1/g, '/').replace(/~0/g, '~'); }

function splitPointer(p: string): string[] {
  if (p === '') return [];
  // evanphx/json-patch reads a pointer without its leading slash the same way
  return (p.startsWith('/') ? p.slice(1) : p).split('/').map(unescape);
}

interface Loc { container: KMap | KSeq; key: string }

/** The container of the pointer's last segment, or undefined (json-patch's findObject). */
function findObject(doc: KNode, path: string): Loc | undefined {
  const segs = splitPointer(path);
  if (!segs.length) return undefined;
  let cur: KNode = doc;
  for (const s of segs.slice(0, -1)) {
    const next = child(cur, s);
    if (!next) return undefined;
    cur = next;
  }
  if (cur.kind === 'scalar') return undefined;
  return { container: cur, key: segs[segs.length - 1] };
}

/** json-patch words the missing-path error of add and remove with the path quoted, the others without. */
function locate(doc: KNode, path: string, op: string, what = 'path'): Loc {
  const loc = findObject(doc, path);
  if (loc) return loc;
  const shown = op === 'add' || op === 'remove' ? `"${path}"` : path;
  const subject = op === 'test' ? 'is' : 'doc is';
  throw new KustomizeError(`${op} operation does not apply: ${subject} missing ${what}: ${shown}: missing value`);
}

function child(n: KNode, key: string): KNode | undefined {
  if (n.kind === 'map') return n.entries.find((e) => e.key === key)?.value;
  if (n.kind === 'seq') { const i = Number(key); return /^\d+$/.test(key) ? n.items[i] : undefined; }
  return undefined;
}

function valueAt(loc: Loc): KNode | undefined { return child(loc.container, loc.key); }

function atoi(key: string, op: string, path: string): number {
  if (!/^[-+]?\d+$/.test(key)) throw new KustomizeError(`error in ${op} for path: '${path}': ${op === 'add' ? `value was not a proper array index: '${key}': ` : ''}strconv.Atoi: parsing "${key}": invalid syntax`);
  return Number(key);
}

function addAt(loc: Loc, value: KNode, path: string): void {
  const { container, key } = loc;
  if (container.kind === 'map') {
    const e = container.entries.find((x) => x.key === key);
    if (e) e.value = value; else container.entries.push({ key, value });
    return;
  }
  if (key === '-') { container.items.push(value); return; }
  let i = atoi(key, 'add', path);
  const n = container.items.length;
  if (i < 0) { if (i < -n - 1) throw new KustomizeError(`error in add for path: '${path}': Unable to access invalid index: ${key}: invalid index referenced`); i += n + 1; }
  if (i > n) throw new KustomizeError(`error in add for path: '${path}': Unable to access invalid index: ${key}: invalid index referenced`);
  container.items.splice(i, 0, value);
}

function removeAt(loc: Loc, path: string, op = 'remove'): KNode {
  const { container, key } = loc;
  if (container.kind === 'map') {
    const i = container.entries.findIndex((x) => x.key === key);
    if (i < 0) throw new KustomizeError(`error in ${op} for path: '${op === 'move' ? key : path}': Unable to remove nonexistent key: ${key}: missing value`);
    return container.entries.splice(i, 1)[0].value;
  }
  let i = atoi(key, op, path);
  if (i < 0) i += container.items.length;
  if (i < 0 || i >= container.items.length) throw new KustomizeError(`error in ${op} for path: '${path}': Unable to access invalid index: ${key}: invalid index referenced`);
  return container.items.splice(i, 1)[0];
}

const NULL: KNode = { kind: 'scalar', tag: '!!null', value: 'null' };

/** Applies the operations in order to `doc` (modified in place). */
export function applyJsonPatch(doc: KMap, ops: ReadonlyArray<JsonOp>): void {
  for (const o of ops) {
    switch (o.op) {
      case 'add': addAt(locate(doc, o.path, 'add'), clone(o.value ?? NULL), o.path); break;
      case 'remove': removeAt(locate(doc, o.path, 'remove'), o.path); break;
      case 'replace': {
        const loc = locate(doc, o.path, 'replace');
        const v = clone(o.value ?? NULL);
        if (loc.container.kind === 'map') {
          const e = loc.container.entries.find((x) => x.key === loc.key);
          if (e) e.value = v; else loc.container.entries.push({ key: loc.key, value: v });
        } else {
          const i = Number(loc.key);
          if (!/^\d+$/.test(loc.key) || i >= loc.container.items.length) throw new KustomizeError(`replace operation does not apply: doc is missing key: ${o.path}: missing value`);
          loc.container.items[i] = v;
        }
        break;
      }
      case 'move': {
        const from = o.from ?? '';
        const v = removeAt(locate(doc, from, 'move', 'from path'), from, 'move');
        addAt(locate(doc, o.path, 'move', 'destination path'), v, o.path);
        break;
      }
      case 'copy': {
        const v = valueAt(locate(doc, o.from ?? '', 'copy', 'from path')) ?? NULL;
        addAt(locate(doc, o.path, 'copy', 'destination path'), clone(v), o.path);
        break;
      }
      case 'test': {
        const cur = valueAt(locate(doc, o.path, 'test'));
        if (!cur || !sameJson(cur, o.value ?? NULL)) throw new KustomizeError(`testing value ${o.path} failed: test failed`);
        break;
      }
      default: throw new KustomizeError(`Unexpected kind: ${o.op}`);
    }
  }
}

function sameJson(a: KNode, b: KNode): boolean { return sameNode(a, b); }
