/**
 * The CEL core that ValidatingAdmissionPolicy, Kyverno's ValidatingPolicy and Kyverno `cel` rules and
 * Gatekeeper's K8sNativeValidation share: variables, matchConditions, validations, failurePolicy.
 */
import { isRecord, type K8sObject, type Path } from '../engine';
import type { Note } from './types';
import { ANY_OBJECT, BOOL, CelError, CelUnknown, checkTypes, compile, DYN, obj, run, STRING, toJson, typeText, Vars, type CelT, type Node, type Program, type TypeIssue, type Value } from './cel';

export interface CelExpr { expression: string; path: Path }
export interface CelValidation extends CelExpr { message?: string; messageExpression?: string; reason?: string; messagePath?: Path }
export interface CelSpec {
  variables: (CelExpr & { name: string })[];
  matchConditions: (CelExpr & { name: string })[];
  validations: CelValidation[];
  failurePolicy: 'Fail' | 'Ignore';
}

export interface CelFailure { index: number; message: string; path: Path }
export type CelOutcome = { skip: true; unknown?: string } | { skip: false; failures: CelFailure[]; unknown?: string };

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function readCelSpec(spec: Record<string, unknown>, base: Path, failurePolicy?: unknown): CelSpec {
  const list = (key: string) => (Array.isArray(spec[key]) ? (spec[key] as unknown[]) : []);
  const named = (key: string) => list(key).flatMap((v, i) => (isRecord(v) && typeof v.expression === 'string' ? [{ name: String(v.name ?? ''), expression: v.expression, path: [...base, key, i, 'expression'] }] : []));
  return {
    variables: named('variables'),
    matchConditions: named('matchConditions'),
    validations: list('validations').flatMap((v, i) => (isRecord(v) && typeof v.expression === 'string'
      ? [{ expression: v.expression, message: str(v.message), messageExpression: str(v.messageExpression), reason: str(v.reason), path: [...base, 'validations', i, 'expression'], messagePath: [...base, 'validations', i, 'messageExpression'] }]
      : [])),
    failurePolicy: (failurePolicy ?? spec.failurePolicy) === 'Ignore' ? 'Ignore' : 'Fail',
  };
}

/** `variables`: each one evaluated on first use, in the same activation, as the API server does. */
class LazyVariables extends Map<string, Value> {
  private readonly done = new Map<string, Value>();
  constructor(private readonly defs: Map<string, Program | string>, private readonly act: Vars) { super(); }
  override get(name: string): Value | undefined {
    const hit = this.done.get(name);
    if (hit !== undefined) return hit;
    const def = this.defs.get(name);
    if (def === undefined) return undefined;
    if (typeof def === 'string') throw new CelError(`variable ${name} does not compile: ${def}`);
    const r = run(def, this.act);
    if ('unknown' in r) throw new CelUnknown(r.unknown);
    if ('error' in r) throw new CelError(`variables.${name}: ${r.error}`);
    this.done.set(name, r.value);
    return r.value;
  }
  override has(name: string): boolean { return this.defs.has(name); }
}

/** Binds `variables` in the activation (keeping extra pre-set variables such as Gatekeeper's params). */
export function bindVariables(spec: CelSpec, act: Vars, preset?: Record<string, Value>): void {
  const defs = new Map<string, Program | string>();
  for (const v of spec.variables) {
    const c = compile(v.expression);
    defs.set(v.name, 'program' in c ? c.program : c.error.message);
  }
  const lazy = new LazyVariables(defs, act);
  for (const [k, v] of Object.entries(preset ?? {})) { defs.set(k, ''); (lazy as unknown as { done: Map<string, Value> }).done.set(k, v); }
  act.set('variables', lazy);
}

