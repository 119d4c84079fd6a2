/** Parser of Go's text/template grammar (clean-room, following the language's documented behaviour). */
import {
  type ActionNode, type CommandNode, type ListNode, type Node, type NumberNode, type PipeNode, type SourceInfo,
  type TemplateNode, type Tree, type VariableNode, isEmptyTree, nodeString,
} from './ast';
import { goQuote, lex, type Token } from './lexer';
import { parseGoNumber, unquoteGo } from './strconv';

export class ParseError extends Error {
  constructor(readonly goMessage: string, readonly line: number, readonly pos: number) { super(goMessage); }
}

const MAX_DEPTH = 1000;

type Marker = { t: 'end' | 'else'; pos: number; line: number; elseIf?: boolean };

/** Go's item.String() for messages. */
function tokString(t: Token): string {
  if (t.type === 'eof') return 'EOF';
  if (t.type === 'error') return t.val;
  if (t.type === 'keyword') return `<${t.val}>`;
  const chars = [...t.val];
  if (chars.length > 10) return `${goQuote(chars.slice(0, 10).join('')).slice(0, -1)}"...`;
  return goQuote(t.val);
}

/**
 * Parse `src.text`. Returns every tree it defines: the file's own (named `name`) first, then `define`/`block`s.
 * `hasFunc` tells the parser which function names exist (Go rejects unknown functions at parse time).
 */
export function parseTemplate(name: string, src: SourceInfo, hasFunc: (n: string) => boolean): Tree[] {
  const p = new Parser(lex(src.text), src, hasFunc);
  return p.parseFile(name);
}

class Parser {
  private i = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private depth = 0;
  private actionLine = 0;
  private lastLine = 1;
  private readonly trees = new Map<string, Tree>();
  private readonly order: Tree[] = [];

  constructor(private readonly toks: Token[], private readonly src: SourceInfo, private readonly hasFunc: (n: string) => boolean) {}

  // ---- token access ----
  private next(): Token {
    const t = this.toks[Math.min(this.i, this.toks.length - 1)];
    if (this.i < this.toks.length) this.i++;
    this.lastLine = t.line;
    return t;
  }
  private backup(n = 1): void { this.i -= n; }
  private peek(): Token { const t = this.next(); this.backup(); return t; }
  private nextNonSpace(): Token {
    let t: Token;
    do t = this.next(); while (t.type === 'space');
    return t;
  }
  private peekNonSpace(): Token {
    const save = this.i;
    const t = this.nextNonSpace();
    this.i = save;
    return t;
  }

  private errorf(msg: string, line = this.lastLine): never {
    throw new ParseError(`template: ${this.src.parseName}:${line}: ${msg}`, line, this.toks[Math.max(0, Math.min(this.i, this.toks.length) - 1)]?.pos ?? 0);
  }

