/**
 * A gradual CEL type checker for authoring: finds the errors cel-go's checker reports before anything runs
 * (no matching overload, undefined field of a known object type, unknown function or variable, wrong number of
 * arguments), each at the characters at fault. Anything it cannot type is `dyn`, and `dyn` never makes an error.
 */
import type { Node } from './parser';
import { knownFunction } from './functions';
import { CelUint, type Value } from './values';

export type CelT =
  | { k: 'dyn' }
  | { k: 'prim'; name: string }
  | { k: 'list'; elem: CelT }
  | { k: 'map'; key: CelT; val: CelT }
  | { k: 'opt'; inner: CelT }
  /** An object with a known schema: `closed` when a field outside `fields` is an error. */
  | { k: 'obj'; name: string; fields: Record<string, CelT>; closed: boolean };

export const DYN: CelT = { k: 'dyn' };
const P = (name: string): CelT => ({ k: 'prim', name });
export const INT = P('int'), UINT = P('uint'), DOUBLE = P('double'), STRING = P('string'), BYTES = P('bytes'), BOOL = P('bool'), NULL = P('null_type'), TYPE = P('type');
export const DURATION = P('google.protobuf.Duration'), TIMESTAMP = P('google.protobuf.Timestamp');
export const listOf = (elem: CelT): CelT => ({ k: 'list', elem });
export const mapOf = (key: CelT, val: CelT): CelT => ({ k: 'map', key, val });
export const obj = (name: string, fields: Record<string, CelT>, closed: boolean): CelT => ({ k: 'obj', name, fields, closed });

export function typeText(t: CelT): string {
  switch (t.k) {
    case 'dyn': return 'dyn';
    case 'prim': return t.name;
    case 'list': return `list(${typeText(t.elem)})`;
    case 'map': return `map(${typeText(t.key)}, ${typeText(t.val)})`;
    case 'opt': return `optional_type(${typeText(t.inner)})`;
    case 'obj': return t.name;
  }
}

/** What an expression may refer to. */
export interface CheckEnv {
  /** Variables and their types. */
  vars: Record<string, CelT>;
  /** Report identifiers that are neither variables nor known names (off where the environment is open-ended). */
  strictIdents: boolean;
}

export interface TypeIssue { message: string; start: number; end: number }

// ---- function signatures: `name`, receiver kind or '' for a global, argument kinds, result ----
// kinds: a type name, `dyn`/`any` (anything), `list`/`map`/`num` (int, uint or double), `cmp` (ordered)
interface Sig { recv: string; args: string[]; res: CelT | ((recv: CelT | undefined, args: CelT[]) => CelT); variadic?: boolean }
const SIGS = new Map<string, Sig[]>();
function sig(name: string, recv: string, args: string[], res: Sig['res'], variadic = false): void {
  const l = SIGS.get(name) ?? [];
  l.push({ recv, args, res, variadic });
  SIGS.set(name, l);
}
const elemOf = (t: CelT | undefined): CelT => (t?.k === 'list' ? t.elem : DYN);
const sameAsRecv = (r: CelT | undefined): CelT => r ?? DYN;

