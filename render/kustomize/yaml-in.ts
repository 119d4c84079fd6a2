import { parseAllDocuments, isAlias, isMap, isPair, isScalar, isSeq, type Node as YNode, type Document } from 'yaml';
import { LineIndex, type Path } from '../../engine';
import { resolvePlain } from './resolve';
import { clone, NULL, STR, type KEntry, type KNode, type Src } from './node';
import { AliasBudget } from '../yaml-aliases';
import { fastParse } from './yaml-fast';

/** A YAML file read into kustomize's node model, every node knowing where it was written. */
export interface LoadedDoc { node: KNode | undefined; index: number; start: number }

export class YamlError extends Error {
  constructor(message: string, readonly offset?: number) { super(message); }
}

const TAGS: Record<string, string> = {
  'tag:yaml.org,2002:str': '!!str', 'tag:yaml.org,2002:int': '!!int', 'tag:yaml.org,2002:float': '!!float',
  'tag:yaml.org,2002:bool': '!!bool', 'tag:yaml.org,2002:null': '!!null', 'tag:yaml.org,2002:timestamp': '!!timestamp',
  'tag:yaml.org,2002:binary': '!!str',
};

/**
 * Files parsed by earlier builds, kept when a long-lived caller asks for it (the language server: a keystroke in
 * a patch rebuilds the kustomization, and only the edited file is parsed again). Keyed by file and text; a hit
 * is a copy (builds change their trees in place; `Src` objects are never changed, only replaced, so they are
 * shared).
 */
let kept: { files: Map<string, Array<{ text: string; docs: LoadedDoc[] }>>; chars: number; max: number } | undefined;

/** Keep parsed files across builds, up to about `maxChars` characters of source text (0: stop keeping). */
export function keepParsedYaml(maxChars: number): void {
  kept = maxChars > 0 ? { files: new Map(), chars: 0, max: maxChars } : undefined;
}

const copyDocs = (docs: ReadonlyArray<LoadedDoc>): LoadedDoc[] => docs.map((d) => ({ ...d, node: d.node && clone(d.node) }));

export function parseYaml(text: string, file: string): LoadedDoc[] {
  if (!kept) return parseFresh(text, file);
  const versions = kept.files.get(file);
  const hit = versions?.find((v) => v.text === text);
  if (hit) return copyDocs(hit.docs);
  const docs = parseFresh(text, file);
  if (text.length > kept.max / 4) return docs;
  const list = versions ?? [];
  list.unshift({ text, docs: copyDocs(docs) });
  kept.chars += text.length;
  // a file being edited: its last few texts (undo, a keystroke and back)
  while (list.length > 3) kept.chars -= list.pop()!.text.length;
  kept.files.delete(file);
  kept.files.set(file, list);
  for (const [f, l] of kept.files) {
    if (kept.chars <= kept.max) break;
    kept.files.delete(f);
    for (const v of l) kept.chars -= v.text.length;
  }
  return docs;
}

function parseFresh(text: string, file: string): LoadedDoc[] {
  return fastParse(text, file) ?? parseYamlGeneral(text, file);
}

/** parseYaml with the `yaml` package, for any YAML (and its errors). */
export function parseYamlGeneral(text: string, file: string): LoadedDoc[] {
  const lines = new LineIndex(text);
  const docs = parseAllDocuments(text, { schema: 'failsafe', prettyErrors: false, uniqueKeys: false, strict: false });
  const list = Array.isArray(docs) ? docs : [];
  const out: LoadedDoc[] = [];
  list.forEach((doc, index) => {
    const err = doc.errors[0];
    if (err) {
      const pos = lines.position(err.pos[0]);
      throw new YamlError(`yaml: line ${pos.line + 1}: ${err.message.split('\n')[0]}`, err.pos[0]);
    }
    const conv = new Converter(doc, file, index, lines, text);
    out.push({ node: doc.contents ? conv.node(doc.contents as YNode, []) : undefined, index, start: doc.range[0] });
  });
  return out;
}

class Converter {
  private depth = 0;
  private readonly budget = new AliasBudget((m) => new YamlError(m));
  constructor(private readonly doc: Document, private readonly file: string, private readonly index: number, private readonly lines: LineIndex, private readonly text: string) {}

  private src(n: YNode, path: Path): Src {
    const r = n.range ?? [0, 0, 0];
    return { file: this.file, doc: this.index, path, range: this.lines.range(r[0], r[1]) };
  }

  node(n: YNode, path: Path): KNode {
    if (++this.depth > 1000) throw new YamlError('yaml: exceeded max depth');
    try { return this.convert(n, path); } finally { this.depth--; }
  }

  private convert(n: YNode, path: Path): KNode {
    this.budget.count();
    if (isAlias(n)) {
      const target = n.resolve(this.doc);
      if (!target) throw new YamlError(`yaml: unknown anchor '${n.source}' referenced`);
      return this.budget.through(() => this.node(target as YNode, path));
    }
    const src = this.src(n, path);
    if (isScalar(n)) {
      let value = n.value === null || n.value === undefined ? '' : String(n.value);
      // libyaml: a block scalar that ends the input without a line break has no final newline
      if ((n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED') && value.endsWith('\n') && n.range && n.range[1] >= this.text.length && !/[\r\n]$/.test(this.text)) value = value.slice(0, -1);
      const explicit = n.tag ? TAGS[n.tag] ?? STR : undefined;
      const tag = explicit ?? (n.type === 'PLAIN' ? resolvePlain(value) : STR);
      return n.type === 'PLAIN' ? { kind: 'scalar', tag, value, src } : { kind: 'scalar', tag, value, q: true, src };
    }
    if (isSeq(n)) return { kind: 'seq', items: n.items.map((it, i) => (it ? this.node(it as YNode, [...path, i]) : { kind: 'scalar', tag: NULL, value: '' })), src };
    if (isMap(n)) {
      const entries: KEntry[] = [];
      const merges: KNode[] = [];
      for (const p of n.items) {
        if (!isPair(p)) continue;
        const k = p.key as YNode | null;
        const key = k && isScalar(k) ? String(k.value ?? '') : k ? String((k as { toString(): string }).toString()) : '';
        if (key === '<<' && k && isScalar(k) && k.type === 'PLAIN') {
          if (p.value) merges.push(this.node(p.value as YNode, path));
          continue;
        }
        const value: KNode = p.value ? this.node(p.value as YNode, [...path, key]) : { kind: 'scalar', tag: NULL, value: '', src: k ? this.src(k, [...path, key]) : undefined };
        const existing = entries.findIndex((e) => e.key === key);
        const e: KEntry = { key, value, keySrc: k ? this.src(k, [...path, key]) : undefined };
        if (k && isScalar(k) && k.type !== 'PLAIN') e.kq = true;
        if (existing >= 0) entries[existing] = e; else entries.push(e);
      }
      for (const m of merges) {
        const maps = m.kind === 'seq' ? m.items : [m];
        for (const mm of maps) if (mm.kind === 'map') for (const e of mm.entries) if (!entries.some((x) => x.key === e.key)) entries.push(e);
      }
      return { kind: 'map', entries, src };
    }
    return { kind: 'scalar', tag: NULL, value: '', src };
  }
}
