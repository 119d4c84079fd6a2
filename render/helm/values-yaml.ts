import { isAlias, isMap as isYamlMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node, type Pair } from 'yaml';
import { LineIndex, YAML_OPTIONS, type Path } from '../../engine';
import { goYamlError } from './yaml-errors';
import { setKey, type GoMap, type ValueOrigins } from './value-origins';
import { AliasBudget } from '../yaml-aliases';
import { parsedSource } from '../map-back';

/**
 * Values files as Helm reads them: YAML 1.1 scalars through a JSON round trip, so every number is a float64
 * (a JS number), `yes`/`on` are booleans, timestamps stay strings, keys are strings, only the first document
 * counts, duplicate keys keep the last one, `<<` merge keys are honoured. Every (map, key) and (list, index) gets
 * its origin recorded: the file, the path in it, and the range of `key: value` (a block collection by its key).
 */
export class YamlValuesError extends Error {}

const VALUES_YAML_OPTIONS = { ...YAML_OPTIONS, uniqueKeys: false, merge: true } as never;

export interface ParsedValues { values: GoMap; empty: boolean }

/** Parse `text`; throws YamlValuesError with Go's wording (`error converting YAML to JSON: yaml: line N: ...`). */
export function parseValuesYaml(text: string, file: string, origins: ValueOrigins): ParsedValues {
  const first = firstDocument(text);
  if (first.error) throw new YamlValuesError(`error converting YAML to JSON: ${first.error}`);
  const doc = first.doc;
  if (!doc || doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return { values: {}, empty: true };
  const lines = new LineIndex(text);
  const conv = new Converter(doc, file, lines, origins);
  const v = conv.value(doc.contents as Node, []);
  if (v === null) return { values: {}, empty: true };
  if (typeof v !== 'object' || Array.isArray(v)) {
    throw new YamlValuesError(`error unmarshaling JSON: json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : 'bool'} into Go value of type map[string]interface {}`);
  }
  return { values: v as GoMap, empty: false };
}

function firstDocument(text: string): { doc?: Document; error?: string } {
  // the engine's parse of the file (the same composer options; merge keys are on for YAML 1.1), shared with
  // map-back, which places findings on values keys: one parse per render, none while the text is unchanged.
  // Anything but one document composed without an error takes the path below (Helm's error messages).
  const shared = parsedSource(text);
  const only = shared.docs.length === 1 && !shared.fatal ? shared.docs[0].doc : undefined;
  if (only && !only.errors.length && !only.warnings.length) return { doc: only };
  // Helm reads values with Go's yaml.Unmarshal: the first document only; later ones, even broken, are not read
  const all = parseAllDocuments(text, VALUES_YAML_OPTIONS) as unknown;
  const doc = Array.isArray(all) ? (all[0] as Document | undefined) : undefined;
  const err = doc?.errors[0];
  if (err) return { error: goYamlError(text, err) };
  return { doc };
}

class Converter {
  private aliasDepth = 0;
  private readonly budget = new AliasBudget((m) => new YamlValuesError(`error converting YAML to JSON: ${m}`));
  constructor(private readonly doc: Document, private readonly file: string, private readonly lines: LineIndex, private readonly origins: ValueOrigins) {}

  value(node: Node | null, path: Path): unknown {
    if (node === null || node === undefined) return null;
    this.budget.count();
    if (isAlias(node)) {
      if (++this.aliasDepth > 64) throw new YamlValuesError('error converting YAML to JSON: yaml: exceeded max depth of 64');
      try { return this.budget.through(() => this.value(node.resolve(this.doc) as Node, path)); } finally { this.aliasDepth--; }
    }
    if (isScalar(node)) return scalar(node.value);
    if (isSeq(node)) {
      const out: unknown[] = [];
      node.items.forEach((item, i) => {
        out.push(this.value(item as Node, [...path, i]));
        const r = (item as Node | null)?.range;
        if (r) this.origins.set(out, i, { kind: 'file', file: this.file, path: [...path, i], range: this.lines.range(r[0], r[1]) });
      });
      return out;
    }
    if (isYamlMap(node)) {
      const out: GoMap = {};
      this.mapInto(out, node, path, 0);
      return out;
    }
    return null;
  }

  private mapInto(out: GoMap, node: Node, path: Path, depth: number): void {
    if (!isYamlMap(node) || depth > 16) return;
    const merges: Pair[] = [];
    for (const it of node.items) {
      if (!isPair(it)) continue;
      const key = keyString(it.key as Node);
      if (key === '<<' && isScalar(it.key) && (isAlias(it.value) || isSeq(it.value) || isYamlMap(it.value))) { merges.push(it); continue; }
      setKey(out, key, this.value(it.value as Node, [...path, key]));
      this.origins.set(out, key, { kind: 'file', file: this.file, path: [...path, key], range: this.pairRange(it) });
    }
    // merged keys never override keys written in the map itself
    for (const m of merges) {
      const srcs = isSeq(m.value) ? m.value.items : [m.value];
      for (const s of srcs) {
        const target = isAlias(s) ? s.resolve(this.doc) : s;
        const tmp: GoMap = {};
        this.mapInto(tmp, target as Node, path, depth + 1);
        for (const k of Object.keys(tmp)) {
          if (Object.prototype.hasOwnProperty.call(out, k)) continue;
          setKey(out, k, tmp[k]);
          this.origins.set(out, k, this.origins.get(tmp, k));
        }
      }
    }
  }

  private pairRange(p: Pair) {
    const k = (p.key as Node | null)?.range;
    const v = p.value as Node | null;
    const start = k ? k[0] : v?.range?.[0] ?? 0;
    let end = k ? k[1] : start;
    const blockCollection = v && (isYamlMap(v) || isSeq(v)) && !(v as { flow?: boolean }).flow;
    if (v?.range && !blockCollection) end = Math.max(end, v.range[1]);
    return this.lines.range(start, end);
  }
}

function keyString(k: Node | null): string {
  if (k === null || k === undefined) return 'null';
  if (isScalar(k)) return k.value === null ? 'null' : typeof k.value === 'number' ? goFloatKey(k.value) : String(k.value);
  return String((k as { toString(): string }).toString());
}

function goFloatKey(n: number): string { return Number.isInteger(n) ? String(n) : String(n); }

function scalar(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v === null) return v;
  return v === undefined ? null : String(v);
}