  private unexpected(t: Token, context: string): never {
    if (t.type === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== t.line) {
        extra = ` in action started at ${this.src.parseName}:${this.actionLine}`;
        if (t.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${t.val}${extra}`, t.line);
    }
    this.errorf(`unexpected ${tokString(t)} in ${context}`, t.line);
  }

  private expect(type: Token['type'], context: string, val?: string): Token {
    const t = this.nextNonSpace();
    if (t.type !== type || (val !== undefined && t.val !== val)) this.unexpected(t, context);
    return t;
  }

  // ---- structure ----
  parseFile(name: string): Tree[] {
    const root: ListNode = { t: 'list', nodes: [], pos: this.peek().pos, src: this.src };
    while (this.peek().type !== 'eof') {
      if (this.peek().type === 'error') this.unexpected(this.next(), 'input');
      if (this.peek().type === 'comment') { this.next(); continue; }
      if (this.peek().type === 'leftDelim') {
        const save = this.i;
        this.next();
        const kw = this.nextNonSpace();
        if (kw.type === 'keyword' && kw.val === 'define') { this.parseDefinition(); continue; }
        this.i = save;
      }
      const n = this.textOrAction();
      if ('t' in n && (n.t === 'end' || n.t === 'else')) this.errorf(`unexpected ${n.t === 'end' ? '{{end}}' : '{{else}}'}`, n.line);
      if (n) root.nodes.push(n as Node);
    }
    this.add({ name, root, src: this.src }, true);
    // the file's own tree first
    const own = this.trees.get(name);
    return own ? [own, ...this.order.filter((t) => t !== own)] : this.order;
  }

  private add(tree: Tree, isFile = false): void {
    const old = this.trees.get(tree.name);
    if (!old || isEmptyTree(old.root)) {
      if (old) this.order.splice(this.order.indexOf(old), 1);
      this.trees.set(tree.name, tree);
      this.order.push(tree);
      return;
    }
    if (!isEmptyTree(tree.root)) {
      if (isFile) return;
      this.errorf(`template: multiple definition of template ${goQuote(tree.name)}`);
    }
  }

  private withFreshScope<T>(fn: () => T): T {
    const vars = this.vars;
    const rangeDepth = this.rangeDepth;
    this.vars = ['$'];
    this.rangeDepth = 0;
    try { return fn(); } finally { this.vars = vars; this.rangeDepth = rangeDepth; }
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const nameTok = this.nextNonSpace();
    if (nameTok.type !== 'string' && nameTok.type !== 'rawString') this.unexpected(nameTok, context);
    const name = this.unquote(nameTok);
    this.expect('rightDelim', context);
    this.withFreshScope(() => {
      const [list, end] = this.itemList();
      if (end.t !== 'end') this.errorf(`unexpected {{else}} in ${context}`, end.line);
      this.add({ name, root: list, src: this.src });
    });
  }

  private itemList(): [ListNode, Marker] {
    const list: ListNode = { t: 'list', nodes: [], pos: this.peekNonSpace().pos, src: this.src };
    while (this.peekNonSpace().type !== 'eof') {
      const n = this.textOrAction();
      if (n.t === 'end' || n.t === 'else') return [list, n as Marker];
      list.nodes.push(n as Node);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Node | Marker {
    for (;;) {
      const t = this.nextNonSpace();
      if (t.type === 'text') return { t: 'text', text: t.val, pos: t.pos, src: this.src };
      if (t.type === 'comment') continue;
      if (t.type === 'leftDelim') {
        this.actionLine = t.line;
        try { return this.action(t); } finally { this.actionLine = 0; }
      }
      this.unexpected(t, 'input');
    }
  }

  private actionEnd(): number {
    const prev = this.toks[this.i - 1];
    return prev.pos + prev.val.length;
  }

  private action(open: Token): Node | Marker {
    const t = this.nextNonSpace();
    if (t.type === 'keyword') {
      switch (t.val) {
        case 'block': return this.blockControl(open);
        case 'break': case 'continue': {
          const r = this.nextNonSpace();
          if (r.type !== 'rightDelim') this.unexpected(r, `{{${t.val}}}`);
          if (this.rangeDepth === 0) this.errorf(`{{${t.val}}} outside {{range}}`, t.line);
          return { t: t.val as 'break' | 'continue', pos: t.pos, src: this.src };
        }
        case 'else': {
          const peek = this.peekNonSpace();
          if (peek.type === 'keyword' && peek.val === 'if') return { t: 'else', pos: peek.pos, line: peek.line, elseIf: true };
          const r = this.expect('rightDelim', 'else');
          return { t: 'else', pos: r.pos, line: r.line };
        }
        case 'end': {
          const r = this.expect('rightDelim', 'end');
          return { t: 'end', pos: r.pos, line: r.line };
        }
        case 'if': return this.control('if', open, true);
        case 'range': return this.control('range', open, false);
        case 'with': return this.control('with', open, false);
        case 'template': return this.templateControl(open);
      }
    }
    this.backup();
    const pos = this.peekNonSpace().pos;
    const pipe = this.pipeline('command', 'rightDelim');
    const action: ActionNode = { t: 'action', pos: open.pos, end: this.actionEnd(), pipe, src: this.src };
    void pos;
    return action;
  }

  private control(kind: 'if' | 'range' | 'with', open: Token, allowElseIf: boolean): Node {
    const nvars = this.vars.length;
    try {
      const pipe = this.pipeline(kind, 'rightDelim');
      const headEnd = this.actionEnd();
      if (kind === 'range') this.rangeDepth++;
      let [list, next] = this.itemList();
      if (kind === 'range') this.rangeDepth--;
      let elseList: ListNode | undefined;
      if (next.t === 'else') {
        if (allowElseIf && next.elseIf) {
          this.nextNonSpace(); // the "if"
          elseList = { t: 'list', nodes: [], pos: next.pos, src: this.src };
          elseList.nodes.push(this.control('if', open, true));
        } else {
          [elseList, next] = this.itemList();
          if (next.t !== 'end') this.errorf('expected end; found {{else}}', next.line);
        }
      }
      void headEnd;
      return { t: kind, pos: open.pos, end: headEnd, pipe, list, elseList, src: this.src } as Node;
    } finally {
      this.vars.length = nvars;
    }
  }

  private unquote(t: Token): string {
    try { return unquoteGo(t.val); } catch (e) { this.errorf((e as Error).message, t.line); }
  }

  private templateControl(open: Token): TemplateNode {
    const context = 'template clause';
    const tok = this.nextNonSpace();
    if (tok.type !== 'string' && tok.type !== 'rawString') this.unexpected(tok, context);
    const name = this.unquote(tok);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().type !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { t: 'template', pos: open.pos, end: this.actionEnd(), name, pipe, src: this.src };
  }

  private blockControl(open: Token): TemplateNode {
    const context = 'block clause';
    const tok = this.nextNonSpace();
    if (tok.type !== 'string' && tok.type !== 'rawString') this.unexpected(tok, context);
    const name = this.unquote(tok);
    const pipe = this.pipeline(context, 'rightDelim');
    const end = this.actionEnd();
    this.withFreshScope(() => {
      const [list, endTok] = this.itemList();
      if (endTok.t !== 'end') this.errorf(`unexpected {{else}} in ${context}`, endTok.line);
      this.add({ name, root: list, src: this.src });
    });
    return { t: 'template', pos: open.pos, end, name, pipe, src: this.src };
  }

  // ---- pipelines ----
  private pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
    if (++this.depth > MAX_DEPTH) this.errorf('max expression depth exceeded');
    try {
      const first = this.peekNonSpace();
      const pipe: PipeNode = { t: 'pipe', pos: first.pos, isAssign: false, decl: [], cmds: [], src: this.src };
      this.declarations(pipe, context);
      for (;;) {
        const t = this.nextNonSpace();
        if (t.type === end) {
          this.checkPipeline(pipe, context);
          return pipe;
        }
        switch (t.type) {
          case 'bool': case 'charConstant': case 'dot': case 'field': case 'identifier': case 'number': case 'rawString':
          case 'string': case 'variable': case 'leftParen':
            this.backup();
            pipe.cmds.push(this.command());
            break;
          case 'keyword':
            if (t.val === 'nil') { this.backup(); pipe.cmds.push(this.command()); break; }
            this.unexpected(t, context);
            break;
          default:
            this.unexpected(t, context);
        }
      }
    } finally {
      this.depth--;
    }
  }

  private declarations(pipe: PipeNode, context: string): void {
    for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== 'variable') return;
      const save = this.i;
      this.nextNonSpace();
      const after = this.peek();
      const next = this.peekNonSpace();
      if (next.type === 'assign' || next.type === 'declare') {
        pipe.isAssign = next.type === 'assign';
        this.nextNonSpace();
        pipe.decl.push(this.variable(v.pos, v.val));
        this.vars.push(v.val);
        return;
      }
      if (next.type === 'char' && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push(this.variable(v.pos, v.val));
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const p = this.peekNonSpace();
          if (p.type === 'variable' || p.type === 'rightDelim' || p.type === 'rightParen') continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      }
      void after;
      this.i = save;
      return;
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      const t = c.args[0].t;
      if (t === 'bool' || t === 'dot' || t === 'nil' || t === 'number' || t === 'string') {
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  private command(): CommandNode {
    const cmd: CommandNode = { t: 'command', pos: this.peekNonSpace().pos, args: [], src: this.src };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const t = this.next();
      if (t.type === 'space') continue;
      if (t.type === 'rightDelim' || t.type === 'rightParen') this.backup();
      else if (t.type !== 'pipe') this.unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): Node | undefined {
    let node = this.term();
    if (!node) return undefined;
    if (this.peek().type === 'field') {
      const pos = this.peek().pos;
      const fields: string[] = [];
      while (this.peek().type === 'field') fields.push(this.next().val.slice(1));
      switch (node.t) {
        case 'field': node = { t: 'field', pos, ident: [...node.ident, ...fields], src: this.src }; break;
        case 'variable': node = { t: 'variable', pos, ident: [...node.ident, ...fields], src: this.src }; break;
        case 'bool': case 'string': case 'number': case 'nil': case 'dot':
          this.errorf(`unexpected . after term ${goQuote(nodeString(node))}`);
          break;
        default: node = { t: 'chain', pos, node, field: fields, src: this.src };
      }
    }
    return node;
  }

  private variable(pos: number, val: string): VariableNode {
    return { t: 'variable', pos, ident: val.split('.'), src: this.src };
  }

  private term(): Node | undefined {
    const t = this.nextNonSpace();
    const src = this.src;
    switch (t.type) {
      case 'identifier':
        if (!this.hasFunc(t.val)) this.errorf(`function ${goQuote(t.val)} not defined`, t.line);
        return { t: 'identifier', ident: t.val, pos: t.pos, src };
      case 'dot': return { t: 'dot', pos: t.pos, src };
      case 'keyword':
        if (t.val === 'nil') return { t: 'nil', pos: t.pos, src };
        break;
      case 'variable': {
        if (!this.vars.includes(t.val)) this.errorf(`undefined variable ${goQuote(t.val)}`, t.line);
        return this.variable(t.pos, t.val);
      }
      case 'field': return { t: 'field', pos: t.pos, ident: t.val.slice(1).split('.'), src };
      case 'bool': return { t: 'bool', pos: t.pos, val: t.val === 'true', src };
      case 'charConstant': case 'number': {
        const n = parseGoNumber(t.val, t.type === 'charConstant');
        if (typeof n === 'string') this.errorf(n, t.line);
        return { t: 'number', pos: t.pos, text: t.val, src, ...n } as NumberNode;
      }
      case 'leftParen': return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string': case 'rawString':
        return { t: 'string', pos: t.pos, quoted: t.val, text: this.unquote(t), src };
    }
    this.backup();
    return undefined;
  }
}