for (const k of ['string', 'bytes', 'list', 'map']) { sig('size', '', [k], INT); sig('size', k, [], INT); }
for (const [conv, from, res] of [
  ['int', ['int', 'uint', 'double', 'string', 'google.protobuf.Timestamp', 'google.protobuf.Duration'], INT],
  ['uint', ['int', 'uint', 'double', 'string'], UINT],
  ['double', ['int', 'uint', 'double', 'string'], DOUBLE],
  ['string', ['int', 'uint', 'double', 'string', 'bool', 'bytes', 'google.protobuf.Timestamp', 'google.protobuf.Duration', 'type'], STRING],
  ['bytes', ['bytes', 'string'], BYTES],
  ['bool', ['bool', 'string'], BOOL],
  ['duration', ['string', 'google.protobuf.Duration'], DURATION],
  ['timestamp', ['string', 'int', 'google.protobuf.Timestamp'], TIMESTAMP],
] as const) for (const f of from) sig(conv, '', [f], res);
sig('type', '', ['any'], TYPE);
sig('dyn', '', ['any'], DYN);
for (const f of ['contains', 'startsWith', 'endsWith', 'matches']) sig(f, 'string', ['string'], BOOL);
sig('matches', '', ['string', 'string'], BOOL);
for (const f of ['getFullYear', 'getMonth', 'getDate', 'getDayOfMonth', 'getDayOfWeek', 'getDayOfYear', 'getHours', 'getMinutes', 'getSeconds', 'getMilliseconds']) {
  sig(f, 'google.protobuf.Timestamp', [], INT);
  sig(f, 'google.protobuf.Timestamp', ['string'], INT);
  if (['getHours', 'getMinutes', 'getSeconds', 'getMilliseconds'].includes(f)) sig(f, 'google.protobuf.Duration', [], INT);
}
// strings extension
sig('charAt', 'string', ['int'], STRING);
for (const f of ['indexOf', 'lastIndexOf']) { sig(f, 'string', ['string'], INT); sig(f, 'string', ['string', 'int'], INT); sig(f, 'list', ['any'], INT); }
for (const f of ['lowerAscii', 'upperAscii', 'trim']) sig(f, 'string', [], STRING);
sig('replace', 'string', ['string', 'string'], STRING);
sig('replace', 'string', ['string', 'string', 'int'], STRING);
sig('split', 'string', ['string'], listOf(STRING));
sig('split', 'string', ['string', 'int'], listOf(STRING));
sig('substring', 'string', ['int'], STRING);
sig('substring', 'string', ['int', 'int'], STRING);
sig('join', 'list', [], STRING);
sig('join', 'list', ['string'], STRING);
sig('reverse', 'string', [], STRING);
sig('reverse', 'list', [], sameAsRecv);
sig('format', 'string', ['list'], STRING);
sig('strings.quote', '', ['string'], STRING);
sig('find', 'string', ['string'], STRING);
sig('findAll', 'string', ['string'], listOf(STRING));
sig('findAll', 'string', ['string', 'int'], listOf(STRING));
sig('base64.encode', '', ['bytes'], STRING);
sig('base64.decode', '', ['string'], BYTES);
// lists: Kubernetes' list library and CEL's lists/sets extensions
sig('isSorted', 'list', [], BOOL);
for (const f of ['sum', 'min', 'max']) sig(f, 'list', [], (r) => elemOf(r));
for (const f of ['distinct', 'sort']) sig(f, 'list', [], sameAsRecv);
sig('slice', 'list', ['int', 'int'], sameAsRecv);
sig('flatten', 'list', [], listOf(DYN));
sig('flatten', 'list', ['int'], listOf(DYN));
sig('first', 'list', [], (r) => ({ k: 'opt', inner: elemOf(r) }));
sig('last', 'list', [], (r) => ({ k: 'opt', inner: elemOf(r) }));
sig('lists.range', '', ['int'], listOf(INT));
for (const f of ['sets.contains', 'sets.equivalent', 'sets.intersects']) sig(f, '', ['list', 'list'], BOOL);
// math extension
for (const f of ['math.greatest', 'math.least']) sig(f, '', ['any'], DYN, true);
for (const f of ['math.ceil', 'math.floor', 'math.round', 'math.trunc']) sig(f, '', ['double'], DOUBLE);
for (const f of ['math.isNaN', 'math.isInf', 'math.isFinite']) sig(f, '', ['double'], BOOL);
for (const t of ['int', 'uint', 'double']) { sig('math.abs', '', [t], P(t)); sig('math.sign', '', [t], P(t)); }
for (const f of ['math.bitAnd', 'math.bitOr', 'math.bitXor']) for (const t of ['int', 'uint']) sig(f, '', [t, t], P(t));
for (const t of ['int', 'uint']) { sig('math.bitNot', '', [t], P(t)); sig('math.bitShiftLeft', '', [t, 'int'], P(t)); sig('math.bitShiftRight', '', [t, 'int'], P(t)); }
// optionals (Kyverno's and Gatekeeper's policies also call these on plain values: accepted on anything)
sig('optional.of', '', ['any'], (_r, a) => ({ k: 'opt', inner: a[0] }));
sig('optional.ofNonZeroValue', '', ['any'], (_r, a) => ({ k: 'opt', inner: a[0] }));
sig('optional.none', '', [], { k: 'opt', inner: DYN });
sig('hasValue', 'any', [], BOOL);
sig('value', 'any', [], (r) => (r?.k === 'opt' ? r.inner : DYN));
sig('orValue', 'any', ['any'], (r) => (r?.k === 'opt' ? r.inner : r ?? DYN));
sig('or', 'any', ['any'], sameAsRecv);
// Kubernetes' authorizer library: never evaluable offline, but its chain of calls type-checks
for (const f of ['group', 'resource', 'subresource', 'namespace', 'name', 'path', 'check', 'fieldSelector', 'labelSelector']) sig(f, 'any', ['string'], DYN);
sig('serviceAccount', 'any', ['string', 'string'], DYN);
for (const f of ['allowed', 'errored', 'denied']) sig(f, 'any', [], BOOL);
for (const f of ['reason', 'error']) sig(f, 'any', [], STRING);
// Kubernetes libraries: quantity, url, ip, cidr, semver; format
const Q = P('kubernetes.Quantity'), URL = P('kubernetes.URL'), IP = P('net.IP'), CIDR = P('net.IPNet'), SEMVER = P('kubernetes.Semver');
sig('quantity', '', ['string'], Q);
sig('isQuantity', '', ['string'], BOOL);
for (const f of ['isInteger']) sig(f, 'kubernetes.Quantity', [], BOOL);
sig('asInteger', 'kubernetes.Quantity', [], INT);
sig('asApproximateFloat', 'kubernetes.Quantity', [], DOUBLE);
sig('sign', 'kubernetes.Quantity', [], INT);
for (const f of ['add', 'sub']) sig(f, 'kubernetes.Quantity', ['any'], Q);
for (const f of ['isLessThan', 'isGreaterThan']) { sig(f, 'kubernetes.Quantity', ['kubernetes.Quantity'], BOOL); sig(f, 'kubernetes.Semver', ['kubernetes.Semver'], BOOL); }
sig('compareTo', 'kubernetes.Quantity', ['kubernetes.Quantity'], INT);
sig('compareTo', 'kubernetes.Semver', ['kubernetes.Semver'], INT);
sig('url', '', ['string'], URL);
sig('isURL', '', ['string'], BOOL);
for (const f of ['getScheme', 'getHost', 'getHostname', 'getPort', 'getEscapedPath']) sig(f, 'kubernetes.URL', [], STRING);
sig('getQuery', 'kubernetes.URL', [], mapOf(STRING, listOf(STRING)));
sig('ip', '', ['string'], IP);
sig('isIP', '', ['string'], BOOL);
sig('cidr', '', ['string'], CIDR);
sig('isCIDR', '', ['string'], BOOL);
sig('ip', 'net.IPNet', [], IP);
for (const t of ['net.IP', 'net.IPNet', 'kubernetes.Quantity', 'kubernetes.URL', 'kubernetes.Semver']) sig('string', '', [t], STRING);
sig('family', 'net.IP', [], INT);
for (const f of ['isUnspecified', 'isLoopback', 'isLinkLocalMulticast', 'isLinkLocalUnicast', 'isGlobalUnicast', 'isCanonical']) sig(f, 'net.IP', [], BOOL);
sig('containsIP', 'net.IPNet', ['net.IP'], BOOL);
sig('containsIP', 'net.IPNet', ['string'], BOOL);
sig('containsCIDR', 'net.IPNet', ['net.IPNet'], BOOL);
sig('containsCIDR', 'net.IPNet', ['string'], BOOL);
sig('masked', 'net.IPNet', [], CIDR);
sig('prefixLength', 'net.IPNet', [], INT);
sig('semver', '', ['string'], SEMVER);
sig('semver', '', ['string', 'bool'], SEMVER);
sig('isSemver', '', ['string'], BOOL);
sig('isSemver', '', ['string', 'bool'], BOOL);
for (const f of ['major', 'minor', 'patch']) sig(f, 'kubernetes.Semver', [], INT);

