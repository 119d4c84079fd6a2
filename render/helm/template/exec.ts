/** The executor: walks parse trees as Go's text/template does, recording where each output span came from. */
import type { Origin, Segment, TraceStep } from '../../source-map';
import { SourceMap } from '../../source-map';
import { RenderCancelled } from '../../types';
import {
  type ActionNode, type BranchNode, type ChainNode, type CommandNode, type FieldNode, type IdentifierNode, type Node,
  type NumberNode, type PipeNode, type SourceInfo, type TemplateNode, type Tree, type VariableNode, goLocation, lineCol, nodeString,
} from './ast';
import { builtinFuncs, isBuiltinAndOr } from './builtins';
import { FuncError, TemplateError } from './errors';
import { formatArg, sprint } from './fmt';
import { PROV, type Prov, type ParamType, type SignedFunc, WithProv, goTypeName, signatureOf } from './func-sig';
import {
  GoInt, elemTypeOf, goMethod, goTypeTag, isGoMap, isGoStruct, hasKey, sortedKeys, truth, typeName, zeroOf,
} from './go-value';
import type { ExecOptions, ExecResult } from './index';
import { goQuote } from './lexer';
import { Out, removeAll } from './out';
import type { TemplateSet } from './template-set';
import { defaultFuncs } from './helm-funcs';

const MISSING = Symbol('missing');
type Final = unknown | typeof MISSING;

interface Dot { v: unknown; prov?: Prov; iface: boolean }
interface Var { name: string; v: unknown; prov?: Prov; iface: boolean }
interface Frame { name: string; vars: Var[] }

/** An execution error, formatted as Go formats it; becomes a TemplateError at the API boundary. */
class ExecFailure extends Error {
  constructor(readonly goMessage: string, readonly node: Node | undefined, readonly kind: TemplateError['kind'],
    readonly failMessage?: string, readonly inner?: TemplateError) { super(goMessage); }
}

/** What a template function sees as `this`. */
export interface ExecContext {
  include(name: string, data: unknown): WithProv;
  tpl(text: string, data: unknown): WithProv;
  /** Provenance of the arguments of the function being called. */
  readonly argProvs: ReadonlyArray<Prov | undefined>;
  readonly opts: ExecOptions;
  readonly now: Date;
  readonly maxOutput: number;
  /** Where the function being called is written (file and range of its name), when the template has a file. */
  callSite(): { file: string; range: TraceStep['range'] } | undefined;
}

/** Origin of a value printed by an action that no file wrote (shared: origins are read-only). */
const TEMPLATE_ACTION: Origin = { kind: 'generated', note: 'template action' };

const DEFAULT_NOW = new Date(Date.UTC(2025, 0, 1, 0, 0, 0));
let cachedDefault: Record<string, SignedFunc> | undefined;

/** Execute template `name` of `set` with `data` as dot. Throws TemplateError (or RenderCancelled). */
export function execute(set: TemplateSet, name: string, data: unknown, opts: ExecOptions): ExecResult {
  const ex = new Execution(set, opts);
  const tree = set.lookup(name);
  if (!tree) {
    throw new TemplateError({ file: '', name, line: 1, col: 1, offset: 0, length: 0, kind: 'exec',
      goMessage: `template: no template ${goQuote(name)} associated with template ${goQuote(set.rootName)}` });
  }
  try {
    const out = new Out();
    ex.runTree(tree, data, out);
    let text = out.text();
    let segs = out.segs;
    if (opts.helm) ({ text, segs } = removeAll(text, segs, '<no value>'));
    return { text, map: new SourceMap(segs) };
  } catch (e) {
    if (e instanceof ExecFailure) throw toTemplateError(e);
    throw e;
  }
}

function toTemplateError(e: ExecFailure): TemplateError {
  const n = e.node;
  const src = n?.src;
  const lc = src && n ? lineCol(src, n.pos) : { line: 0, col: 0 };
  return new TemplateError({
    file: src?.file ?? '', name: src?.parseName ?? '', line: lc.line + 1, col: lc.col + 1, offset: n?.pos ?? 0,
    length: n ? Math.max(1, Math.min(nodeString(n).length, (src?.text.length ?? 0) - n.pos)) : 0,
    goMessage: e.goMessage, kind: e.kind, failMessage: e.failMessage, inner: e.inner,
  });
}

