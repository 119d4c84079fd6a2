/** CEL parser: tokens to an AST, with the standard macros expanded into comprehension nodes. */
import { CelSyntaxError, RESERVED, tokenize, type Token } from './lexer';
import { CelUint, INT_MAX, INT_MIN, UINT_MAX, type Value } from './values';

export type Node =
  | { t: 'lit'; v: Value; pos: number; end: number }
  | { t: 'ident'; name: string; pos: number; end: number }
  | { t: 'select'; x: Node; field: string; opt: boolean; pos: number; end: number; /** where the field name starts */ fpos?: number }
  | { t: 'index'; x: Node; i: Node; opt: boolean; pos: number; end: number }
  | { t: 'call'; fn: string; target?: Node; args: Node[]; pos: number; end: number; /** where the function name starts */ fnPos?: number }
  | { t: 'list'; items: Node[]; optional: boolean[]; pos: number; end: number }
  | { t: 'map'; entries: { k: Node; v: Node; opt: boolean }[]; pos: number; end: number }
  | { t: 'cond'; c: Node; a: Node; b: Node; pos: number; end: number }
  | { t: 'and' | 'or'; l: Node; r: Node; pos: number; end: number }
  | { t: 'not' | 'neg'; x: Node; pos: number; end: number }
  | { t: 'bin'; op: string; l: Node; r: Node; pos: number; end: number }
  | { t: 'has'; x: Node & { t: 'select' }; pos: number; end: number }
  | { t: 'comp'; kind: CompKind; range: Node; v: string; v2?: string; pred?: Node; tr?: Node; pos: number; end: number };

/**
 * Comprehension macros: the standard ones (one variable, or two for `all(i, v, p)` and the like), the two-variable
 * `transformList`/`transformMap`/`transformMapEntry`, optional `optMap`/`optFlatMap`, and `cel.bind(v, init, e)`.
 */
export type CompKind = 'all' | 'exists' | 'exists_one' | 'map' | 'filter' | 'transformList' | 'transformMap' | 'transformMapEntry' | 'optMap' | 'optFlatMap' | 'bind';

const MAX_DEPTH = 250;

