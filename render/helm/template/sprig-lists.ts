/** Sprig's list functions (they take any list by reflection and panic with Sprig's messages otherwise). */
import { eq as _eq } from './builtins';
import { type SignedFunc, sig } from './func-sig';
import { GoInt, type Kind, goTypeTag, isGoMap, kindOf, tagType, truth, typeName } from './go-value';
import { chosenProv } from './prov';
import { deepEqual } from './sprig-reflect';
import { toInt64 } from './sprig-convert';
void _eq;

const NIL_DEREF = 'runtime error: invalid memory address or nil pointer dereference';

/** The kind name Sprig prints in "Cannot … on type %s" (reflect.Kind's String). */
function kindName(v: unknown): string {
  const k: Kind = kindOf(v);
  return k === 'interface' ? 'interface' : k;
}

function asList(v: unknown, what: string): unknown[] {
  if (v === null || v === undefined) throw new Error(NIL_DEREF);
  if (Array.isArray(v)) return v;
  throw new Error(what.replace('%s', kindName(v)));
}

function mustList(v: unknown, what: string): unknown[] {
  if (v === null || v === undefined) throw new Error(NIL_DEREF);
  if (Array.isArray(v)) return v;
  throw new Error(what.replace('%s', kindName(v)).replace(/^Cannot/, 'cannot'));
}

const L = (a: unknown[]): unknown[] => a;

function chunk(size: number, list: unknown[]): unknown[] {
  if (size <= 0) throw new Error('runtime error: makeslice: len out of range');
  const out: unknown[] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return tagType(out, '[][]interface {}');
}

function uniq(list: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const x of list) if (!out.some((y) => deepEqual(x, y))) out.push(x);
  return out;
}

function until(start: number, stop: number, step: number): GoInt[] {
  const out: GoInt[] = [];
  if (step === 0) return tagType(out, '[]int');
  if (stop < start) {
    if (step >= 0) return tagType(out, '[]int');
    for (let i = start; i > stop; i += step) out.push(new GoInt(i));
  } else {
    if (step <= 0) return tagType(out, '[]int');
    for (let i = start; i < stop; i += step) out.push(new GoInt(i));
  }
  return tagType(out, '[]int');
}

function checkCount(n: number): void {
  if (Math.abs(n) > 10_000_000) throw new Error(`list of ${n} items exceeds the render limit`);
}

function seq(params: number[]): string {
  let start = 1;
  let end = 0;
  let step = 1;
  switch (params.length) {
    case 0: return '';
    case 1: end = params[0]; break;
    case 2: start = params[0]; end = params[1]; break;
    case 3: start = params[0]; step = params[1]; end = params[2]; break;
    default: return '';
  }
  if (params.length < 3 && end < start) step = -1;
  const stop = end + (step > 0 ? 1 : -1);
  checkCount((stop - start) / (step || 1));
  return until(start, stop, step).map((x) => x.value).join(' ');
}

function slice(list: unknown, idx: unknown[]): unknown {
  if (!Array.isArray(list) && typeof list !== 'string') {
    if (list === null || list === undefined) throw new Error(NIL_DEREF);
    throw new Error(`list should be type of slice or array but ${kindName(list)}`);
  }
  if (typeof list === 'string') throw new Error('list should be type of slice or array but string');
  const len = list.length;
  const i = idx.length > 0 ? toInt64(idx[0]) : 0;
  const j = idx.length > 1 ? toInt64(idx[1]) : len;
  if (i < 0 || j < i || j > len) throw new Error('reflect.Value.Slice: slice index out of bounds');
  const out = list.slice(i, j);
  const tag = goTypeTag(list);
  return tag ? tagType(out, tag) : out;
}