class Execution implements ExecContext {
  readonly funcs: Record<string, SignedFunc>;
  private readonly builtins = builtinFuncs();
  private node: Node | undefined;
  private frame: Frame = { name: '', vars: [] };
  private out = new Out();
  private depth = 0;
  private steps = 0;
  private produced = 0;
  private readonly deadline: number;
  private readonly missingKey: 'default' | 'zero' | 'error';
  private trace: TraceStep[] = [];
  private readonly joins = new WeakMap<TraceStep[], Map<TraceStep | TraceStep[], TraceStep[]>>();
  /** Provenance of the value most recently evaluated (a side channel, so values stay plain). */
  private prov: Prov | undefined;
  /** Whether that value came out of an interface{} slot (for Go's type names in messages). */
  private iface = false;
  argProvs: ReadonlyArray<Prov | undefined> = [];
  private calling: { node: Node; name: string } | undefined;
  readonly now: Date;
  readonly maxOutput: number;

  constructor(private set: TemplateSet, readonly opts: ExecOptions) {
    cachedDefault ??= defaultFuncs() as Record<string, SignedFunc>;
    this.funcs = opts.funcs ? { ...cachedDefault, ...(opts.funcs as Record<string, SignedFunc>) } : cachedDefault;
    this.deadline = Date.now() + opts.limits.timeBudgetMs;
    this.missingKey = opts.helm ? (opts.helm.strict ? 'error' : 'zero') : 'default';
    this.now = opts.now ?? DEFAULT_NOW;
    this.maxOutput = opts.limits.maxOutput;
  }

  runTree(tree: Tree, data: unknown, out: Out): void {
    const saved = { frame: this.frame, out: this.out, trace: this.trace, node: this.node };
    this.frame = { name: tree.name, vars: [{ name: '$', v: data, iface: false }] };
    this.out = out;
    this.trace = [];
    this.node = undefined;
    try {
      this.walk({ v: data, iface: false }, tree.root);
    } finally {
      ({ frame: this.frame, out: this.out, trace: this.trace, node: this.node } = saved);
    }
  }

  // ---------------------------------------------------------------- errors and limits
  private errorf(msg: string, kind: TemplateError['kind'] = 'exec', failMessage?: string, inner?: TemplateError): never {
    const n = this.node;
    const name = goQuote(this.frame.name);
    const goMessage = n
      ? `template: ${goLocation(n.src, n.pos)}: executing ${name} at <${nodeString(n)}>: ${msg}`
      : `template: ${this.frame.name}: ${msg}`;
    throw new ExecFailure(goMessage, n, kind, failMessage, inner);
  }

  private at(n: Node): void { this.node = n; }

  private tick(): void {
    if ((++this.steps & 255) !== 0) return;
    if (this.opts.cancelled?.()) throw new RenderCancelled();
    if (Date.now() > this.deadline) this.errorf(`render time budget exceeded (${this.opts.limits.timeBudgetMs} ms)`, 'limit');
  }

  private counted(n: number): void {
    this.produced += n;
    if (this.produced > this.maxOutput) this.errorf(`rendered output exceeds the limit (${this.maxOutput} characters)`, 'limit');
  }

