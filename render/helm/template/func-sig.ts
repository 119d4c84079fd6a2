/**
 * Go parameter types of template functions, so arguments are checked and converted as Go's reflection-based
 * call does ("wrong type for value; expected int; got float64", literals typed by the parameter), and the
 * provenance transforms of value-preserving functions.
 */
import type { Segment, TraceStep, Origin } from '../../source-map';

export type ParamType =
  | 'any' | 'reflect' | 'string' | 'int' | 'int64' | 'uint8' | 'uint32' | 'float64' | 'bool' | 'map' | 'list' | 'strings' | 'values'
  | 'time' | 'cert';

export interface FuncSig { params: ParamType[]; variadic: boolean }

/** Where a value came from: a source node (a values key), or pieces of a string (an include's output). */
export type Prov = { origin: Origin; trace?: TraceStep[] } | { segs: Segment[] };

/** Computes the provenance of a function's result from its arguments' (undefined = unknown). */
export type ProvTransform = (provs: ReadonlyArray<Prov | undefined>, args: ReadonlyArray<unknown>, result: unknown) => Prov | undefined;

export const SIG: unique symbol = Symbol('kubehex.goSig') as never;
export const PROV: unique symbol = Symbol('kubehex.provTransform') as never;

export interface SignedFunc {
  (...args: unknown[]): unknown;
  [SIG]?: FuncSig;
  [PROV]?: ProvTransform;
}

/** Go's name of a parameter type, for messages. */
export function goTypeName(t: ParamType): string {
  switch (t) {
    case 'any': return 'interface {}';
    case 'reflect': return 'reflect.Value';
    case 'map': return 'map[string]interface {}';
    case 'list': return '[]interface {}';
    case 'strings': return '[]string';
    case 'values': return 'chartutil.Values';
    case 'time': return 'time.Time';
    case 'cert': return 'sprig.certificate';
    default: return t;
  }
}

/**
 * Attach a Go signature, e.g. `sig('string, int', fn)` or `sig('string, ...any', fn)`; `prov` marks how the
 * result's provenance follows the arguments.
 */
export function sig<F extends (...args: never[]) => unknown>(spec: string, fn: F, prov?: ProvTransform): SignedFunc {
  const parts = spec.split(',').map((s) => s.trim()).filter(Boolean);
  const variadic = parts.length > 0 && parts[parts.length - 1].startsWith('...');
  const params = parts.map((p) => p.replace(/^\.\.\./, '') as ParamType);
  const f = fn as unknown as SignedFunc;
  f[SIG] = { params, variadic };
  if (prov) f[PROV] = prov;
  return f;
}

export function signatureOf(fn: unknown): FuncSig {
  return (fn as SignedFunc)[SIG] ?? { params: ['any'], variadic: true };
}

/** The result keeps the provenance of argument `i` (quote, toString, toYaml…). `i` < 0 counts from the end. */
export function keepsArg(i: number): ProvTransform {
  return (provs) => provs[i < 0 ? provs.length + i : i];
}

/** A value returned with its provenance (include, tpl). The executor unwraps it. */
export class WithProv {
  constructor(readonly value: unknown, readonly prov: Prov | undefined) {}
}