/** Namespaces of global functions (`math.greatest`): an identifier here names no variable. */
const NAMESPACES = new Set(['optional', 'math', 'strings', 'sets', 'lists', 'base64', 'cel']);
const TYPE_IDENTS: Record<string, true> = { int: true, uint: true, double: true, bool: true, string: true, bytes: true, list: true, map: true, null_type: true, type: true, optional_type: true, dyn: true };
/** Functions of libraries that read the cluster or that Kyverno adds: never "unknown", whatever their arguments. */
const OPEN_NAMESPACES = /^(format|http|resource|image|imagedata|imageData|globalContext|gctx|json|yaml|x509|time|random|generator|authorizer|exceptions|kyverno)\./;

function kindOf(t: CelT): string {
  if (t.k === 'prim') return t.name;
  if (t.k === 'obj') return 'map';
  if (t.k === 'opt') return 'optional_type';
  return t.k;
}

/** Can a value of type `t` be passed where kind `want` is expected? */
function accepts(want: string, t: CelT): boolean {
  if (t.k === 'dyn' || want === 'any' || want === 'dyn') return true;
  const k = kindOf(t);
  if (want === 'num') return k === 'int' || k === 'uint' || k === 'double';
  return k === want;
}

const isNum = (k: string) => k === 'int' || k === 'uint' || k === 'double';

