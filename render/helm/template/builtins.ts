/** Go text/template's predefined functions: and or not len index slice print printf println html js urlquery call eq ne lt le gt ge. */
import { sprint, sprintf, sprintln } from './fmt';
import { type SignedFunc, keepsArg, sig } from './func-sig';
import { GoInt, type Kind, elemTypeOf, goTypeTag, hasKey, isGoMap, isIntKind, kindOf, tagType, truth, typeName, zeroOf } from './go-value';
import { formatArg } from './fmt';
import { isGoPrint } from './lexer';

type BasicKind = 'bool' | 'int' | 'uint' | 'float' | 'string' | 'invalid';

function basicKind(v: unknown): BasicKind {
  const k: Kind = kindOf(v);
  if (k === 'bool' || k === 'string') return k;
  if (k === 'float64') return 'float';
  if (isIntKind(k)) return k.startsWith('u') ? 'uint' : 'int';
  return 'invalid';
}

const ERR_BAD_TYPE = 'invalid type for comparison';
const ERR_BAD = 'incompatible types for comparison';

function num(v: unknown): number { return v instanceof GoInt ? v.value : (v as number); }

function fmtS(v: unknown): string { return formatArg(v, 's', { plus: false, minus: false, sharp: false, space: false, zero: false }); }

/** Go's eq: true if arg1 equals any of the others. */
export function eq(a: unknown, ...others: unknown[]): boolean {
  if (others.length === 0) throw new Error('missing argument for comparison');
  if (a === null) a = undefined;
  const k1 = basicKind(a);
  for (let b of others) {
    if (b === null) b = undefined;
    const k2 = basicKind(b);
    let t = false;
    if (k1 !== k2) {
      if (k1 === 'int' && k2 === 'uint') t = num(a) >= 0 && num(a) === num(b);
      else if (k1 === 'uint' && k2 === 'int') t = num(b) >= 0 && num(a) === num(b);
      else if (a !== undefined && b !== undefined) throw new Error(ERR_BAD);
    } else {
      switch (k1) {
        case 'bool': case 'string': t = a === b; break;
        case 'int': case 'uint': case 'float': t = num(a) === num(b); break;
        default:
          if (a === undefined || b === undefined) { t = a === b; break; }
          if (Array.isArray(b) || isGoMap(b) || typeof b === 'function') throw new Error(`non-comparable type ${fmtS(b)}: ${typeName(b)}`);
          if (Array.isArray(a) || isGoMap(a) || typeof a === 'function') throw new Error(`non-comparable types ${fmtS(a)}: ${typeName(a)}, ${typeName(b)}: ${fmtS(b)}`);
          t = a === b;
      }
    }
    if (t) return true;
  }
  return false;
}

export function lt(a: unknown, b: unknown): boolean {
  if (a === null) a = undefined;
  if (b === null) b = undefined;
  const k1 = basicKind(a);
  if (k1 === 'invalid') throw new Error(ERR_BAD_TYPE);
  const k2 = basicKind(b);
  if (k2 === 'invalid') throw new Error(ERR_BAD_TYPE);
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return num(a) < 0 || num(a) < num(b);
    if (k1 === 'uint' && k2 === 'int') return num(b) >= 0 && num(a) < num(b);
    throw new Error(ERR_BAD);
  }
  switch (k1) {
    case 'bool': throw new Error(ERR_BAD_TYPE);
    case 'string': return (a as string) < (b as string) ? codeLess(a as string, b as string) : false;
    default: return num(a) < num(b);
  }
}

function codeLess(a: string, b: string): boolean {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')) < 0;
}

function le(a: unknown, b: unknown): boolean { return lt(a, b) || eq(a, b); }

function indexArg(i: unknown, cap: number): number {
  const k = kindOf(i);
  if (k === 'invalid' || k === 'interface') throw new Error('cannot index slice/array with nil');
  if (!isIntKind(k)) throw new Error(`cannot index slice/array with type ${typeName(i)}`);
  const x = (i as GoInt).value;
  if (x < 0 || x > cap) throw new Error(`index out of range: ${x}`);
  return x;
}

/** Go's index builtin. */
export function index(item: unknown, ...indexes: unknown[]): unknown {
  if (item === undefined || item === null) throw new Error('index of untyped nil');
  for (let ix of indexes) {
    if (ix === null) ix = undefined;
    if (item === null || item === undefined) throw new Error('index of nil pointer');
    if (typeof item === 'string') {
      const bytes = Buffer.from(item, 'utf8');
      const x = indexArg(ix, bytes.length);
      if (x === bytes.length) throw new Error(`index out of range: ${x}`);
      item = new GoInt(bytes[x], 'uint8');
    } else if (item instanceof Uint8Array) {
      const x = indexArg(ix, item.length);
      if (x === item.length) throw new Error(`index out of range: ${x}`);
      item = new GoInt(item[x], 'uint8');
    } else if (Array.isArray(item)) {
      const x = indexArg(ix, item.length);
      if (x === item.length) throw new Error(`index out of range: ${x}`);
      item = item[x];
    } else if (isGoMap(item)) {
      if (ix === undefined) throw new Error('value is nil; should be of type string');
      if (typeof ix !== 'string') throw new Error(`value has type ${typeName(ix)}; should be string`);
      item = hasKey(item, ix) ? item[ix] : zeroOf(elemTypeOf(item));
    } else {
      throw new Error(`can't index item of type ${typeName(item)}`);
    }
  }
  return item;
}