  // ---------------------------------------------------------------- walking
  /** Returns 0, or 1 for {{break}}, 2 for {{continue}}. */
  private walk(dot: Dot, node: Node): number {
    this.tick();
    switch (node.t) {
      case 'list':
        for (const n of node.nodes) {
          const r = this.walk(dot, n);
          if (r) return r;
        }
        return 0;
      case 'text':
        this.counted(node.text.length);
        this.out.literal(node.text, node.src, node.pos, this.trace);
        return 0;
      case 'action': {
        const v = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, v, this.prov);
        return 0;
      }
      case 'if': case 'with': return this.walkIfOrWith(dot, node);
      case 'range': return this.walkRange(dot, node);
      case 'template': return this.walkTemplate(dot, node);
      case 'break': return 1;
      case 'continue': return 2;
      default:
        this.at(node);
        this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  private actionStep(n: ActionNode | BranchNode | TemplateNode): TraceStep | undefined {
    if (n.step) return n.step;
    const src = n.src;
    if (!src.file) return undefined;
    const a = lineCol(src, n.pos);
    const b = lineCol(src, n.end);
    let note = src.text.slice(n.pos, n.end).replace(/\s+/g, ' ');
    if (note.length > 120) note = note.slice(0, 117) + '...';
    n.step = { file: src.file, range: { start: { line: a.line, character: a.col }, end: { line: b.line, character: b.col } }, note };
    return n.step;
  }

  private printValue(node: ActionNode, v: unknown, prov: Prov | undefined): void {
    this.at(node);
    if (typeof v === 'function') this.errorf(`can't print ${nodeString(node)} of type ${typeName(v)}`);
    const text = v === undefined ? '<no value>' : typeof v === 'string' ? v : sprint([v]);
    this.emit(text, prov, node);
  }

  /** Write a value's text with its provenance: a node origin, an include's segments, or the action itself. */
  private emit(text: string, prov: Prov | undefined, node: ActionNode): void {
    if (!text) return;
    this.counted(text.length);
    const start = this.out.length;
    this.out.write(text);
    const end = this.out.length;
    const step = this.actionStep(node);
    const trace = step ? this.joined(this.trace, [step]) : this.trace;
    if (prov && 'origin' in prov) {
      this.out.mark(start, end, prov.origin, prov.trace ? this.joined(trace, prov.trace) : trace);
      return;
    }
    this.out.mark(start, end, TEMPLATE_ACTION, trace);
    if (prov) {
      for (const s of prov.segs) {
        const t = s.trace ? this.joined(trace, s.trace) : trace;
        this.out.mark(start + s.start, start + s.end, s.origin, t);
      }
    }
  }

  /**
   * `[...a, ...b]`, made once per pair of arrays: an include's segments share a few traces, and a value printed
   * in a loop shares the action's. Segments only read their traces (map-back copies what it hands on).
   */
  private joined(a: TraceStep[], b: TraceStep[]): TraceStep[] {
    if (!a.length) return b;
    let byB = this.joins.get(a);
    if (!byB) this.joins.set(a, (byB = new Map()));
    // a one-step tail is keyed by the step (a fresh [step] array each time)
    const key = b.length === 1 ? b[0] : b;
    let j = byB.get(key);
    if (!j) byB.set(key, (j = [...a, ...b]));
    return j;
  }

  private walkIfOrWith(dot: Dot, node: BranchNode & { t: 'if' | 'with' | 'range' }): number {
    const mark = this.frame.vars.length;
    try {
      const v = this.evalPipeline(dot, node.pipe);
      if (truth(v)) {
        if (node.t === 'with') return this.walk({ v, prov: this.prov, iface: false }, node.list);
        return this.walk(dot, node.list);
      }
      if (node.elseList) return this.walk(dot, node.elseList);
      return 0;
    } finally {
      this.frame.vars.length = mark;
    }
  }

  private setVar(name: string, v: unknown, prov: Prov | undefined, iface: boolean): void {
    const vars = this.frame.vars;
    for (let i = vars.length - 1; i >= 0; i--) {
      if (vars[i].name === name) { vars[i] = { name, v, prov, iface }; return; }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private setTopVar(n: number, v: unknown, prov: Prov | undefined, iface: boolean): void {
    const vars = this.frame.vars;
    const x = vars[vars.length - n];
    vars[vars.length - n] = { name: x.name, v, prov, iface };
  }

  private walkRange(dot: Dot, node: BranchNode): number {
    this.at(node.pipe);
    const mark = this.frame.vars.length;
    try {
      const val = this.evalPipeline(dot, node.pipe);
      const mark2 = this.frame.vars.length;
      const decl = node.pipe.decl;
      const one = (index: unknown, elem: unknown, elemProv: Prov | undefined, iface: boolean): number => {
        this.tick();
        if (decl.length > 0) {
          if (node.pipe.isAssign) this.setVar(decl[0].ident[0], decl.length > 1 ? index : elem, decl.length > 1 ? undefined : elemProv, decl.length > 1 ? false : iface);
          else this.setTopVar(1, elem, elemProv, iface);
        }
        if (decl.length > 1) {
          if (node.pipe.isAssign) this.setVar(decl[1].ident[0], elem, elemProv, iface);
          else this.setTopVar(2, index, undefined, false);
        }
        const r = this.walk({ v: elem, prov: elemProv, iface }, node.list);
        this.frame.vars.length = mark2;
        return r;
      };
      const vo = this.opts.valueOrigin;
      if (Array.isArray(val)) {
        if (val.length > 0) {
          const iface = elemTypeOf(val) === 'interface {}';
          for (let i = 0; i < val.length; i++) {
            const p = vo ? originProv(vo(val, String(i))) : undefined;
            if (one(new GoInt(i), val[i], p, iface) === 1) break;
          }
          return 0;
        }
      } else if (isGoMap(val)) {
        const keys = sortedKeys(val);
        if (keys.length > 0) {
          const iface = elemTypeOf(val) === 'interface {}';
          for (const k of keys) {
            const p = vo ? originProv(vo(val, k)) : undefined;
            if (one(k, val[k], p, iface) === 1) break;
          }
          return 0;
        }
      } else if (val !== undefined && val !== null) {
        this.at(node.pipe.cmds[node.pipe.cmds.length - 1] ?? node.pipe);
        this.errorf(`range can't iterate over ${formatArg(val, 'v', { plus: false, minus: false, sharp: false, space: false, zero: false })}`);
      }
      if (node.elseList) return this.walk(dot, node.elseList);
      return 0;
    } finally {
      this.frame.vars.length = mark;
    }
  }

  private walkTemplate(dot: Dot, node: TemplateNode): number {
    this.at(node);
    const tree = this.set.lookup(node.name);
    if (!tree) this.errorf(`template ${goQuote(node.name)} not defined`);
    let d: Dot = { v: undefined, iface: false };
    if (node.pipe) {
      const v = this.evalPipeline(dot, node.pipe);
      d = { v, prov: this.prov, iface: false };
    }
    if (this.depth >= this.opts.limits.maxDepth) this.errorf(`exceeded maximum template depth (${this.opts.limits.maxDepth})`, 'limit');
    const saved = { frame: this.frame, trace: this.trace };
    const step = this.actionStep(node);
    this.depth++;
    this.frame = { name: tree.name, vars: [{ name: '$', v: d.v, prov: d.prov, iface: false }] };
    if (step) this.trace = [...this.trace, step];
    try {
      this.walk(d, tree.root);
    } finally {
      this.depth--;
      this.frame = saved.frame;
      this.trace = saved.trace;
    }
    return 0;
  }

  // ---------------------------------------------------------------- include and tpl (Helm)
  include(name: string, data: unknown): WithProv {
    const tree = this.set.lookup(name);
    if (!tree) throw new FuncError(`template: no template ${goQuote(name)} associated with template ${goQuote(this.set.rootName)}`);
    return this.nested(tree, data, () => this.set);
  }

  tpl(text: string, data: unknown): WithProv {
    const textProv = this.argProvs[0];
    const child = this.set.child();
    try {
      child.parseTpl(this.set.rootName, text, textProv && 'origin' in textProv ? textProv.origin : undefined);
    } catch (e) {
      if (e instanceof TemplateError) throw new FuncError(`cannot parse template ${goQuote(text)}: ${e.goMessage}`, undefined, e);
      throw e;
    }
    const tree = child.lookup(this.set.rootName);
    if (!tree) throw new FuncError(`cannot parse template ${goQuote(text)}`);
    const r = this.nested(tree, data, () => child, (m) => `error during tpl function execution for ${goQuote(text)}: ${m}`);
    const s = r.value as string;
    if (!s.includes('<no value>')) return r;
    const segs = r.prov && 'segs' in r.prov ? r.prov.segs : [];
    const cleaned = removeAll(s, segs, '<no value>');
    return new WithProv(cleaned.text, { segs: cleaned.segs });
  }

  private nested(tree: Tree, data: unknown, set: () => TemplateSet, wrap: (m: string) => string = (m) => m): WithProv {
    if (this.depth >= this.opts.limits.maxDepth) {
      throw new ExecFailure('', undefined, 'limit');
    }
    const savedSet = this.set;
    const savedProvs = this.argProvs;
    const out = new Out();
    this.depth++;
    this.set = set();
    try {
      this.runTree(tree, data, out);
    } catch (e) {
      if (e instanceof ExecFailure) {
        if (e.kind === 'limit' && !e.goMessage) throw e;
        const inner = toTemplateError(e);
        throw new FuncError(wrap(e.goMessage), e.failMessage, inner);
      }
      throw e;
    } finally {
      this.depth--;
      this.set = savedSet;
      this.argProvs = savedProvs;
    }
    return new WithProv(out.text(), { segs: out.segs });
  }

  // ---------------------------------------------------------------- evaluation
  private evalPipeline(dot: Dot, pipe: PipeNode): unknown {
    this.at(pipe);
    let v: Final = MISSING;
    let prov: Prov | undefined;
    let iface = false;
    for (const cmd of pipe.cmds) {
      v = this.evalCommand(dot, cmd, v, prov);
      prov = this.prov;
      iface = false;
      if (v === null) v = undefined;
    }
    for (const d of pipe.decl) {
      if (pipe.isAssign) this.setVar(d.ident[0], v, prov, iface);
      else this.frame.vars.push({ name: d.ident[0], v, prov, iface });
    }
    this.prov = prov;
    this.iface = false;
    return v;
  }

  private evalCommand(dot: Dot, cmd: CommandNode, final: Final, finalProv: Prov | undefined): unknown {
    const first = cmd.args[0];
    switch (first.t) {
      case 'field': return this.evalFieldNode(dot, first, cmd.args, final, finalProv);
      case 'chain': return this.evalChainNode(dot, first, cmd.args, final, finalProv);
      case 'identifier': return this.evalFunction(dot, first, cmd, cmd.args, final, finalProv);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable': return this.evalVariableNode(dot, first, cmd.args, final, finalProv);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    this.prov = undefined;
    switch (first.t) {
      case 'bool': return first.val;
      case 'dot': this.prov = dot.prov; return dot.v;
      case 'nil': this.errorf('nil is not a command');
      // eslint-disable-next-line no-fallthrough
      case 'number': return this.idealConstant(first);
      case 'string': return first.text;
    }
    this.errorf(`can't evaluate command ${goQuote(nodeString(first))}`);
  }

  private notAFunction(args: Node[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0])}`);
  }

  private idealConstant(n: NumberNode): unknown {
    this.at(n);
    if (n.isComplex) this.errorf(`complex constants are not supported: ${n.text}`);
    const hexInt = /^[+-]?0[xX]/.test(n.text) && !/[pP]/.test(n.text);
    if (n.isFloat && !hexInt && !n.text.startsWith("'") && /[.eEpP]/.test(n.text)) return n.float;
    if (n.isInt) return new GoInt(n.int);
    if (n.isUint) this.errorf(`${n.text} overflows int`);
    return undefined;
  }

  private evalFieldNode(dot: Dot, field: FieldNode, args: Node[] | undefined, final: Final, finalProv: Prov | undefined): unknown {
    this.at(field);
    return this.evalFieldChain(dot, dot.v, dot.prov, dot.iface, field, field.ident, args, final, finalProv);
  }

  private evalChainNode(dot: Dot, chain: ChainNode, args: Node[] | undefined, final: Final, finalProv: Prov | undefined): unknown {
    if (chain.field.length === 0) this.errorf('internal error: no fields in evalChainNode');
    if (chain.node.t === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, 'reflect', chain.node);
    return this.evalFieldChain(dot, pipe, this.prov, false, chain, chain.field, args, final, finalProv);
  }

  private evalVariableNode(dot: Dot, v: VariableNode, args: Node[] | undefined, final: Final, finalProv: Prov | undefined): unknown {
    this.at(v);
    const x = this.varValue(v.ident[0]);
    if (v.ident.length === 1) {
      this.notAFunction(args ?? [v], final);
      this.prov = x.prov;
      this.iface = x.iface;
      return x.v;
    }
    return this.evalFieldChain(dot, x.v, x.prov, x.iface, v, v.ident.slice(1), args, final, finalProv);
  }

  private varValue(name: string): Var {
    const vars = this.frame.vars;
    for (let i = vars.length - 1; i >= 0; i--) if (vars[i].name === name) return vars[i];
    this.errorf(`undefined variable: ${name}`);
  }

  private evalFieldChain(dot: Dot, recv: unknown, recvProv: Prov | undefined, iface: boolean, node: Node, idents: string[],
    args: Node[] | undefined, final: Final, finalProv: Prov | undefined): unknown {
    const n = idents.length;
    this.prov = recvProv;
    this.iface = iface;
    for (let i = 0; i < n - 1; i++) recv = this.evalField(dot, idents[i], node, undefined, MISSING, undefined, recv, this.iface);
    return this.evalField(dot, idents[n - 1], node, args, final, finalProv, recv, this.iface);
  }

  private evalField(dot: Dot, name: string, node: Node, args: Node[] | undefined, final: Final, finalProv: Prov | undefined,
    recv: unknown, iface: boolean): unknown {
    if (recv === undefined) {
      if (this.missingKey === 'error') this.errorf(`nil data; no entry for key ${goQuote(name)}`);
      this.prov = undefined;
      this.iface = false;
      return undefined;
    }
    const typ = iface ? 'interface {}' : typeName(recv);
    if (recv === null) this.errorf(`nil pointer evaluating ${typ}.${name}`);
    const hasArgs = (args !== undefined && args.length > 1) || final !== MISSING;
    const method = goMethod(recv, name);
    if (method) return this.evalCall(dot, method as SignedFunc, false, node, name, args, final, finalProv, recv);
    if (isGoStruct(recv) && /^\p{Lu}/u.test(name)) {
      const m = (recv as Record<string, unknown>)[name];
      if (name in recv) {
        if (hasArgs) this.errorf(`${name} has arguments but cannot be invoked as function`);
        this.prov = undefined;
        this.iface = false;
        return m;
      }
    } else if (isGoMap(recv)) {
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
      const elemIface = elemTypeOf(recv) === 'interface {}';
      if (hasKey(recv, name)) {
        const vo = this.opts.valueOrigin;
        this.prov = vo ? originProv(vo(recv, name)) : undefined;
        this.iface = elemIface;
        return recv[name];
      }
      this.prov = undefined;
      this.iface = elemIface;
      switch (this.missingKey) {
        case 'default': this.iface = false; return undefined;
        case 'zero': return zeroOf(elemTypeOf(recv));
        case 'error': this.errorf(`map has no entry for key ${goQuote(name)}`);
      }
    }
    const tag = isGoStruct(recv) ? goTypeTag(recv) : undefined;
    this.errorf(`can't evaluate field ${name} in type ${iface ? 'interface {}' : tag ?? typ}`);
  }

  private evalFunction(dot: Dot, id: IdentifierNode, cmd: Node, args: Node[] | undefined, final: Final, finalProv: Prov | undefined): unknown {
    this.at(id);
    const name = id.ident;
    const fn = this.funcs[name] ?? this.builtins[name];
    if (!fn) this.errorf(`${goQuote(name)} is not a defined function`);
    return this.evalCall(dot, fn, fn === this.builtins[name], cmd, name, args, final, finalProv, this);
  }

  private evalCall(dot: Dot, fn: SignedFunc, isBuiltin: boolean, node: Node, name: string, args: Node[] | undefined,
    final: Final, finalProv: Prov | undefined, self: unknown): unknown {
    const argNodes = args ? args.slice(1) : [];
    const sig = signatureOf(fn);
    const nparams = sig.params.length;
    const numIn = argNodes.length + (final !== MISSING ? 1 : 0);
    let numFixed = argNodes.length;
    if (sig.variadic) {
      numFixed = nparams - 1;
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${nparams - 1} got ${argNodes.length}`);
    } else if (numIn !== nparams) {
      this.errorf(`wrong number of args for ${name}: want ${nparams} got ${numIn}`);
    }
    if (isBuiltin && isBuiltinAndOr(name)) return this.andOr(dot, name, argNodes, final, finalProv);
    const argv: unknown[] = [];
    const provs: (Prov | undefined)[] = [];
    let i = 0;
    for (; i < numFixed && i < argNodes.length; i++) {
      argv.push(this.evalArg(dot, sig.params[i], argNodes[i]));
      provs.push(this.prov);
    }
    if (sig.variadic) {
      const t = sig.params[nparams - 1];
      for (; i < argNodes.length; i++) {
        argv.push(this.evalArg(dot, t, argNodes[i]));
        provs.push(this.prov);
      }
    }
    if (final !== MISSING) {
      let t = sig.params[nparams - 1];
      if (sig.variadic && numIn - 1 < numFixed) t = sig.params[numIn - 1];
      argv.push(this.validateType(final, t));
      provs.push(finalProv);
    }
    return this.call(fn, node, name, argv, provs, self);
  }

  callSite(): { file: string; range: TraceStep['range'] } | undefined {
    const c = this.calling;
    const src = c?.node.src;
    if (!c || !src?.file) return undefined;
    const a = lineCol(src, c.node.pos);
    return { file: src.file, range: { start: { line: a.line, character: a.col }, end: { line: a.line, character: a.col + c.name.length } } };
  }

  private call(fn: SignedFunc, node: Node, name: string, argv: unknown[], provs: (Prov | undefined)[], self: unknown): unknown {
    this.tick();
    let r: unknown;
    const savedProvs = this.argProvs;
    const savedCall = this.calling;
    this.argProvs = provs;
    this.calling = { node, name };
    try {
      r = fn.apply(self, argv);
    } catch (e) {
      if (e instanceof RenderCancelled) throw e;
      if (e instanceof ExecFailure && e.kind === 'limit') {
        if (!e.goMessage) { this.at(node); this.errorf(`exceeded maximum template depth (${this.opts.limits.maxDepth})`, 'limit'); }
        throw e;
      }
      this.at(node);
      const msg = e instanceof Error ? e.message : String(e);
      const fe = e instanceof FuncError ? e : undefined;
      const kind = fe?.inner?.kind === 'limit' ? 'limit' : e instanceof RangeError ? 'limit' : 'exec';
      this.errorf(`error calling ${name}: ${msg}`, kind, fe?.failMessage ?? fe?.inner?.failMessage, fe?.inner);
    } finally {
      this.argProvs = savedProvs;
      this.calling = savedCall;
    }
    if (r instanceof WithProv) {
      this.prov = r.prov;
      r = r.value;
    } else {
      const t = fn[PROV];
      this.prov = t ? t(provs, argv, r) : undefined;
    }
    this.iface = false;
    if (typeof r === 'string' && r.length > this.maxOutput) {
      this.at(node);
      this.errorf(`error calling ${name}: result exceeds the output limit (${this.maxOutput} characters)`, 'limit');
    }
    return r === undefined ? null : r;
  }

  private andOr(dot: Dot, name: string, argNodes: Node[], final: Final, finalProv: Prov | undefined): unknown {
    let v: unknown;
    let p: Prov | undefined;
    for (const a of argNodes) {
      v = this.evalArg(dot, 'reflect', a);
      p = this.prov;
      if (truth(v) === (name === 'or')) { this.prov = p; return v; }
    }
    if (final !== MISSING) { v = final; p = finalProv; }
    this.prov = p;
    return v;
  }

  private evalArg(dot: Dot, typ: ParamType, n: Node): unknown {
    this.at(n);
    switch (n.t) {
      case 'dot': this.prov = dot.prov; return this.validateType(dot.v, typ, dot.iface);
      case 'nil':
        this.prov = undefined;
        if (typ === 'reflect') return null;
        if (canBeNil(typ)) return zeroParam(typ);
        this.errorf(`cannot assign nil to ${goTypeName(typ)}`);
      // eslint-disable-next-line no-fallthrough
      case 'field': { const v = this.evalFieldNode(dot, n, [n], MISSING, undefined); return this.validateType(v, typ, this.iface); }
      case 'variable': { const v = this.evalVariableNode(dot, n, undefined, MISSING, undefined); return this.validateType(v, typ, this.iface); }
      case 'pipe': return this.validateType(this.evalPipeline(dot, n), typ);
      case 'identifier': return this.validateType(this.evalFunction(dot, n, n, undefined, MISSING, undefined), typ);
      case 'chain': { const v = this.evalChainNode(dot, n, undefined, MISSING, undefined); return this.validateType(v, typ, this.iface); }
    }
    this.prov = undefined;
    const str = nodeString(n);
    switch (typ) {
      case 'bool': if (n.t === 'bool') return n.val; this.errorf(`expected bool; found ${str}`);
      // eslint-disable-next-line no-fallthrough
      case 'float64': if (n.t === 'number' && n.isFloat) return n.float; this.errorf(`expected float; found ${str}`);
      // eslint-disable-next-line no-fallthrough
      case 'int': case 'int64': case 'uint8': case 'uint32':
        if (n.t === 'number' && n.isInt) return new GoInt(n.int, typ);
        this.errorf(`expected integer; found ${str}`);
      // eslint-disable-next-line no-fallthrough
      case 'string': if (n.t === 'string') return n.text; this.errorf(`expected string; found ${str}`);
      // eslint-disable-next-line no-fallthrough
      case 'any': case 'reflect':
        if (n.t === 'bool') return n.val;
        if (n.t === 'number') return this.idealConstant(n);
        if (n.t === 'string') return n.text;
        break;
    }
    this.errorf(`can't handle ${str} for arg of type ${goTypeName(typ)}`);
  }

  /** Go's validateType: is the value assignable to the parameter? (invalid -> nil for nil-able types) */
  private validateType(v: unknown, typ: ParamType, iface = false): unknown {
    if (typ === 'reflect') return v;
    if (v === undefined) {
      if (typ === 'any') return null;
      if (canBeNil(typ)) return zeroParam(typ);
      this.errorf(`invalid value; expected ${goTypeName(typ)}`);
    }
    if (typ === 'any') return v;
    if (v === null) this.errorf(`wrong type for value; expected ${goTypeName(typ)}; got interface {}`);
    if (assignable(v, typ)) return v;
    void iface;
    this.errorf(`wrong type for value; expected ${goTypeName(typ)}; got ${typeName(v)}`);
  }
}

function originProv(o: Origin | undefined): Prov | undefined { return o ? { origin: o } : undefined; }

function canBeNil(t: ParamType): boolean { return t === 'any' || t === 'map' || t === 'list' || t === 'strings' || t === 'values' || t === 'reflect'; }

function zeroParam(t: ParamType): unknown {
  switch (t) {
    case 'map': case 'values': return {};
    case 'list': return [];
    case 'strings': return Object.defineProperty([], Symbol.for('kubehex.goType'), { value: '[]string' });
    default: return null;
  }
}

function assignable(v: unknown, t: ParamType): boolean {
  switch (t) {
    case 'string': return typeof v === 'string';
    case 'bool': return typeof v === 'boolean';
    case 'float64': return typeof v === 'number';
    case 'int': case 'int64': case 'uint8': case 'uint32': return v instanceof GoInt && v.kind === t;
    case 'time': case 'cert': return typeName(v) === goTypeName(t);
    case 'map': case 'values': {
      if (!isGoMap(v)) return false;
      const tag = goTypeTag(v);
      return !tag || tag === 'map[string]interface {}' || tag === 'chartutil.Values';
    }
    case 'list': return Array.isArray(v) && (!goTypeTag(v) || goTypeTag(v) === '[]interface {}');
    case 'strings': return Array.isArray(v) && goTypeTag(v) === '[]string';
    default: return true;
  }
}

export type { Segment };