/** Two types that might hold equal values (cel-go rejects `1 == 'a'`; numbers compare across int, uint, double). */
function comparable(a: CelT, b: CelT): boolean {
  if (a.k === 'dyn' || b.k === 'dyn') return true;
  const ka = kindOf(a), kb = kindOf(b);
  if (ka === 'null_type' || kb === 'null_type') return true;
  if (isNum(ka) && isNum(kb)) return true;
  if (ka !== kb) return false;
  if (a.k === 'list' && b.k === 'list') return comparable(a.elem, b.elem);
  if (a.k === 'map' && b.k === 'map') return comparable(a.key, b.key) && comparable(a.val, b.val);
  return true;
}

const ORDERED = new Set(['int', 'uint', 'double', 'string', 'bytes', 'bool', 'google.protobuf.Duration', 'google.protobuf.Timestamp']);

function arithmetic(op: string, a: CelT, b: CelT): CelT | undefined {
  const ka = kindOf(a), kb = kindOf(b);
  if (a.k === 'dyn' && b.k === 'dyn') return DYN;
  const rules: [string, string, CelT][] = op === '+'
    ? [['int', 'int', INT], ['uint', 'uint', UINT], ['double', 'double', DOUBLE], ['string', 'string', STRING], ['bytes', 'bytes', BYTES], ['list', 'list', DYN],
      ['google.protobuf.Duration', 'google.protobuf.Duration', DURATION], ['google.protobuf.Timestamp', 'google.protobuf.Duration', TIMESTAMP], ['google.protobuf.Duration', 'google.protobuf.Timestamp', TIMESTAMP]]
    : op === '-'
      ? [['int', 'int', INT], ['uint', 'uint', UINT], ['double', 'double', DOUBLE], ['google.protobuf.Duration', 'google.protobuf.Duration', DURATION],
        ['google.protobuf.Timestamp', 'google.protobuf.Duration', TIMESTAMP], ['google.protobuf.Timestamp', 'google.protobuf.Timestamp', DURATION]]
      : op === '%' ? [['int', 'int', INT], ['uint', 'uint', UINT]] : [['int', 'int', INT], ['uint', 'uint', UINT], ['double', 'double', DOUBLE]];
  const hits = rules.filter(([x, y]) => (a.k === 'dyn' || x === ka) && (b.k === 'dyn' || y === kb));
  if (!hits.length) return undefined;
  if (op === '+' && a.k === 'list' && b.k === 'list') return a;
  const res = hits.map((h) => h[2]);
  return res.every((r) => typeText(r) === typeText(res[0])) ? res[0] : DYN;
}

