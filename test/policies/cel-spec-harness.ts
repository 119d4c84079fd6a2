/**
 * Runs CEL's conformance suite (cel-spec's simple tests, as packaged in the dev dependency @bufbuild/cel-spec)
 * against policies/cel. Used by test/policies/cel-spec.test.ts and scripts/cel-conformance.mjs.
 * Tests that need protocol buffer messages (TestAllTypes, wrappers, Any other than Timestamp/Duration), a
 * container, or unknowns are counted as skipped: Kubernetes' CEL never sees them.
 */
import { CelDuration, CelTimestamp, CelType, CelUint, evalCel, Vars, type Value } from '../../policies/cel';

/** The suite's files for the parts of CEL that Kubernetes' and Kyverno's CEL environments enable. */
export const K8S_FILES = ['basic', 'comparisons', 'conversions', 'fields', 'fp_math', 'integer_math', 'lists', 'logic', 'macros', 'macros2', 'optionals', 'parse', 'string', 'string_ext', 'timestamps', 'bindings_ext', 'encoders_ext', 'math_ext'];

/** Canonical values, comparable across representations. */
export type Canon =
  | { t: 'null' } | { t: 'bool'; v: boolean } | { t: 'int' | 'uint' | 'timestamp' | 'duration'; v: bigint } | { t: 'double'; v: number }
  | { t: 'string' | 'bytes' | 'type'; v: string } | { t: 'list'; v: Canon[] } | { t: 'map'; v: [Canon, Canon][] } | { t: 'other'; v: string };

export interface SpecTest { file: string; section: string; name: string; expr: string; bindings: Record<string, Canon>; expect: { value: Canon } | { error: true }; skip?: string }
export interface SpecFailure { test: SpecTest; got: string }
export interface SpecResult { pass: number; fail: number; skip: number; failures: SpecFailure[] }

type Msg = any;
class NeedsProto extends Error {}

/** Reads a google.protobuf.Timestamp/Duration payload: field 1 seconds (varint), field 2 nanos (varint). */
function secondsNanos(bytes: Uint8Array): bigint {
  let i = 0;
  let seconds = 0n;
  let nanos = 0n;
  while (i < bytes.length) {
    const tag = bytes[i++];
    let v = 0n;
    let shift = 0n;
    for (;;) { const b = bytes[i++]; v |= BigInt(b & 0x7f) << shift; shift += 7n; if (!(b & 0x80)) break; }
    v = BigInt.asIntN(64, v);
    if (tag >> 3 === 1) seconds = v; else if (tag >> 3 === 2) nanos = v;
  }
  return seconds * 1000000000n + nanos;
}

function canon(val: Msg): Canon {
  const k = val.kind;
  switch (k.case) {
    case 'nullValue': return { t: 'null' };
    case 'boolValue': return { t: 'bool', v: k.value };
    case 'int64Value': return { t: 'int', v: BigInt(k.value) };
    case 'uint64Value': return { t: 'uint', v: BigInt(k.value) };
    case 'doubleValue': return { t: 'double', v: k.value };
    case 'stringValue': return { t: 'string', v: k.value };
    case 'bytesValue': return { t: 'bytes', v: Buffer.from(k.value).toString('hex') };
    case 'listValue': return { t: 'list', v: k.value.values.map(canon) };
    case 'mapValue': return { t: 'map', v: k.value.entries.map((e: Msg) => [canon(e.key), canon(e.value)]) };
    case 'typeValue': return { t: 'type', v: k.value };
    case 'objectValue': {
      const url: string = k.value.typeUrl;
      if (url.endsWith('/google.protobuf.Timestamp')) return { t: 'timestamp', v: secondsNanos(k.value.value) };
      if (url.endsWith('/google.protobuf.Duration')) return { t: 'duration', v: secondsNanos(k.value.value) };
      throw new NeedsProto(url);
    }
  }
  throw new NeedsProto(String(k.case));
}

/** The suite's tests of the given files, in order, converted to canonical values. */
export function loadSpecTests(files = K8S_FILES): SpecTest[] {
  // resolved through the package's exports map, hence require
  const { getConformanceSuite } = require('@bufbuild/cel-spec/testdata/tests.js') as { getConformanceSuite(): Msg };
  const out: SpecTest[] = [];
  for (const f of getConformanceSuite().suites) {
    if (!files.includes(f.name)) continue;
    for (const sec of f.suites) for (const t of sec.tests) {
      const o = t.original;
      const test: SpecTest = { file: f.name, section: sec.name, name: t.name, expr: o.expr, bindings: {}, expect: { error: true } };
      try {
        if (o.container || o.checkOnly || /TestAllTypes|google\.protobuf\.|GlobalEnum|cel\.expr\./.test(o.expr)) throw new NeedsProto('expression');
        for (const [name, ev] of Object.entries(o.bindings as Record<string, Msg>)) {
          if (ev.kind.case !== 'value') throw new NeedsProto('binding');
          test.bindings[name] = canon(ev.kind.value);
        }
        const m = o.resultMatcher;
        if (m.case === undefined) test.expect = { value: { t: 'bool', v: true } };
        else if (m.case === 'value') test.expect = { value: canon(m.value) };
        else if (m.case === 'typedResult') test.expect = { value: canon(m.value.result) };
        else if (m.case === 'evalError' || m.case === 'anyEvalErrors') test.expect = { error: true };
        else throw new NeedsProto(m.case);
      } catch (e) {
        if (!(e instanceof NeedsProto)) throw e;
        test.skip = e.message;
      }
      out.push(test);
    }
  }
  return out;
}