export function listFuncs(): Record<string, SignedFunc> {
  const push = (what: string, must: boolean) => (list: unknown, v: unknown) => [...(must ? mustList : asList)(list, what), v];
  return {
    list: sig('...any', (...a: unknown[]) => L(a)),
    tuple: sig('...any', (...a: unknown[]) => L(a)),
    append: sig('any, any', push('Cannot push on type %s', false)),
    push: sig('any, any', push('Cannot push on type %s', false)),
    mustAppend: sig('any, any', push('Cannot push on type %s', true)),
    mustPush: sig('any, any', push('Cannot push on type %s', true)),
    prepend: sig('any, any', (list: unknown, v: unknown) => [v, ...asList(list, 'Cannot prepend on type %s')]),
    mustPrepend: sig('any, any', (list: unknown, v: unknown) => [v, ...mustList(list, 'Cannot prepend on type %s')]),
    first: sig('any', (l: unknown) => asList(l, 'Cannot find first on type %s')[0] ?? null, chosenProv),
    mustFirst: sig('any', (l: unknown) => mustList(l, 'Cannot find first on type %s')[0] ?? null),
    last: sig('any', (l: unknown) => { const a = asList(l, 'Cannot find last on type %s'); return a.length ? a[a.length - 1] : null; }),
    mustLast: sig('any', (l: unknown) => { const a = mustList(l, 'Cannot find last on type %s'); return a.length ? a[a.length - 1] : null; }),
    rest: sig('any', (l: unknown) => asList(l, 'Cannot find rest on type %s').slice(1)),
    mustRest: sig('any', (l: unknown) => mustList(l, 'Cannot find rest on type %s').slice(1)),
    initial: sig('any', (l: unknown) => asList(l, 'Cannot find initial on type %s').slice(0, -1)),
    mustInitial: sig('any', (l: unknown) => mustList(l, 'Cannot find initial on type %s').slice(0, -1)),
    reverse: sig('any', (l: unknown) => [...asList(l, 'Cannot find reverse on type %s')].reverse()),
    mustReverse: sig('any', (l: unknown) => [...mustList(l, 'Cannot find reverse on type %s')].reverse()),
    uniq: sig('any', (l: unknown) => uniq(asList(l, 'Cannot find uniq on type %s'))),
    mustUniq: sig('any', (l: unknown) => uniq(mustList(l, 'Cannot find uniq on type %s'))),
    without: sig('any, ...any', (l: unknown, ...omit: unknown[]) => asList(l, 'Cannot find without on type %s').filter((x) => !omit.some((o) => deepEqual(x, o)))),
    mustWithout: sig('any, ...any', (l: unknown, ...omit: unknown[]) => mustList(l, 'Cannot find without on type %s').filter((x) => !omit.some((o) => deepEqual(x, o)))),
    has: sig('any, any', (needle: unknown, hay: unknown) => (hay === null || hay === undefined ? false : asList(hay, 'Cannot find has on type %s').some((x) => deepEqual(x, needle)))),
    mustHas: sig('any, any', (needle: unknown, hay: unknown) => (hay === null || hay === undefined ? false : mustList(hay, 'Cannot find has on type %s').some((x) => deepEqual(x, needle)))),
    compact: sig('any', (l: unknown) => asList(l, 'Cannot compact on type %s').filter(truth)),
    mustCompact: sig('any', (l: unknown) => mustList(l, 'Cannot compact on type %s').filter(truth)),
    slice: sig('any, ...any', (l: unknown, ...ix: unknown[]) => slice(l, ix)),
    mustSlice: sig('any, ...any', (l: unknown, ...ix: unknown[]) => slice(l, ix)),
    concat: sig('...any', (...lists: unknown[]) => {
      const out: unknown[] = [];
      for (const l of lists) {
        if (l === null || l === undefined) throw new Error(NIL_DEREF);
        if (!Array.isArray(l)) throw new Error(`Cannot concat type ${kindName(l)} as list`);
        out.push(...l);
      }
      return out;
    }),
    chunk: sig('int, any', (size: GoInt, l: unknown) => chunk(size.value, asList(l, 'Cannot chunk type %s'))),
    mustChunk: sig('int, any', (size: GoInt, l: unknown) => chunk(size.value, mustList(l, 'Cannot chunk type %s'))),
    until: sig('int', (c: GoInt) => { checkCount(c.value); return until(0, c.value, c.value < 0 ? -1 : 1); }),
    untilStep: sig('int, int, int', (a: GoInt, b: GoInt, s: GoInt) => { checkCount((b.value - a.value) / (s.value || 1)); return until(a.value, b.value, s.value); }),
    seq: sig('...int', (...p: GoInt[]) => seq(p.map((x) => x.value))),
  };
}

export { isGoMap, typeName };