class Checker {
  readonly issues: TypeIssue[] = [];
  constructor(private readonly env: CheckEnv) {}

  private issue(message: string, start: number, end: number): CelT {
    this.issues.push({ message, start, end });
    return DYN;
  }

  check(n: Node, scope: Map<string, CelT>): CelT {
    switch (n.t) {
      case 'lit': return litType(n.v);
      case 'ident': return this.ident(n.name, scope, n.pos, n.end);
      case 'select': return this.select(n, scope);
      case 'index': {
        const x = this.check(n.x, scope);
        const i = this.check(n.i, scope);
        const base = x.k === 'opt' ? x.inner : x;
        let r: CelT;
        if (base.k === 'list') r = accepts('int', i) || kindOf(i) === 'uint' ? base.elem : this.issue(`found no matching overload for '_[_]' applied to '(${typeText(base)}, ${typeText(i)})'`, n.pos, n.end);
        else if (base.k === 'map') r = base.val;
        else if (base.k === 'obj') r = i.k === 'prim' && i.name !== 'string' ? this.issue(`found no matching overload for '_[_]' applied to '(${typeText(base)}, ${typeText(i)})'`, n.pos, n.end) : n.i.t === 'lit' && typeof n.i.v === 'string' ? this.field(base, n.i.v, n.i.pos, n.i.end) : DYN;
        else if (base.k === 'dyn') r = DYN;
        else r = this.issue(`found no matching overload for '_[_]' applied to '(${typeText(base)}, ${typeText(i)})'`, n.pos, n.end);
        return n.opt || x.k === 'opt' ? { k: 'opt', inner: r } : r;
      }
      case 'call': return this.call(n, scope);
      case 'list': {
        const items = n.items.map((it, k) => { const t = this.check(it, scope); return n.optional[k] && t.k === 'opt' ? t.inner : t; });
        return listOf(items.length && items.every((t) => typeText(t) === typeText(items[0])) ? items[0] : DYN);
      }
      case 'map': {
        const ks = n.entries.map((e) => this.check(e.k, scope));
        const vs = n.entries.map((e) => { const t = this.check(e.v, scope); return e.opt && t.k === 'opt' ? t.inner : t; });
        const one = (ts: CelT[]) => (ts.length && ts.every((t) => typeText(t) === typeText(ts[0])) ? ts[0] : DYN);
        return mapOf(one(ks), one(vs));
      }
      case 'cond': {
        const c = this.check(n.c, scope);
        if (!accepts('bool', c)) this.issue(`found no matching overload for '_?_:_' applied to '(${typeText(c)}, ...)'`, n.c.pos, n.c.end);
        const a = this.check(n.a, scope);
        const b = this.check(n.b, scope);
        return typeText(a) === typeText(b) ? a : a.k === 'prim' && a.name === 'null_type' ? b : b.k === 'prim' && b.name === 'null_type' ? a : DYN;
      }
      case 'and': case 'or': {
        for (const side of [n.l, n.r]) {
          const t = this.check(side, scope);
          if (!accepts('bool', t)) this.issue(`found no matching overload for '${n.t === 'and' ? '_&&_' : '_||_'}' applied to '(${typeText(t)}, bool)'`, side.pos, side.end);
        }
        return BOOL;
      }
      case 'not': {
        const t = this.check(n.x, scope);
        if (!accepts('bool', t)) this.issue(`found no matching overload for '!_' applied to '(${typeText(t)})'`, n.pos, n.end);
        return BOOL;
      }
      case 'neg': {
        const t = this.check(n.x, scope);
        const k = kindOf(t);
        if (t.k !== 'dyn' && !['int', 'double', 'google.protobuf.Duration'].includes(k)) return this.issue(`found no matching overload for '-_' applied to '(${typeText(t)})'`, n.pos, n.end);
        return t;
      }
      case 'bin': return this.binary(n, scope);
      case 'has': {
        const x = this.check(n.x.x, scope);
        const base = x.k === 'opt' ? x.inner : x;
        if (base.k === 'prim' || base.k === 'list') this.issue(`type '${typeText(base)}' does not support field selection`, n.x.fpos ?? n.x.pos, n.x.end);
        return BOOL;
      }
      case 'comp': return this.comprehension(n, scope);
    }
  }

