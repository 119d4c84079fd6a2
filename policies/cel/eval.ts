/** CEL evaluator: a tree walker with CEL's error/unknown semantics and a step budget. */
import type { Node } from './parser';
import { CelCostExceeded, CelError, CelMap, CelOptional, CelType, CelUint, CelUnknown, mapKey, typeName, type Value } from './values';
import { add, compare, divide, equals, modulo, multiply, negate, subtract } from './operators';
import { callFunction, TYPE_NAMES } from './functions';

export interface Activation { get(name: string): Value | undefined; has(name: string): boolean }

export interface EvalState { steps: number; limit: number }

/** Variables visible in one scope; comprehensions push a child scope. */
class Scope implements Activation {
  constructor(private readonly parent: Activation, private readonly name: string, private readonly value: Value, private readonly name2?: string, private readonly value2?: Value) {}
  get(n: string): Value | undefined {
    if (n === this.name) return this.value;
    if (this.name2 !== undefined && n === this.name2) return this.value2;
    return this.parent.get(n);
  }
  has(n: string): boolean { return n === this.name || (this.name2 !== undefined && n === this.name2) || this.parent.has(n); }
}

export function evaluate(node: Node, act: Activation, st: EvalState): Value {
  if (++st.steps > st.limit) throw new CelCostExceeded(`evaluation exceeded its budget of ${st.limit} steps`);
  switch (node.t) {
    case 'lit': return node.v;
    case 'ident': return ident(node.name, act, node.pos);
    case 'select': return select(node, act, st);
    case 'index': return index(node, act, st);
    case 'call': return call(node, act, st);
    case 'list': return listLit(node, act, st);
    case 'map': return mapLit(node, act, st);
    case 'cond': {
      const c = evaluate(node.c, act, st);
      if (typeof c !== 'boolean') throw new CelError(`no matching overload for _?_:_ on ${typeName(c)}`, node.c.pos);
      return evaluate(c ? node.a : node.b, act, st);
    }
    case 'and': case 'or': return logical(node.t, node.l, node.r, act, st);
    case 'not': {
      const x = evaluate(node.x, act, st);
      if (typeof x !== 'boolean') throw new CelError(`no matching overload for !_ on ${typeName(x)}`, node.pos);
      return !x;
    }
    case 'neg': return negate(evaluate(node.x, act, st));
    case 'bin': return binary(node.op, evaluate(node.l, act, st), evaluate(node.r, act, st), node.pos);
    case 'has': return hasField(node.x, act, st);
    case 'comp': return comprehension(node, act, st);
  }
}

function ident(name: string, act: Activation, pos: number): Value {
  const v = act.get(name);
  if (v !== undefined) return v;
  if (TYPE_NAMES.has(name)) return new CelType(name);
  if (name === 'authorizer') throw new CelUnknown('authorizer checks need the live API server');
  throw new CelError(`undeclared reference to '${name}'`, pos);
}

/** `a.b.c` may name a qualified variable (`variables.x` declared flat); the longest declared name wins. */
const qualifiedNames = new WeakMap<Node, string | null>();
function qualifiedName(n: Node): string | undefined {
  if (n.t === 'ident') return n.name;
  if (n.t !== 'select' || n.opt) return undefined;
  let q = qualifiedNames.get(n);
  if (q === undefined) { const p = qualifiedName(n.x); q = p === undefined ? null : `${p}.${n.field}`; qualifiedNames.set(n, q); }
  return q ?? undefined;
}

export function fieldOf(x: Value, field: string, pos: number): Value {
  if (x instanceof Map) {
    const v = x.get(field);
    if (v === undefined) throw new CelError(`no such key: ${field}`, pos);
    return v;
  }
  throw new CelError(`type '${typeName(x)}' does not support field selection (.${field})`, pos);
}

function select(n: Node & { t: 'select' }, act: Activation, st: EvalState): Value {
  const q = qualifiedName(n);
  if (q && act.has(q)) return act.get(q)!;
  const x = evaluate(n.x, act, st);
  if (x instanceof CelOptional) {
    if (!x.present) return x;
    return optionalField(x.value!, n.field, n.pos);
  }
  if (n.opt) return optionalField(x, n.field, n.pos);
  return fieldOf(x, n.field, n.pos);
}

function optionalField(x: Value, field: string, pos: number): CelOptional {
  if (!(x instanceof Map)) throw new CelError(`type '${typeName(x)}' does not support field selection (.?${field})`, pos);
  const v = x.get(field);
  return new CelOptional(v);
}