function sliceArgs(item: unknown, idx: unknown[]): unknown {
  if (item === undefined || item === null) throw new Error('slice of untyped nil');
  if (idx.length > 3) throw new Error(`too many slice indexes: ${idx.length}`);
  let len: number;
  if (typeof item === 'string') {
    if (idx.length === 3) throw new Error('cannot 3-index slice a string');
    len = Buffer.byteLength(item, 'utf8');
  } else if (Array.isArray(item)) len = item.length;
  else throw new Error(`can't slice item of type ${typeName(item)}`);
  const cap = len;
  const pos = [0, len];
  for (let i = 0; i < idx.length; i++) {
    const x = indexArg(idx[i] === null ? undefined : idx[i], cap);
    pos[i] = x;
  }
  if (pos[0] > pos[1]) throw new Error(`invalid slice index: ${pos[0]} > ${pos[1]}`);
  if (idx.length === 3 && pos[1] > (pos[2] as number)) throw new Error(`invalid slice index: ${pos[1]} > ${pos[2]}`);
  if (typeof item === 'string') return Buffer.from(item, 'utf8').subarray(pos[0], pos[1]).toString('utf8');
  const out = (item as unknown[]).slice(pos[0], pos[1]);
  const tag = goTypeTag(item as object);
  return tag ? tagType(out, tag) : out;
}

function lenOf(v: unknown): GoInt {
  if (v === null) throw new Error('len of nil pointer');
  if (typeof v === 'string') return new GoInt(Buffer.byteLength(v, 'utf8'));
  if (Array.isArray(v) || v instanceof Uint8Array) return new GoInt(v.length);
  if (isGoMap(v)) return new GoInt(Object.keys(v).length);
  throw new Error(`len of type ${typeName(v)}`);
}

/** html/js/urlquery take their arguments as one string: a lone string as is, else fmt.Sprint. */
function evalArgs(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (a === undefined ? null : a)));
}

export function htmlEscape(s: string): string {
  return s.replace(/[<>&'"\0]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&#34;', '\0': '\ufffd' }[c] as string));
}

export function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '\\': out += '\\\\'; continue;
      case "'": out += "\\'"; continue;
      case '"': out += '\\"'; continue;
      case '<': out += '\\u003C'; continue;
      case '>': out += '\\u003E'; continue;
      case '&': out += '\\u0026'; continue;
      case '=': out += '\\u003D'; continue;
    }
    if (cp < 0x80) {
      if (cp >= 0x20 && cp < 0x7f) out += ch;
      else out += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
    } else if (isGoPrint(cp)) out += ch;
    else out += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
  }
  return out;
}

export function queryEscape(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

let cache: Record<string, SignedFunc> | undefined;

export function isBuiltinAndOr(name: string): boolean { return name === 'and' || name === 'or'; }

export function builtinFuncs(): Record<string, SignedFunc> {
  if (cache) return cache;
  const f: Record<string, SignedFunc> = {
    and: sig('reflect, ...reflect', () => undefined),
    or: sig('reflect, ...reflect', () => undefined),
    not: sig('reflect', (v: unknown) => !truth(v)),
    len: sig('reflect', (v: unknown) => lenOf(v)),
    index: sig('reflect, ...reflect', (item: unknown, ...ix: unknown[]) => index(item, ...ix)),
    slice: sig('reflect, ...reflect', (item: unknown, ...ix: unknown[]) => sliceArgs(item, ix)),
    print: sig('...any', (...a: unknown[]) => sprint(a), keepsArg(0)),
    printf: sig('string, ...any', (format: string, ...a: unknown[]) => sprintf(format, a)),
    println: sig('...any', (...a: unknown[]) => sprintln(a)),
    html: sig('...any', (...a: unknown[]) => htmlEscape(evalArgs(a))),
    js: sig('...any', (...a: unknown[]) => jsEscape(evalArgs(a))),
    urlquery: sig('...any', (...a: unknown[]) => queryEscape(evalArgs(a))),
    call: sig('reflect, ...reflect', (fn: unknown, ...a: unknown[]) => {
      if (typeof fn !== 'function') throw new Error(`non-function of type ${typeName(fn)}`);
      return (fn as (...x: unknown[]) => unknown)(...a);
    }),
    eq: sig('reflect, ...reflect', (a: unknown, ...b: unknown[]) => eq(a, ...b)),
    ne: sig('reflect, reflect', (a: unknown, b: unknown) => !eq(a, b)),
    lt: sig('reflect, reflect', (a: unknown, b: unknown) => lt(a, b)),
    le: sig('reflect, reflect', (a: unknown, b: unknown) => le(a, b)),
    gt: sig('reflect, reflect', (a: unknown, b: unknown) => !le(a, b)),
    ge: sig('reflect, reflect', (a: unknown, b: unknown) => !lt(a, b)),
  };
  return (cache = f);
}