/** Runs match conditions then validations; `object` is the plain JSON of the object judged. */
export function runCelSpec(spec: CelSpec, act: Vars, object: unknown): CelOutcome {
  for (const mc of spec.matchConditions) {
    const r = evalExpr(mc.expression, act);
    if ('unknown' in r) return { skip: true, unknown: r.unknown };
    if ('error' in r) {
      if (spec.failurePolicy === 'Ignore') return { skip: true };
      return { skip: false, failures: [{ index: 0, message: `matchCondition '${mc.name}' resulted in error: ${r.error}`, path: ['kind'] }] };
    }
    if (r.value !== true) return { skip: true };
  }
  const failures: CelFailure[] = [];
  let unknown: string | undefined;
  spec.validations.forEach((v, i) => {
    const r = evalExpr(v.expression, act);
    if ('unknown' in r) { unknown ??= r.unknown; return; }
    if ('error' in r) {
      if (spec.failurePolicy === 'Fail') failures.push({ index: i, message: `expression '${v.expression.trim()}' resulted in error: ${r.error}`, path: ['kind'] });
      return;
    }
    if (r.value === true) return;
    failures.push({ index: i, message: messageOf(v, act), path: readPath(r.ast, object) });
  });
  return { skip: false, failures, unknown };
}

function evalExpr(src: string, act: Vars): { value: Value; ast: Node } | { error: string } | { unknown: string } {
  const c = compile(src);
  if ('error' in c) return { error: `compilation failed: ${c.error.message}` };
  const r = run(c.program, act);
  if ('value' in r) {
    if (typeof r.value !== 'boolean') return { error: `expression must return a bool, got ${JSON.stringify(toJson(r.value))}` };
    return { value: r.value, ast: c.program.ast };
  }
  return r;
}

function messageOf(v: CelValidation, act: Vars): string {
  if (v.messageExpression) {
    const c = compile(v.messageExpression);
    if ('program' in c) {
      const r = run(c.program, act);
      if ('value' in r && typeof r.value === 'string' && r.value.trim() && !r.value.includes('\n')) return r.value;
      if ('value' in r && typeof r.value === 'string' && r.value.trim()) return r.value.replace(/\n/g, ' ');
    }
  }
  if (v.message) return v.message.trim();
  return `failed expression: ${v.expression.trim()}`;
}

/** The first `object.a.b...` path the expression reads that exists in the object (the finding's range). */
export function readPath(ast: Node, object: unknown): Path {
  for (const p of objectPaths(ast)) {
    if (p.length && exists(object, p)) return p;
  }
  return ['kind'];
}

function exists(v: unknown, p: Path): boolean {
  let cur = v;
  for (const seg of p) {
    if (Array.isArray(cur) && typeof seg === 'number') cur = cur[seg];
    else if (isRecord(cur) && typeof seg === 'string') cur = cur[seg];
    else return false;
    if (cur === undefined) return false;
  }
  return true;
}

/** Field paths rooted at `object` in source order, the longest chain of each (`object.spec.x` -> spec, x). */
export function objectPaths(ast: Node): Path[] {
  const out: { pos: number; path: Path }[] = [];
  const chain = (n: Node): Path | undefined => {
    if (n.t === 'ident') return n.name === 'object' ? [] : undefined;
    if (n.t === 'select') { const p = chain(n.x); return p && [...p, n.field]; }
    if (n.t === 'index' && n.i.t === 'lit' && (typeof n.i.v === 'string' || typeof n.i.v === 'bigint')) {
      const p = chain(n.x);
      return p && [...p, typeof n.i.v === 'bigint' ? Number(n.i.v) : n.i.v];
    }
    if (n.t === 'call' && n.target && (n.fn === 'orValue' || n.fn === 'value')) return chain(n.target);
    return undefined;
  };
  const walk = (n: Node, parentIsChain: boolean): void => {
    const p = chain(n);
    if (p && !parentIsChain) out.push({ pos: n.pos, path: p });
    for (const c of children(n)) walk(c, !!p && (c === (n as { x?: Node }).x || c === (n as { target?: Node }).target));
  };
  walk(ast, false);
  return out.sort((a, b) => a.pos - b.pos).map((x) => x.path);
}

function children(n: Node): Node[] {
  switch (n.t) {
    case 'select': return [n.x];
    case 'index': return [n.x, n.i];
    case 'call': return [...(n.target ? [n.target] : []), ...n.args];
    case 'list': return n.items;
    case 'map': return n.entries.flatMap((e) => [e.k, e.v]);
    case 'cond': return [n.c, n.a, n.b];
    case 'and': case 'or': case 'bin': return [n.l, n.r];
    case 'not': case 'neg': return [n.x];
    case 'has': return [n.x];
    case 'comp': return [n.range, ...(n.pred ? [n.pred] : []), ...(n.tr ? [n.tr] : [])];
    default: return [];
  }
}