function toValue(c: Canon): Value {
  switch (c.t) {
    case 'null': return null;
    case 'bool': case 'int': case 'double': case 'string': return c.v;
    case 'uint': return new CelUint(c.v);
    case 'bytes': return new Uint8Array(Buffer.from(c.v, 'hex'));
    case 'list': return c.v.map(toValue);
    case 'map': return new Map(c.v.map(([k, v]) => { const key = toValue(k); return [key instanceof CelUint ? key.v : (key as string | bigint | boolean), toValue(v)]; }));
    case 'type': return new CelType(c.v);
    case 'duration': return new CelDuration(c.v);
    case 'timestamp': {
      const ms = c.v / 1000000n - (c.v % 1000000n < 0n ? 1n : 0n);
      return new CelTimestamp(Number(ms), Number(c.v - ms * 1000000n));
    }
    case 'other': throw new Error(`no value for ${c.v}`);
  }
}

export function fromValue(v: Value): Canon {
  if (v === null) return { t: 'null' };
  switch (typeof v) {
    case 'boolean': return { t: 'bool', v };
    case 'bigint': return { t: 'int', v };
    case 'number': return { t: 'double', v };
    case 'string': return { t: 'string', v };
  }
  if (v instanceof Uint8Array) return { t: 'bytes', v: Buffer.from(v).toString('hex') };
  if (v instanceof CelUint) return { t: 'uint', v: v.v };
  if (Array.isArray(v)) return { t: 'list', v: v.map(fromValue) };
  if (v instanceof Map) return { t: 'map', v: [...v].map(([k, x]) => [fromValue(k), fromValue(x)] as [Canon, Canon]) };
  if (v instanceof CelType) return { t: 'type', v: v.name };
  if (v instanceof CelTimestamp) return { t: 'timestamp', v: BigInt(v.ms) * 1000000n + BigInt(v.nanos) };
  if (v instanceof CelDuration) return { t: 'duration', v: v.ns };
  return { t: 'other', v: v.constructor.name };
}

export function canonEqual(a: Canon, b: Canon): boolean {
  if (a.t !== b.t) return false;
  switch (a.t) {
    case 'null': return true;
    case 'double': { const y = (b as typeof a).v; return a.v === y || (Number.isNaN(a.v) && Number.isNaN(y)); }
    case 'list': { const y = (b as typeof a).v; return a.v.length === y.length && a.v.every((x, i) => canonEqual(x, y[i])); }
    case 'map': { const y = (b as typeof a).v; return a.v.length === y.length && a.v.every(([k, v]) => y.some(([k2, v2]) => canonEqual(k, k2) && canonEqual(v, v2))); }
    default: return a.v === (b as typeof a).v;
  }
}

export function show(c: Canon): string {
  return JSON.stringify(c, (_k, v) => (typeof v === 'bigint' ? `${v}` : v));
}

/** One test against policies/cel: undefined when it passes, else what we got. */
export function runSpecTest(t: SpecTest): string | undefined {
  const vars = new Vars();
  for (const [k, c] of Object.entries(t.bindings)) vars.set(k, toValue(c));
  let r: ReturnType<typeof evalCel>;
  try { r = evalCel(t.expr, vars); } catch (e) { return `crash: ${(e as Error).message}`; }
  if ('error' in t.expect) return 'value' in r ? `value ${show(fromValue(r.value))}` : undefined;
  if ('value' in r) { const got = fromValue(r.value); return canonEqual(got, t.expect.value) ? undefined : `value ${show(got)}`; }
  return 'error' in r ? `error: ${r.error}` : `unknown: ${r.unknown}`;
}

export function runSpec(tests: SpecTest[]): SpecResult {
  const res: SpecResult = { pass: 0, fail: 0, skip: 0, failures: [] };
  for (const t of tests) {
    if (t.skip) { res.skip++; continue; }
    const got = runSpecTest(t);
    if (got === undefined) res.pass++;
    else { res.fail++; res.failures.push({ test: t, got }); }
  }
  return res;
}
