/**
 * Reading YAML as Helm does (sigs.k8s.io/yaml over go-yaml v2): YAML 1.1 scalars (yes/no/on/off are booleans),
 * merge keys, the first document only, then through JSON, so every number becomes a float64 (a JS number).
 */
import { Alias, type Document, isMap, isScalar, isSeq, parseAllDocuments, type Node as YNode } from 'yaml';
import { newMap, setKey } from './go-value';
import { formatFloat } from './float-format';
import { resolvePlain } from './yaml-resolve';
import { AliasBudget } from '../../yaml-aliases';

export class GoYamlError extends Error {}

const TAGS: Record<string, string> = {
  '!!str': 'str', 'tag:yaml.org,2002:str': 'str', '!!int': 'int', 'tag:yaml.org,2002:int': 'int', '!!float': 'float',
  'tag:yaml.org,2002:float': 'float', '!!bool': 'bool', 'tag:yaml.org,2002:bool': 'bool', '!!null': 'null',
  'tag:yaml.org,2002:null': 'null', '!!binary': 'binary', 'tag:yaml.org,2002:binary': 'binary',
};

function scalarValue(n: YNode & { value: unknown; type?: string; tag?: string }): unknown {
  const s = String(n.value ?? '');
  const tag = n.tag ? TAGS[n.tag] : undefined;
  if (tag === 'str') return s;
  if (tag === 'binary') return Buffer.from(s.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (n.type !== 'PLAIN' && !tag) return s;
  const r = resolvePlain(s);
  switch (r.tag) {
    case 'bool': return r.v;
    case 'null': return null;
    case 'int': return r.v;
    case 'float':
      if (!Number.isFinite(r.v)) throw new GoYamlError(`json: unsupported value: ${formatFloat(r.v, 'g', -1)}`);
      return r.v;
    default: return s;
  }
}

function keyString(k: unknown): string {
  if (typeof k === 'string') return k;
  if (typeof k === 'number') return Number.isInteger(k) && Math.abs(k) < 2 ** 63 ? String(k) : formatFloat(k, 'g', -1);
  if (typeof k === 'boolean') return String(k);
  if (k === null) return 'null';
  throw new GoYamlError(`Unsupported map key of type: ${typeof k}`);
}

function convert(doc: Document, n: YNode | null | undefined, depth: number, budget: AliasBudget): unknown {
  if (depth > 500) throw new GoYamlError('yaml: exceeded max depth');
  if (n === null || n === undefined) return null;
  budget.count();
  if (n instanceof Alias) return budget.through(() => convert(doc, n.resolve(doc) as YNode | undefined, depth + 1, budget));
  if (isScalar(n)) return scalarValue(n as never);
  if (isSeq(n)) return n.items.map((x) => convert(doc, x as YNode, depth + 1, budget));
  if (isMap(n)) {
    const m = newMap();
    const merges: unknown[] = [];
    for (const p of n.items) {
      const keyNode = p.key as YNode;
      const isMerge = isScalar(keyNode) && (keyNode as { type?: string }).type === 'PLAIN' && keyNode.value === '<<';
      if (isMerge) { merges.push(convert(doc, p.value as YNode, depth + 1, budget)); continue; }
      const k = keyString(convert(doc, keyNode, depth + 1, budget));
      setKey(m, k, convert(doc, p.value as YNode, depth + 1, budget));
    }
    for (const mv of merges) {
      const list = Array.isArray(mv) ? mv : [mv];
      for (const src of list) {
        if (src === null || typeof src !== 'object' || Array.isArray(src)) throw new GoYamlError('yaml: map merge requires map or sequence of maps as the value');
        for (const [k, v] of Object.entries(src)) if (!Object.prototype.hasOwnProperty.call(m, k)) setKey(m, k, v);
      }
    }
    return m;
  }
  return null;
}

/** Parse the first YAML document; null for an empty document. Throws GoYamlError with Go-like wording. */
export function readGoYaml(text: string): unknown {
  const all = parseAllDocuments(text, { schema: 'failsafe', uniqueKeys: false, merge: false, prettyErrors: false, strict: false });
  const doc = Array.isArray(all) ? all[0] : all;
  if (!doc) return null;
  if (doc.errors.length) {
    const e = doc.errors[0];
    const line = (e.linePos?.[0]?.line ?? 1);
    throw new GoYamlError(`yaml: line ${line}: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '')}`);
  }
  return convert(doc, doc.contents as YNode | null, 0, new AliasBudget((m) => new GoYamlError(m)));
}