export function indexValue(x: Value, i: Value, pos: number, opt: boolean): Value {
  if (Array.isArray(x)) {
    let k: number;
    if (typeof i === 'bigint') k = Number(i);
    else if (i instanceof CelUint) k = Number(i.v);
    else if (typeof i === 'number' && Number.isInteger(i)) k = i;
    else throw new CelError(`no matching overload for list index with ${typeName(i)}`, pos);
    if (k < 0 || k >= x.length) {
      if (opt) return new CelOptional();
      throw new CelError(`index out of bounds: ${k}`, pos);
    }
    return opt ? new CelOptional(x[k]) : x[k];
  }
  if (x instanceof Map) {
    const key = mapKey(i);
    if (key === undefined) throw new CelError(`unsupported map key type ${typeName(i)}`, pos);
    const v = x.get(key);
    if (opt) return new CelOptional(v);
    if (v === undefined) throw new CelError(`no such key: ${String(key)}`, pos);
    return v;
  }
  throw new CelError(`type '${typeName(x)}' does not support indexing`, pos);
}

function index(n: Node & { t: 'index' }, act: Activation, st: EvalState): Value {
  const x = evaluate(n.x, act, st);
  const i = evaluate(n.i, act, st);
  if (x instanceof CelOptional) {
    if (!x.present) return x;
    return indexValue(x.value!, i, n.pos, true);
  }
  return indexValue(x, i, n.pos, n.opt);
}

function call(n: Node & { t: 'call' }, act: Activation, st: EvalState): Value {
  // namespaced global functions: optional.of(x), strings.quote(s), math.greatest(...), lists.range(n)
  if (n.target && n.target.t === 'ident' && !act.has(n.target.name)) {
    const args = n.args.map((a) => evaluate(a, act, st));
    return callFunction(`${n.target.name}.${n.fn}`, undefined, args, n.pos, st);
  }
  if (n.fn === 'or' || n.fn === 'orValue') {
    const recv = evaluate(n.target!, act, st);
    if (recv instanceof CelOptional) {
      if (recv.present) return n.fn === 'or' ? recv : recv.value!;
      return evaluate(n.args[0], act, st);
    }
  }
  const recv = n.target ? evaluate(n.target, act, st) : undefined;
  const args = n.args.map((a) => evaluate(a, act, st));
  return callFunction(n.fn, recv, args, n.pos, st);
}

function listLit(n: Node & { t: 'list' }, act: Activation, st: EvalState): Value {
  const out: Value[] = [];
  n.items.forEach((it, k) => {
    const v = evaluate(it, act, st);
    if (n.optional[k]) {
      if (!(v instanceof CelOptional)) throw new CelError('optional list element is not an optional', it.pos);
      if (v.present) out.push(v.value!);
    } else out.push(v);
  });
  return out;
}

function mapLit(n: Node & { t: 'map' }, act: Activation, st: EvalState): Value {
  const m: CelMap = new Map();
  for (const e of n.entries) {
    const k = evaluate(e.k, act, st);
    const key = mapKey(k);
    if (key === undefined || typeof k === 'number') throw new CelError(`unsupported map key type ${typeName(k)}`, e.k.pos);
    const v = evaluate(e.v, act, st);
    if (m.has(key)) throw new CelError(`duplicate map key: ${String(key)}`, e.k.pos);
    if (e.opt) {
      if (!(v instanceof CelOptional)) throw new CelError('optional map entry is not an optional', e.v.pos);
      if (v.present) m.set(key, v.value!);
    } else m.set(key, v);
  }
  return m;
}

/** `&&` and `||`: commutative with respect to errors and unknowns, as CEL defines them. */
function logical(op: 'and' | 'or', l: Node, r: Node, act: Activation, st: EvalState): Value {
  const decisive = op === 'or';
  let left: Value | Error;
  try { left = evaluate(l, act, st); } catch (e) { if (e instanceof CelCostExceeded || !(e instanceof CelError || e instanceof CelUnknown)) throw e; left = e; }
  if (left === decisive) return decisive;
  if (!(left instanceof Error) && typeof left !== 'boolean') left = new CelError(`no matching overload for ${op === 'and' ? '_&&_' : '_||_'} on ${typeName(left)}`, l.pos);
  let right: Value | Error;
  try { right = evaluate(r, act, st); } catch (e) { if (e instanceof CelCostExceeded || !(e instanceof CelError || e instanceof CelUnknown)) throw e; right = e; }
  if (right === decisive) return decisive;
  if (!(right instanceof Error) && typeof right !== 'boolean') right = new CelError(`no matching overload for ${op === 'and' ? '_&&_' : '_||_'} on ${typeName(right)}`, r.pos);
  // unknowns win over errors (CEL), and the left one is reported first
  for (const x of [left, right]) if (x instanceof CelUnknown) throw x;
  for (const x of [left, right]) if (x instanceof Error) throw x;
  return !decisive;
}

