import { SourceMapBuilder } from '../../render/source-map';
import type { EngineError, TemplateEngine, TemplateSetLike, TemplateSource } from '../../render/helm/engine-api';

/**
 * A stand-in template engine for testing the chart layer alone: a template's output is its text, except
 * `[[path.to.value]]`, replaced by the value read from `.Values` (with its origin recorded), `[[fail MSG]]`, which
 * fails like Helm's `fail`, and `[[lookup]]`, which calls the lookup hook. Parsing records the order.
 */
export interface LiteralSet extends TemplateSetLike { sources: Map<string, TemplateSource>; order: string[] }

export class FakeTemplateError extends Error implements EngineError {
  constructor(public file: string, public override name: string, public line: number, public col: number, public offset: number, public length: number, public goMessage: string, public kind: 'parse' | 'exec' | 'limit', public failMessage?: string) { super(goMessage); }
}

export const literalEngine: TemplateEngine = {
  newSet(): LiteralSet {
    const sources = new Map<string, TemplateSource>();
    const order: string[] = [];
    return { sources, order, parse(s) { sources.set(s.name, s); order.push(s.name); } };
  },
  execute(set, name, data, opts) {
    const src = (set as LiteralSet).sources.get(name)!;
    const b = new SourceMapBuilder();
    const re = /\[\[([^\]]*)\]\]/g;
    let last = 0;
    for (let m = re.exec(src.text); m; m = re.exec(src.text)) {
      b.literal(src.text.slice(last, m.index), src.file, last);
      last = m.index + m[0].length;
      const expr = m[1];
      if (expr.startsWith('fail ')) {
        const line = src.text.slice(0, m.index).split('\n').length;
        const col = m.index - src.text.lastIndexOf('\n', m.index - 1);
        throw new FakeTemplateError(src.file, name, line, col, m.index, m[0].length, `template: ${name}:${line}:${col}: executing "${name}" at <fail>: error calling fail: ${expr.slice(5)}`, 'exec', expr.slice(5));
      }
      if (expr === 'lookup') { opts.helm?.onLookup?.('v1', 'Secret', 'ns', 'x'); continue; }
      let cur: unknown = (data as { Values: unknown }).Values;
      let container: object | undefined;
      let key = '';
      for (const k of expr.split('.')) {
        container = cur as object;
        key = k;
        cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
      }
      const text = cur === undefined || cur === null ? '' : typeof cur === 'object' ? JSON.stringify(cur) : String(cur);
      b.emit(text, container ? opts.valueOrigin?.(container, key) : undefined);
    }
    b.literal(src.text.slice(last), src.file, last);
    return b.build();
  },
  int: (n) => n,
  typed: (o) => o,
  toYaml: (v) => Object.entries(v as Record<string, string>).map(([k, x]) => `${k}: ${JSON.stringify(x)}`).join('\n'),
  asError: (e) => (e instanceof FakeTemplateError ? e : undefined),
};