export function parse(src: string): Node {
  return new Parser(tokenize(src)).parseAll();
}

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly toks: Token[]) {}

  parseAll(): Node {
    const n = this.expr();
    const t = this.peek();
    if (t.kind !== 'eof') throw new CelSyntaxError(`unexpected '${t.text}'`, t.pos, t.end);
    return n;
  }

  private peek(o = 0): Token { return this.toks[Math.min(this.i + o, this.toks.length - 1)]; }
  private next(): Token { return this.toks[this.i++]; }
  private isOp(text: string): boolean { const t = this.peek(); return t.kind === 'op' && t.text === text; }
  private eat(text: string): Token | undefined { return this.isOp(text) ? this.next() : undefined; }
  private expect(text: string): Token {
    const t = this.peek();
    if (t.kind !== 'op' || t.text !== text) throw new CelSyntaxError(t.kind === 'eof' ? `expected '${text}' at end of expression` : `expected '${text}', found '${t.text}'`, t.pos, t.end);
    return this.next();
  }

  private expr(): Node {
    if (++this.depth > MAX_DEPTH) throw new CelSyntaxError('expression nested too deeply', this.peek().pos);
    try {
      const c = this.or();
      if (!this.eat('?')) return c;
      const a = this.or();
      this.expect(':');
      const b = this.expr();
      return { t: 'cond', c, a, b, pos: c.pos, end: b.end };
    } finally { this.depth--; }
  }

  private or(): Node {
    let l = this.and();
    while (this.eat('||')) { const r = this.and(); l = { t: 'or', l, r, pos: l.pos, end: r.end }; }
    return l;
  }

  private and(): Node {
    let l = this.relation();
    while (this.eat('&&')) { const r = this.relation(); l = { t: 'and', l, r, pos: l.pos, end: r.end }; }
    return l;
  }

  private relation(): Node {
    let l = this.addition();
    for (;;) {
      const t = this.peek();
      const op = t.kind === 'op' && ['<', '<=', '>', '>=', '==', '!='].includes(t.text) ? t.text : t.kind === 'ident' && t.text === 'in' ? 'in' : undefined;
      if (!op) return l;
      this.next();
      const r = this.addition();
      l = { t: 'bin', op, l, r, pos: l.pos, end: r.end };
    }
  }

  private addition(): Node {
    let l = this.multiplication();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || (t.text !== '+' && t.text !== '-')) return l;
      this.next();
      const r = this.multiplication();
      l = { t: 'bin', op: t.text, l, r, pos: l.pos, end: r.end };
    }
  }

  private multiplication(): Node {
    let l = this.unary();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || !['*', '/', '%'].includes(t.text)) return l;
      this.next();
      const r = this.unary();
      l = { t: 'bin', op: t.text, l, r, pos: l.pos, end: r.end };
    }
  }

  private unary(): Node {
    const t = this.peek();
    if (this.eat('!')) { const x = this.unary(); return { t: 'not', x, pos: t.pos, end: x.end }; }
    if (this.eat('-')) {
      const n = this.peek();
      // fold -literal so that the smallest int parses
      if (n.kind === 'int' && !(this.peek(1).kind === 'op' && ['.', '[', '.?', '[?'].includes(this.peek(1).text))) {
        this.next();
        const v = -(n.value as bigint);
        if (v < INT_MIN) throw new CelSyntaxError('integer literal out of range', t.pos, n.end);
        return this.member({ t: 'lit', v, pos: t.pos, end: n.end });
      }
      const x = this.unary();
      return { t: 'neg', x, pos: t.pos, end: x.end };
    }
    return this.member(this.primary());
  }

  private member(x: Node): Node {
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op') return x;
      if (t.text === '.' || t.text === '.?') {
        this.next();
        const id = this.next();
        if (id.kind !== 'ident') throw new CelSyntaxError(`expected a field name after '${t.text}'`, id.pos, id.end);
        if (t.text === '.' && !id.quoted && this.isOp('(')) {
          this.next();
          const args = this.args(')');
          const end = this.expect(')').end;
          x = this.macroOrCall(id.text, x, args, x.pos, end, id.pos);
        } else {
          x = { t: 'select', x, field: id.text, opt: t.text === '.?', pos: x.pos, end: id.end, fpos: id.pos };
        }
      } else if (t.text === '[' || t.text === '[?') {
        this.next();
        const i = this.expr();
        const end = this.expect(']').end;
        x = { t: 'index', x, i, opt: t.text === '[?', pos: x.pos, end };
      } else return x;
    }
  }

  private args(close: string): Node[] {
    const out: Node[] = [];
    if (this.isOp(close)) return out;
    for (;;) {
      out.push(this.expr());
      if (!this.eat(',')) return out;
    }
  }

  private primary(): Node {
    const t = this.next();
    switch (t.kind) {
      case 'int': {
        if ((t.value as bigint) > INT_MAX) throw new CelSyntaxError('integer literal out of range', t.pos, t.end);
        return { t: 'lit', v: t.value as bigint, pos: t.pos, end: t.end };
      }
      case 'uint': {
        if ((t.value as bigint) > UINT_MAX) throw new CelSyntaxError('unsigned literal out of range', t.pos, t.end);
        return { t: 'lit', v: new CelUint(t.value as bigint), pos: t.pos, end: t.end };
      }
      case 'double': case 'string': case 'bytes':
        return { t: 'lit', v: t.value as Value, pos: t.pos, end: t.end };
      case 'ident': return this.identOrCall(t);
      case 'eof': throw new CelSyntaxError('unexpected end of expression', t.pos, t.end);
    }
    if (t.text === '.') {
      const id = this.next();
      if (id.kind !== 'ident') throw new CelSyntaxError('expected an identifier after a leading dot', id.pos, id.end);
      return this.identOrCall(id);
    }
    if (t.text === '(') { const e = this.expr(); this.expect(')'); return e; }
    if (t.text === '[' || t.text === '[?') return this.list(t, t.text === '[?');
    if (t.text === '{') return this.mapLiteral(t);
    throw new CelSyntaxError(`unexpected '${t.text}'`, t.pos, t.end);
  }

  private identOrCall(t: Token): Node {
    if (t.quoted) throw new CelSyntaxError('a quoted identifier may only follow . or .?', t.pos, t.end);
    // reserved words may name fields (`object.metadata.namespace`), never variables or functions
    if (RESERVED.has(t.text)) throw new CelSyntaxError(`reserved identifier: ${t.text}`, t.pos, t.end);
    if (t.text === 'true' || t.text === 'false') return { t: 'lit', v: t.text === 'true', pos: t.pos, end: t.end };
    if (t.text === 'null') return { t: 'lit', v: null, pos: t.pos, end: t.end };
    if (this.isOp('(')) {
      this.next();
      const args = this.args(')');
      const end = this.expect(')').end;
      return this.macroOrCall(t.text, undefined, args, t.pos, end, t.pos);
    }
    if (this.isOp('{')) throw new CelSyntaxError(`message construction (${t.text}{...}) is not supported`, t.pos, t.end);
    return { t: 'ident', name: t.text, pos: t.pos, end: t.end };
  }

  private list(open: Token, firstOptional: boolean): Node {
    const items: Node[] = [];
    const optional: boolean[] = [];
    while (!this.isOp(']')) {
      optional.push(!!this.eat('?') || (firstOptional && !items.length));
      items.push(this.expr());
      if (!this.eat(',')) break;
    }
    const end = this.expect(']').end;
    return { t: 'list', items, optional, pos: open.pos, end };
  }

  private mapLiteral(open: Token): Node {
    const entries: { k: Node; v: Node; opt: boolean }[] = [];
    while (!this.isOp('}')) {
      const opt = !!this.eat('?');
      const k = this.expr();
      this.expect(':');
      const v = this.expr();
      entries.push({ k, v, opt });
      if (!this.eat(',')) break;
    }
    const end = this.expect('}').end;
    return { t: 'map', entries, pos: open.pos, end };
  }

  private macroOrCall(fn: string, target: Node | undefined, args: Node[], pos: number, end: number, fnPos: number): Node {
    if (!target && fn === 'has') {
      if (args.length !== 1 || args[0].t !== 'select' || args[0].opt) throw new CelSyntaxError('has() needs a field selection, e.g. has(object.spec)', fnPos, end);
      return { t: 'has', x: args[0] as Node & { t: 'select' }, pos, end };
    }
    if (target && target.t === 'ident' && target.name === 'cel' && fn === 'bind' && args.length === 3) {
      return { t: 'comp', kind: 'bind', range: args[1], v: identName(args[0], 'cel.bind'), tr: args[2], pos, end };
    }
    if (target && ['all', 'exists', 'exists_one', 'existsOne', 'filter', 'map'].includes(fn)) {
      const kind = (fn === 'existsOne' ? 'exists_one' : fn) as CompKind;
      const max = fn === 'map' ? 3 : 2;
      if (args.length >= 2 && args.length <= max) {
        const v = identName(args[0], fn);
        if (args.length === 3 && kind === 'map') return { t: 'comp', kind: 'map', range: target, v, pred: args[1], tr: args[2], pos, end };
        if (kind === 'map') return { t: 'comp', kind, range: target, v, tr: args[1], pos, end };
        return { t: 'comp', kind, range: target, v, pred: args[1], pos, end };
      }
      if (args.length === 3 && kind !== 'map' && kind !== 'filter') {
        return { t: 'comp', kind, range: target, v: identName(args[0], fn), v2: identName(args[1], fn), pred: args[2], pos, end };
      }
    }
    if (target && (fn === 'transformList' || fn === 'transformMap' || fn === 'transformMapEntry') && (args.length === 3 || args.length === 4)) {
      const [a, b] = [identName(args[0], fn), identName(args[1], fn)];
      if (args.length === 4) return { t: 'comp', kind: fn, range: target, v: a, v2: b, pred: args[2], tr: args[3], pos, end };
      return { t: 'comp', kind: fn, range: target, v: a, v2: b, tr: args[2], pos, end };
    }
    if (target && (fn === 'optMap' || fn === 'optFlatMap') && args.length === 2) {
      return { t: 'comp', kind: fn, range: target, v: identName(args[0], fn), tr: args[1], pos, end };
    }
    return { t: 'call', fn, target, args, pos, end, fnPos };
  }
}

function identName(n: Node, fn: string): string {
  if (n.t !== 'ident') throw new CelSyntaxError(`${fn}() needs a variable name as its first argument`, n.pos, n.end);
  return n.name;
}