function binary(op: string, l: Value, r: Value, pos: number): Value {
  switch (op) {
    case '==': return equals(l, r);
    case '!=': return !equals(l, r);
    case '<': return compare(l, r, pos) < 0;
    case '<=': return compare(l, r, pos) <= 0;
    case '>': return compare(l, r, pos) > 0;
    case '>=': return compare(l, r, pos) >= 0;
    case '+': return add(l, r, pos);
    case '-': return subtract(l, r, pos);
    case '*': return multiply(l, r, pos);
    case '/': return divide(l, r, pos);
    case '%': return modulo(l, r, pos);
    case 'in': return contains(r, l, pos);
  }
  throw new CelError(`unknown operator ${op}`, pos);
}

function contains(coll: Value, x: Value, pos: number): boolean {
  if (Array.isArray(coll)) return coll.some((e) => equals(e, x));
  if (coll instanceof Map) { const k = mapKey(x); return k !== undefined && coll.has(k); }
  throw new CelError(`no matching overload for 'in' on ${typeName(coll)}`, pos);
}

function hasField(sel: Node & { t: 'select' }, act: Activation, st: EvalState): Value {
  const q = qualifiedName(sel);
  if (q && act.has(q)) return true;
  const x = evaluate(sel.x, act, st);
  if (x instanceof Map) return x.has(sel.field);
  if (x instanceof CelOptional) return x.present && x.value instanceof Map && x.value.has(sel.field);
  throw new CelError(`has() on type '${typeName(x)}' (.${sel.field})`, sel.pos);
}

function comprehension(n: Node & { t: 'comp' }, act: Activation, st: EvalState): Value {
  const range = evaluate(n.range, act, st);
  if (n.kind === 'bind') return evaluate(n.tr!, new Scope(act, n.v, range), st);
  if (n.kind === 'optMap' || n.kind === 'optFlatMap') {
    if (!(range instanceof CelOptional)) throw new CelError(`${n.kind}() on type '${typeName(range)}'`, n.range.pos);
    if (!range.present) return range;
    const r = evaluate(n.tr!, new Scope(act, n.v, range.value!), st);
    if (n.kind === 'optMap') return new CelOptional(r);
    if (!(r instanceof CelOptional)) throw new CelError(`optFlatMap() result is not an optional: ${typeName(r)}`, n.tr!.pos);
    return r;
  }
  // pairs: (element) for one variable; (index, element) of a list or (key, value) of a map for two
  let pairs: [Value, Value | undefined][];
  if (Array.isArray(range)) pairs = n.v2 === undefined ? range.map((x) => [x, undefined]) : range.map((x, i) => [BigInt(i), x]);
  else if (range instanceof Map) pairs = [...range].map(([k, x]) => [k, n.v2 === undefined ? undefined : x]);
  else throw new CelError(`${n.kind}() on type '${typeName(range)}'`, n.range.pos);
  const scope = (p: [Value, Value | undefined]): Activation => new Scope(act, n.v, p[0], n.v2, p[1]);
  const test = (p: [Value, Value | undefined], pred: Node): Value => evaluate(pred, scope(p), st);
  const keep = (p: [Value, Value | undefined], what: string): boolean => {
    if (!n.pred) return true;
    const r = test(p, n.pred);
    if (typeof r !== 'boolean') throw new CelError(`${what} is not a bool`, n.pred.pos);
    return r;
  };
  switch (n.kind) {
    case 'all': case 'exists': {
      const decisive = n.kind === 'exists';
      let err: Error | undefined;
      for (const p of pairs) {
        let r: Value;
        try { r = test(p, n.pred!); } catch (e) { if (!(e instanceof CelError || e instanceof CelUnknown)) throw e; err ??= e; continue; }
        if (typeof r !== 'boolean') { err ??= new CelError(`${n.kind}() predicate is not a bool`, n.pred!.pos); continue; }
        if (r === decisive) return decisive;
      }
      if (err) throw err;
      return !decisive;
    }
    case 'exists_one': {
      let count = 0;
      for (const p of pairs) if (keep(p, 'exists_one() predicate')) count++;
      return count === 1;
    }
    case 'filter': return pairs.filter((p) => keep(p, 'filter() predicate')).map((p) => p[0]);
    case 'map': case 'transformList': {
      const out: Value[] = [];
      for (const p of pairs) if (keep(p, `${n.kind}() filter`)) out.push(evaluate(n.tr!, scope(p), st));
      return out;
    }
    case 'transformMap': case 'transformMapEntry': {
      const out: CelMap = new Map();
      for (const p of pairs) {
        if (!keep(p, `${n.kind}() filter`)) continue;
        const r = evaluate(n.tr!, scope(p), st);
        if (n.kind === 'transformMap') { out.set(mapKey(p[0])!, r); continue; }
        if (!(r instanceof Map)) throw new CelError(`transformMapEntry() result is not a map: ${typeName(r)}`, n.tr!.pos);
        for (const [k, v] of r) {
          if (out.has(k)) throw new CelError(`transformMapEntry() produced the key ${String(k)} twice`, n.tr!.pos);
          out.set(k, v);
        }
      }
      return out;
    }
  }
}