  private ident(name: string, scope: Map<string, CelT>, pos: number, end: number): CelT {
    const t = scope.get(name) ?? this.env.vars[name];
    if (t) return t;
    if (TYPE_IDENTS[name]) return TYPE;
    if (this.env.strictIdents) return this.issue(`undeclared reference to '${name}'`, pos, end);
    return DYN;
  }

  private select(n: Node & { t: 'select' }, scope: Map<string, CelT>): CelT {
    const x = this.check(n.x, scope);
    const fpos = n.fpos ?? n.pos;
    if (x.k === 'opt') { const r = this.field(x.inner, n.field, fpos, n.end); return { k: 'opt', inner: r }; }
    const r = this.field(x, n.field, fpos, n.end);
    return n.opt ? { k: 'opt', inner: r } : r;
  }

  field(x: CelT, field: string, start: number, end: number): CelT {
    switch (x.k) {
      case 'dyn': return DYN;
      case 'map': return x.val;
      case 'obj': {
        const f = Object.prototype.hasOwnProperty.call(x.fields, field) ? x.fields[field] : undefined;
        if (f) return f;
        return x.closed ? this.issue(`undefined field '${field}'`, start, end) : DYN;
      }
      default: return this.issue(`type '${typeText(x)}' does not support field selection`, start, end);
    }
  }

  private binary(n: Node & { t: 'bin' }, scope: Map<string, CelT>): CelT {
    const l = this.check(n.l, scope);
    const r = this.check(n.r, scope);
    const fail = () => this.issue(`found no matching overload for '${n.op === 'in' ? '@in' : `_${n.op}_`}' applied to '(${typeText(l)}, ${typeText(r)})'`, n.pos, n.end);
    switch (n.op) {
      case '==': case '!=': return comparable(l, r) ? BOOL : (fail(), BOOL);
      case '<': case '<=': case '>': case '>=': {
        if (l.k === 'dyn' || r.k === 'dyn') return (l.k === 'dyn' || ORDERED.has(kindOf(l))) && (r.k === 'dyn' || ORDERED.has(kindOf(r))) ? BOOL : (fail(), BOOL);
        const ka = kindOf(l), kb = kindOf(r);
        return ORDERED.has(ka) && (ka === kb || (isNum(ka) && isNum(kb))) ? BOOL : (fail(), BOOL);
      }
      case 'in': {
        if (r.k === 'dyn') return BOOL;
        if (r.k === 'list') return comparable(l, r.elem) ? BOOL : (fail(), BOOL);
        if (r.k === 'map') return comparable(l, r.key) ? BOOL : (fail(), BOOL);
        if (r.k === 'obj') return accepts('string', l) ? BOOL : (fail(), BOOL);
        return fail(), BOOL;
      }
      default: return arithmetic(n.op, l, r) ?? fail();
    }
  }

