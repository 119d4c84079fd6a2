import type { Origin } from '../../source-map';
import { type SourceInfo, type Tree, isEmptyTree, lineCol } from './ast';
import { builtinFuncs } from './builtins';
import { TemplateError } from './errors';
import { defaultFuncs } from './helm-funcs';
import { ParseError, parseTemplate } from './parser';

export interface TemplateSource {
  /** Helm's template name, e.g. 'mychart/templates/deployment.yaml'. */
  name: string;
  text: string;
  /** Absolute path of the file (for errors and source-map origins). */
  file: string;
}

export interface TemplateSetOptions {
  /** Names of functions known to the parser besides Go's builtins, Sprig's and Helm's (ExecOptions.funcs). */
  funcs?: Iterable<string>;
  /** Name of the root template (Helm: 'gotpl'; `tpl` parses its text under this name, messages print it). */
  rootName?: string;
}

let knownDefault: Set<string> | undefined;

/**
 * Parsed chart templates, kept across renders while their text is unchanged when a long-lived caller asks for it
 * (keepParsedTemplates: the language server renders a chart again on every keystroke; parsing its templates was
 * a tenth of that). Keyed by template name and file; only for sets with the default functions (what the parse
 * depends on), never for `tpl` text or a failed parse. Trees are read-only to the executor (it only memoises a
 * node's own trace step on it).
 */
const parsedTrees = new Map<string, { text: string; trees: Tree[] }>();
let parsedChars = 0;
let MAX_PARSED_CHARS = 0;

/** Keep parsed templates across renders, up to about `maxChars` characters of template text (0: stop keeping). */
export function keepParsedTemplates(maxChars: number): void {
  MAX_PARSED_CHARS = maxChars;
  if (maxChars <= 0) { parsedTrees.clear(); parsedChars = 0; }
}

function cachedParse(name: string, src: SourceInfo, known: (n: string) => boolean): Tree[] {
  const key = `${name}\0${src.file}`;
  const hit = parsedTrees.get(key);
  if (hit && hit.text === src.text) return hit.trees;
  const trees = parseTemplate(name, src, known);
  if (hit) { parsedTrees.delete(key); parsedChars -= hit.text.length; }
  parsedTrees.set(key, { text: src.text, trees });
  parsedChars += src.text.length;
  // oldest first (a Map keeps insertion order)
  for (const [k, v] of parsedTrees) {
    if (parsedChars <= MAX_PARSED_CHARS) break;
    parsedTrees.delete(k);
    parsedChars -= v.text.length;
  }
  return trees;
}

/** Templates parsed from sources; `define`d templates join the set under their own names. */
export class TemplateSet {
  private readonly trees = new Map<string, Tree>();
  private readonly known: (n: string) => boolean;
  readonly rootName: string;

  constructor(readonly options: TemplateSetOptions = {}, private readonly parent?: TemplateSet) {
    knownDefault ??= new Set([...Object.keys(defaultFuncs()), ...Object.keys(builtinFuncs())]);
    const extra = new Set(options.funcs ?? []);
    const base = knownDefault;
    this.known = parent ? parent.known : (n) => base.has(n) || extra.has(n);
    this.rootName = parent?.rootName ?? options.rootName ?? 'gotpl';
  }

  /** Parse a source; throws TemplateError (kind 'parse'). A later definition replaces an earlier one unless its body is empty. */
  parse(src: TemplateSource): void {
    this.parseSource(src.name, { parseName: src.name, file: src.file, text: src.text });
  }

  /** For `tpl`: parse text under `name` in this (child) set; literal text maps to `origin` when given. */
  parseTpl(name: string, text: string, origin: Origin | undefined): void {
    this.parseSource(name, { parseName: name, file: '', text, tplOrigin: origin });
  }

  private parseSource(name: string, src: SourceInfo): void {
    let trees: Tree[];
    try {
      trees = MAX_PARSED_CHARS > 0 && src.file && !src.tplOrigin && !this.parent && this.options.funcs === undefined ? cachedParse(name, src, this.known) : parseTemplate(name, src, this.known);
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      const { line, col } = lineCol(src, e.pos);
      throw new TemplateError({ file: src.file, name: src.parseName, line: e.line, col: line + 1 === e.line ? col + 1 : 1,
        offset: e.pos, length: 0, goMessage: e.goMessage, kind: 'parse' });
    }
    for (const t of trees) {
      const old = this.lookup(t.name);
      if (old && isEmptyTree(t.root) && !isEmptyTree(old.root)) continue;
      this.trees.set(t.name, t);
    }
  }

  lookup(name: string): Tree | undefined { return this.trees.get(name) ?? this.parent?.lookup(name); }
  has(name: string): boolean { return this.lookup(name) !== undefined; }
  names(): string[] {
    const all = new Set([...(this.parent?.names() ?? []), ...this.trees.keys()]);
    return [...all].sort();
  }

  /** A set that sees this one's templates and keeps its own additions to itself (Go's Clone, as `tpl` uses). */
  child(): TemplateSet { return new TemplateSet(this.options, this); }
}
