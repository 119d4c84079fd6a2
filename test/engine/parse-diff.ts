import { isDocument, isMap, isPair, isScalar, isSeq, isAlias } from 'yaml';
import { isDeepStrictEqual } from 'node:util';
import type { ParsedFile } from '../../engine/parse';

/**
 * The first difference between two readings of one text (the fast path and the `yaml` package's), or undefined:
 * every document's offsets, head, lazy name, errors, duplicates, plain value, and every node of a composed document
 * (class, range, scalar type, value, source, tag, format, flow).
 */
export function parsedDiff(a: ParsedFile, b: ParsedFile): string | undefined {
  if (!!a.fatal !== !!b.fatal) return 'fatal';
  if (a.docs.length !== b.docs.length) return `documents: ${a.docs.length} vs ${b.docs.length}`;
  for (let i = 0; i < a.docs.length; i++) {
    const x = a.docs[i], y = b.docs[i];
    const at = `doc ${i}`;
    for (const k of ['index', 'start', 'end', 'apiVersion', 'kind', 'narrow'] as const) {
      if (x[k] !== y[k]) return `${at} ${k}: ${String(x[k])} vs ${String(y[k])}`;
    }
    const same = (p: string, u: unknown, v: unknown) => (JSON.stringify(u) === JSON.stringify(v) ? undefined : `${at} ${p}: ${JSON.stringify(u)?.slice(0, 200)} vs ${JSON.stringify(v)?.slice(0, 200)}`);
    const d = same('lazy', x.lazy && { name: x.lazy.name, ns: x.lazy.namespace }, y.lazy && { name: y.lazy.name, ns: y.lazy.namespace })
      ?? same('errors', x.errors, y.errors)
      ?? same('duplicates', x.duplicates, y.duplicates)
      ?? same('comments', x.comments, y.comments)
      ?? same('value', x.value, y.value)
      ?? (isDeepStrictEqual(x.value, y.value) ? undefined : `${at} value: not deeply equal (prototypes, -0, own properties)`);
    if (d) return d;
    if (!!x.doc !== !!y.doc) return `${at} composed: ${!!x.doc} vs ${!!y.doc}`;
    if (x.doc && y.doc) {
      const n = nodeDiff(x.doc, y.doc, at);
      if (n) return n;
    }
  }
  return undefined;
}

function nodeDiff(a: unknown, b: unknown, at: string): string | undefined {
  if (a === b) return undefined;
  if (a === null || b === null || a === undefined || b === undefined) return `${at}: ${String(a)} vs ${String(b)}`;
  const ca = (a as object).constructor?.name, cb = (b as object).constructor?.name;
  if (ca !== cb) return `${at}: ${ca} vs ${cb}`;
  if (isDocument(a) && isDocument(b)) {
    if (JSON.stringify(a.range) !== JSON.stringify(b.range)) return `${at} document range: ${JSON.stringify(a.range)} vs ${JSON.stringify(b.range)}`;
    if (a.errors.length !== b.errors.length) return `${at} document errors`;
    if (a.directives?.docStart !== b.directives?.docStart) return `${at} docStart`;
    return nodeDiff(a.contents, b.contents, `${at} contents`);
  }
  if (isPair(a) && isPair(b)) return nodeDiff(a.key, b.key, `${at} key`) ?? nodeDiff(a.value, b.value, `${at} value`);
  const na = a as Record<string, unknown>, nb = b as Record<string, unknown>;
  if (JSON.stringify(na.range) !== JSON.stringify(nb.range)) return `${at} range: ${JSON.stringify(na.range)} vs ${JSON.stringify(nb.range)}`;
  for (const k of ['type', 'tag', 'format', 'flow', 'source', 'anchor', 'minFractionDigits'] as const) {
    if (na[k] !== nb[k]) return `${at} ${k}: ${JSON.stringify(na[k])} vs ${JSON.stringify(nb[k])}`;
  }
  if (isScalar(a) && isScalar(b)) {
    const va = a.value, vb = b.value;
    if (!(va === vb || (Number.isNaN(va) && Number.isNaN(vb)) || (typeof va === 'bigint' && va === vb))) return `${at} value: ${String(va)} vs ${String(vb)}`;
    return undefined;
  }
  if (isAlias(a)) return undefined;
  if ((isMap(a) && isMap(b)) || (isSeq(a) && isSeq(b))) {
    const ia = (a as { items: unknown[] }).items, ib = (b as { items: unknown[] }).items;
    if (ia.length !== ib.length) return `${at} items: ${ia.length} vs ${ib.length}`;
    for (let i = 0; i < ia.length; i++) {
      const d = nodeDiff(ia[i], ib[i], `${at}.${i}`);
      if (d) return d;
    }
  }
  return undefined;
}