/** What the type checker knows of a policy's environment (see celCompileNotes). */
export interface CelTypeContext {
  /** The types `object` may have (one per kind the policy matches); none known: any Kubernetes object when strict, else dyn. */
  objectTypes?: CelT[];
  /** Variables beside the admission ones (Gatekeeper: `variables.params`, `variables.anyObject`). */
  presetVariables?: Record<string, CelT>;
  /**
   * The environment is fully known (VAP, Gatekeeper): an undeclared variable or `variables.x` is an error, and
   * `object` is at least a Kubernetes object. Otherwise (Kyverno, whose CEL has more libraries and an untyped
   * `object`) only what is certain in any environment is reported.
   */
  strict?: boolean;
}

/**
 * Syntax and type errors in a policy's CEL, as notes on the very characters at fault (authoring in the editor).
 * Type errors are checked against every type `object` may have, and only those found for all of them are
 * reported: a policy matching Pods and Deployments is not faulted for a field only one of them has.
 */
export function celCompileNotes(spec: CelSpec, on: K8sObject, owner: string, types: CelTypeContext = {}): Note[] {
  const notes: Note[] = [];
  const note = (path: Path, kind: string, message: string, start: number, end: number, src: string) => {
    notes.push({ on, path, messageId: 'compile-error', message: `${owner}: CEL ${kind} error: ${message}`, span: [start, Math.min(end, Math.max(src.length, start + 1))] });
  };
  const exprs: { src: string; path: Path; want?: CelT; variable?: string }[] = [
    ...spec.variables.map((v) => ({ src: v.expression, path: v.path, variable: v.name })),
    ...spec.matchConditions.map((v) => ({ src: v.expression, path: v.path, want: BOOL })),
    ...spec.validations.map((v) => ({ src: v.expression, path: v.path, want: BOOL })),
    ...spec.validations.flatMap((v) => (v.messageExpression && v.messagePath ? [{ src: v.messageExpression, path: v.messagePath, want: STRING }] : [])),
  ];
  const asts = exprs.map((e) => {
    const c = compile(e.src);
    if ('error' in c) { note(e.path, 'syntax', c.error.message, c.error.start, c.error.end, e.src); return undefined; }
    return c.program.ast;
  });
  const perType = (types.objectTypes?.length ? types.objectTypes : [types.strict ? ANY_OBJECT : DYN]).map((objectType) => {
    const declared: Record<string, CelT> = { ...(types.presetVariables ?? {}) };
    const vars: Record<string, CelT> = {
      object: objectType, oldObject: objectType, request: DYN, params: DYN, namespaceObject: types.strict ? ANY_OBJECT : DYN, authorizer: DYN,
      variables: obj('variables', declared, !!types.strict),
    };
    const found: (TypeIssue & { at: number })[] = [];
    exprs.forEach((e, at) => {
      const ast = asts[at];
      if (!ast) { if (e.variable) declared[e.variable] = DYN; return; }
      const r = checkTypes(ast, { vars, strictIdents: !!types.strict });
      for (const i of r.issues) found.push({ ...i, at });
      if (e.variable) declared[e.variable] = r.type;
      else if (e.want && r.type.k !== 'dyn' && typeText(r.type) !== typeText(e.want)) {
        found.push({ at, message: `expression must evaluate to ${typeText(e.want)}, not ${typeText(r.type)}`, start: ast.pos, end: ast.end });
      }
    });
    return found;
  });
  const key = (i: TypeIssue & { at: number }) => `${i.at}:${i.start}:${i.end}:${i.message}`;
  const everywhere = perType.slice(1).reduce((acc, l) => { const ks = new Set(l.map(key)); return acc.filter((i) => ks.has(key(i))); }, perType[0]);
  for (const i of everywhere) note(exprs[i.at].path, 'type', i.message, i.start, i.end, exprs[i.at].src);
  return notes;
}
