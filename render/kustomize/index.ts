import { joinPath, type ReadOnlyFs } from '../fs';
import { SourceMap } from '../source-map';
import type { RenderDiagnostic, RenderOptions, RenderResult, Renderer } from '../types';
import { build } from './build';
import { BuildContext } from './context';
import { asKustomizeError } from './errors';
import { KUSTOMIZATION_FILES } from './loader';
import { composedAt, emitResourcesKept, keepEmitted, type Printed } from './emit-kept';
import { keepParsedYaml } from './yaml-in';
import { keepDirs } from './kept-dirs';
import { Composer, Parser, type Document } from 'yaml';
import { YAML_OPTIONS, type PreparedDoc } from '../../engine';
import { get, type KNode } from './node';
import { decodeScalar, v2NeedsQuotes } from './resolve';

export { legacySort } from './build';
export { KUSTOMIZATION_FILES } from './loader';
export { keepParsedYaml } from './yaml-in';

/**
 * A long-lived caller (the language server) keeps parsed files and printed resources between builds, up to about
 * `maxChars` characters of each: a rebuild after a keystroke parses and prints only what changed. 0: stop.
 */
export function keepKustomizeBuilds(maxChars: number): void {
  keepParsedYaml(maxChars);
  keepEmitted(maxChars);
  keepDirs(maxChars);
}

/** The deprecation warnings kustomize prints on stderr, as notes (placed on the deprecated field). */
function warningNotes(ctx: BuildContext): RenderDiagnostic[] { return ctx.warnings; }

/**
 * kubehex's own Kustomize build (kubectl kustomize v5.5 semantics, no network, no plugins). The output is
 * what `kubectl kustomize ROOT` prints; the source map gives every YAML node of it the file, document, path
 * and range it was written at, with the chain of overlays, patches and transformers that carried it.
 * `helm` renders the local charts of `helmCharts:` (as `kustomize build --enable-helm` would); a function is
 * asked at each render (the registry's Helm renderer, once there is one).
 */
export function makeKustomizeRenderer(helm?: Renderer | (() => Renderer | undefined)): Renderer {
  return {
    kind: 'kustomize',
    isRoot(fs: ReadOnlyFs, dir: string): boolean {
      return KUSTOMIZATION_FILES.some((f) => fs.stat(joinPath(dir, f)) === 'file');
    },
    render(fs: ReadOnlyFs, root: string, options: RenderOptions): RenderResult {
      const ctx = new BuildContext(fs, root, options, typeof helm === 'function' ? helm() : helm);
      try {
        const { resources } = build(ctx);
        const nodes = resources.map((r) => r.node);
        const { text, map, starts, printed } = emitResourcesKept(nodes);
        return {
          kind: 'kustomize', root, text, map, documents: preparedDocs(text, nodes, starts, printed),
          inputs: [...new Set([...ctx.inputs, ...ctx.reads])].sort().map((file) => ({ file, reason: 'kustomize-input' as const })),
          errors: [], notes: [...warningNotes(ctx), ...ctx.notes],
        };
      } catch (e) {
        const k = asKustomizeError(e);
        const err: RenderDiagnostic = { file: k.file ?? root, message: k.message };
        if (k.range) err.range = k.range;
        if (k.remote) err.remote = k.remote;
        return {
          kind: 'kustomize', root, text: '', map: new SourceMap([]),
          inputs: [...new Set([...ctx.inputs, ...ctx.reads])].sort().map((file) => ({ file, reason: 'kustomize-input' as const })),
          errors: [err], notes: [...warningNotes(ctx), ...ctx.notes],
        };
      }
    },
  };
}

/**
 * The printed documents for the engine (PreparedDoc): the text is valid YAML by construction, so the engine need
 * not parse it all again; a document is composed (alone, from its slice) only when a rule lints it. Its head
 * comes from the built node, for values printed as plain text; a document with any other head is composed now.
 */
function preparedDocs(text: string, nodes: ReadonlyArray<KNode>, starts: ReadonlyArray<number>, printed?: ReadonlyArray<Printed>): PreparedDoc[] {
  return nodes.map((n, i) => {
    const start = starts[i];
    const end = i + 1 < starts.length ? starts[i + 1] : text.length;
    const slice = () => composeSlice(text.slice(start, end));
    // a printed document kept from an earlier build, at the same place: its composed document, offsets already
    // those of the whole text (base 0)
    const p = printed?.[i];
    const base = p ? 0 : start;
    const compose = p ? () => composedAt(p, start, slice) : slice;
    const head = headOf(n);
    return head ? { start, end, base, head, compose } : { start, end, base, doc: compose() };
  });
}

function composeSlice(slice: string): Document.Parsed {
  const docs = [...new Composer(YAML_OPTIONS as never).compose(new Parser().parse(slice))] as Document.Parsed[];
  return docs[0];
}

/** A value the emitter prints as plain text, equal to that text; anything else (quoted, a number, a map) undefined. */
const SIMPLE = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
function plainText(v: KNode | undefined): string | undefined {
  if (v?.kind !== 'scalar') return undefined;
  const d = decodeScalar(v.tag, v.value);
  return typeof d === 'string' && d.length <= 60 && SIMPLE.test(d) && !v2NeedsQuotes(d) ? d : undefined;
}

/** readHead + readName of the printed document, or undefined when the node has a head they would read otherwise. */
function headOf(n: KNode): PreparedDoc['head'] | undefined {
  if (n.kind !== 'map' || !n.entries.length) return undefined;
  const head: NonNullable<PreparedDoc['head']> = {};
  for (const e of n.entries) {
    if (e.key !== 'kind' && e.key !== 'apiVersion' && e.key !== 'metadata') continue;
    if (e.key === 'metadata') {
      if (e.value.kind !== 'map') return undefined;
      // the composed object's namespace: a string value, else none
      const ns = get(e.value, 'namespace');
      if (ns === undefined) head.namespace = null;
      else if (plainText(ns) !== undefined) head.namespace = plainText(ns);
      const name = get(e.value, 'name');
      if (name === undefined) continue;
      const t = plainText(name);
      if (t === undefined) return undefined;
      head.name = t;
      continue;
    }
    const t = plainText(e.value);
    if (t === undefined) return undefined;
    head[e.key] = t;
  }
  return head;
}

export const kustomizeRenderer: Renderer = makeKustomizeRenderer();