  private call(n: Node & { t: 'call' }, scope: Map<string, CelT>): CelT {
    const fnStart = n.fnPos ?? n.pos;
    const fnEnd = fnStart + n.fn.length;
    // `ns.f(...)`: a global function in a namespace when `ns` is not a variable
    let name = n.fn;
    let target = n.target;
    if (target && target.t === 'ident' && !scope.has(target.name) && !(target.name in this.env.vars) && (NAMESPACES.has(target.name) || !this.env.strictIdents || OPEN_NAMESPACES.test(`${target.name}.`))) {
      name = `${target.name}.${n.fn}`;
      target = undefined;
    }
    const recv = target ? this.check(target, scope) : undefined;
    const args = n.args.map((a) => this.check(a, scope));
    const sigs = SIGS.get(name);
    if (!sigs) {
      if (knownFunction(name) || OPEN_NAMESPACES.test(name) || /^(authorizer)$/.test(name)) return DYN;
      // an open-ended environment (Kyverno) has libraries and variables the checker does not know
      if (!this.env.strictIdents && (name.includes('.') || (recv && recv.k === 'dyn'))) return DYN;
      return this.issue(`undeclared reference to '${name}'`, target ? fnStart : n.pos, target ? fnEnd : fnEnd);
    }
    const fits = sigs.filter((s) => {
      if (!!s.recv !== !!recv) return false;
      if (recv && !accepts(s.recv, recv)) return false;
      if (s.variadic) return args.length >= 1 && args.every((a) => accepts(s.args[0], a));
      return s.args.length === args.length && s.args.every((k, i) => accepts(k, args[i]));
    });
    if (!fits.length) {
      const shape = `${recv ? `${typeText(recv)}.` : ''}(${args.map(typeText).join(', ')})`;
      return this.issue(`found no matching overload for '${name}' applied to '${shape}'`, recv ? fnStart : n.pos, n.end);
    }
    const res = fits.map((s) => (typeof s.res === 'function' ? s.res(recv, args) : s.res));
    return res.every((r) => typeText(r) === typeText(res[0])) ? res[0] : DYN;
  }

  private comprehension(n: Node & { t: 'comp' }, scope: Map<string, CelT>): CelT {
    const range = this.check(n.range, scope);
    const inner = new Map(scope);
    if (n.kind === 'bind') { inner.set(n.v, range); return this.check(n.tr!, inner); }
    if (n.kind === 'optMap' || n.kind === 'optFlatMap') {
      inner.set(n.v, range.k === 'opt' ? range.inner : DYN);
      const r = this.check(n.tr!, inner);
      return n.kind === 'optMap' ? { k: 'opt', inner: r } : r;
    }
    let first: CelT = DYN;
    let second: CelT = DYN;
    if (range.k === 'list') { first = n.v2 === undefined ? range.elem : INT; second = range.elem; }
    else if (range.k === 'map') { first = range.key; second = range.val; }
    else if (range.k === 'obj') { first = STRING; }
    else if (range.k !== 'dyn') return this.issue(`expression of type '${typeText(range)}' cannot be the range of a comprehension (must be list, map, or dynamic)`, n.range.pos, n.range.end);
    inner.set(n.v, first);
    if (n.v2 !== undefined) inner.set(n.v2, second);
    if (n.pred) {
      const p = this.check(n.pred, inner);
      if (!accepts('bool', p)) this.issue(`${n.kind}() predicate must be a bool, not ${typeText(p)}`, n.pred.pos, n.pred.end);
    }
    switch (n.kind) {
      case 'all': case 'exists': case 'exists_one': return BOOL;
      case 'filter': return listOf(first);
      case 'map': case 'transformList': return listOf(this.check(n.tr!, inner));
      case 'transformMap': return mapOf(first, this.check(n.tr!, inner));
      case 'transformMapEntry': this.check(n.tr!, inner); return mapOf(DYN, DYN);
    }
  }
}

function litType(v: Value): CelT {
  if (v === null) return NULL;
  switch (typeof v) {
    case 'boolean': return BOOL;
    case 'bigint': return INT;
    case 'number': return DOUBLE;
    case 'string': return STRING;
  }
  if (v instanceof CelUint) return UINT;
  if (v instanceof Uint8Array) return BYTES;
  return DYN;
}

/** Type errors of a parsed expression, and its type. */
export function checkTypes(ast: Node, env: CheckEnv): { type: CelT; issues: TypeIssue[] } {
  const c = new Checker(env);
  const type = c.check(ast, new Map());
  return { type, issues: c.issues };
}
