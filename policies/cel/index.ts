/** The CEL interpreter's public face: compile once, evaluate with variables and a step budget. */
import './ext-strings';
import './ext-lists';
import './ext-k8s';
import './ext-kyverno';
import { evaluate, type Activation } from './eval';
import { CelSyntaxError } from './lexer';
import { parse, type Node } from './parser';
import { CelCostExceeded, CelError, CelUnknown, type Value } from './values';

export { CelSyntaxError } from './lexer';
export { CelError, CelUnknown, CelCostExceeded, CelOptional, CelUint, CelOpaque, CelType, CelDuration, CelTimestamp, fromJson, toJson, typeName, type Value } from './values';
export { equals } from './operators';
export { parseQuantity } from './ext-k8s';
export { RESOURCE_LIB, IMAGE_LIB, type ResourceSource, type ImageSource } from './ext-kyverno';
export type { Node } from './parser';
export { checkTypes, typeText, DYN, BOOL, STRING, INT, obj, type CelT, type CheckEnv, type TypeIssue } from './check';
export { ANY_OBJECT, builtinType, customResourceType } from './k8s-types';

export interface Program { source: string; ast: Node }
export type CompileResult = { program: Program } | { error: { message: string; start: number; end: number } };

/** Default step budget: far above any real policy, low enough that a runaway expression ends in milliseconds. */
export const DEFAULT_STEP_LIMIT = 1_000_000;

const cache = new Map<string, CompileResult>();
export function compile(source: string): CompileResult {
  const hit = cache.get(source);
  if (hit) return hit;
  let res: CompileResult;
  try {
    res = { program: { source, ast: parse(source) } };
  } catch (e) {
    if (!(e instanceof CelSyntaxError)) throw e;
    res = { error: { message: e.message, start: e.pos, end: Math.max(e.end, e.pos + 1) } };
  }
  if (cache.size > 2000) cache.clear();
  cache.set(source, res);
  return res;
}

export type EvalResult =
  | { value: Value }
  | { error: string; pos?: number }
  | { unknown: string };

/** Variables: plain JSON or CEL values, or thunks evaluated on first use (VAP variables). */
export class Vars implements Activation {
  private readonly values = new Map<string, Value>();
  private readonly thunks = new Map<string, () => Value>();
  set(name: string, v: Value): this { this.values.set(name, v); return this; }
  lazy(name: string, f: () => Value): this { this.thunks.set(name, f); return this; }
  get(name: string): Value | undefined {
    const v = this.values.get(name);
    if (v !== undefined) return v;
    const f = this.thunks.get(name);
    if (!f) return undefined;
    const r = f();
    this.values.set(name, r);
    return r;
  }
  has(name: string): boolean { return this.values.has(name) || this.thunks.has(name); }
}

export function run(program: Program, vars: Activation, limit = DEFAULT_STEP_LIMIT): EvalResult {
  // CEL errors are values here (no such key, no overload...): stack traces would only cost time
  const traces = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return { value: evaluate(program.ast, vars, { steps: 0, limit }) };
  } catch (e) {
    if (e instanceof CelUnknown) return { unknown: e.what };
    if (e instanceof CelError) return { error: e.message, pos: e.node };
    if (e instanceof CelCostExceeded) return { error: e.message };
    if (e instanceof RangeError) return { error: `evaluation failed: ${e.message}` };
    throw e;
  } finally {
    Error.stackTraceLimit = traces;
  }
}

/** Compile and run in one call (tests, one-off expressions). */
export function evalCel(source: string, vars: Activation = new Vars(), limit?: number): EvalResult {
  const c = compile(source);
  if ('error' in c) return { error: `syntax error: ${c.error.message}`, pos: c.error.start };
  return run(c.program, vars, limit);
}
