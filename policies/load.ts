/** Finds every admission policy among objects and turns each into units (one rule id each) and notes. */
import { isRecord, type K8sObject, type ParsedFile } from '../engine';
import type { External } from './external';
import { loadGatekeeper } from './gatekeeper';
import { loadKyverno } from './kyverno/policy';
import { loadValidatingPolicies } from './kyverno/vpol';
import { loadVaps } from './vap';
import type { Env, Note, PolicyOptions, PolicyUnit, UnitResult } from './types';

export interface LoadedPolicies { units: PolicyUnit[]; notes: Note[]; external?: External }

const POLICY_KINDS = new Set(['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ClusterPolicy', 'Policy', 'ValidatingPolicy', 'NamespacedValidatingPolicy', 'ConstraintTemplate']);

/** Whether an object is (part of) an admission policy: policies, bindings, templates, constraints. */
export function isPolicyObject(o: { kind: string; apiVersion: string }): boolean {
  if (o.apiVersion.startsWith('constraints.gatekeeper.sh/')) return true;
  if (!POLICY_KINDS.has(o.kind)) return false;
  return /^(admissionregistration\.k8s\.io|kyverno\.io|policies\.kyverno\.io|templates\.gatekeeper\.sh)\//.test(o.apiVersion);
}

export function loadPolicies(objects: ReadonlyArray<K8sObject>, opts: PolicyOptions = {}): LoadedPolicies {
  const policyObjects = objects.filter(isPolicyObject);
  const ext = opts.external ? { external: opts.external } : {};
  if (!policyObjects.length) return { units: [], notes: [], ...ext };
  // CRDs of the scan go along so that a VAP's `object` is typed from the custom resource's schema
  const crds = objects.filter((o) => o.kind === 'CustomResourceDefinition' && o.apiVersion.startsWith('apiextensions.k8s.io/'));
  const vap = loadVaps(crds.length ? [...policyObjects, ...crds] : policyObjects, opts);
  const ky = loadKyverno(policyObjects, opts.podSecurity);
  const gk = loadGatekeeper(policyObjects);
  const vpolNotes: Note[] = [];
  const vpol = loadValidatingPolicies(policyObjects, vpolNotes);
  return { units: [...vap.units, ...ky.units, ...vpol, ...gk.units], notes: [...vap.notes, ...ky.notes, ...vpolNotes, ...gk.notes], ...ext };
}

export function makeEnv(objects: ReadonlyArray<K8sObject>, external?: External): Env {
  const namespaces = new Map<string, K8sObject>();
  for (const o of objects) if (o.kind === 'Namespace' && o.apiVersion === 'v1' && o.name) namespaces.set(o.name, o);
  // Namespaces the stand-in files describe count where the scan has none of that name
  for (const v of external?.namespaces ?? []) {
    const metadata = isRecord(v.metadata) ? v.metadata : {};
    const name = typeof metadata.name === 'string' ? metadata.name : '';
    if (name && !namespaces.has(name)) namespaces.set(name, { apiVersion: 'v1', kind: 'Namespace', name, value: v, metadata, path: [] });
  }
  return { objects, namespaces, ...(external ? { external } : {}) };
}

/** How many evaluations ran (memo misses), for the language server's stats request (tests read it). */
export const evaluationStats = { evaluated: 0 };

/** Evaluations memoised per scan (Env), object value and unit: the unit's rule and policy-not-evaluated both read them. */
const memo = new WeakMap<Env, WeakMap<object, Map<PolicyUnit, UnitResult>>>();
export function evaluateUnit(unit: PolicyUnit, o: K8sObject, env: Env): UnitResult {
  // decided once per kind: policy objects are never judged, and most units match a few kinds
  if (!mayJudgeKind(unit, o)) return { matched: false, violations: [] };
  // decided from the identity: the object's value is not read (a lazy document stays uncomposed)
  if (!admits(unit, o)) return { matched: false, violations: [] };
  let perEnv = memo.get(env);
  if (!perEnv) { perEnv = new WeakMap(); memo.set(env, perEnv); }
  let m = perEnv.get(o.value);
  if (!m) { m = new Map(); perEnv.set(o.value, m); }
  let r = m.get(unit);
  if (!r) {
    evaluationStats.evaluated++;
    try {
      r = unit.evaluate(o, env);
    } catch (e) {
      r = { matched: false, violations: [], unknown: `evaluation failed: ${(e as Error).message}` };
    }
    m.set(unit, r);
  }
  return r;
}

/** Per unit, per kind and apiVersion: whether objects of that kind may be judged at all (see mayJudgeKind). */
const kindGates = new WeakMap<PolicyUnit, Map<string, Map<string, boolean>>>();

/**
 * Whether a unit may judge objects of this kind and apiVersion: not a policy object, and PolicyUnit.admitsKind
 * (one that throws admits, as `admits` does). Worked out once per unit and kind.
 */
export function mayJudgeKind(unit: PolicyUnit, o: { kind: string; apiVersion: string }): boolean {
  let byKind = kindGates.get(unit);
  if (!byKind) { byKind = new Map(); kindGates.set(unit, byKind); }
  let m = byKind.get(o.kind);
  if (!m) { m = new Map(); byKind.set(o.kind, m); }
  let v = m.get(o.apiVersion);
  if (v === undefined) {
    if (isPolicyObject(o)) v = false;
    else if (!unit.admitsKind) v = true;
    else {
      try { v = unit.admitsKind(o.kind, o.apiVersion); } catch { v = true; }
    }
    m.set(o.apiVersion, v);
  }
  return v;
}

/** Per units list, per `kind\napiVersion`: the units that may judge objects of that kind, in their order. */
const unitIndex = new WeakMap<ReadonlyArray<PolicyUnit>, Map<string, PolicyUnit[]>>();

/** The units of a list that may judge objects of this kind and apiVersion (mayJudgeKind), in the list's order. */
export function unitsFor(units: ReadonlyArray<PolicyUnit>, o: { kind: string; apiVersion: string }): ReadonlyArray<PolicyUnit> {
  let m = unitIndex.get(units);
  if (!m) { m = new Map(); unitIndex.set(units, m); }
  const key = `${o.kind}\n${o.apiVersion}`;
  let list = m.get(key);
  if (!list) {
    list = units.filter((u) => mayJudgeKind(u, o));
    m.set(key, list);
  }
  return list;
}

/** PolicyUnit.admits, where a unit has one; one that throws admits (evaluate then says what went wrong). */
export function admits(unit: PolicyUnit, o: K8sObject): boolean {
  if (!unit.admits) return true;
  try {
    return unit.admits(o);
  } catch {
    return true;
  }
}

/**
 * What keeps objects of a policy file from `policies.paths` from loading (that file is not scanned, so nothing
 * else reports it): the file-level error, else each document's first error, with 1-based lines.
 */
export function policyFileProblems(parsed: ParsedFile): Array<{ line: number; message: string }> {
  if (parsed.fatal) return [{ line: (parsed.fatal.range?.start.line ?? 0) + 1, message: parsed.fatal.message }];
  const out: Array<{ line: number; message: string }> = [];
  for (const pd of parsed.docs) {
    const e = pd.errors[0];
    // a document that does not look like a Kubernetes object is no policy (and no business of ours)
    if (!e || (pd.kind === undefined && pd.apiVersion === undefined)) continue;
    out.push({ line: (e.range ?? parsed.lines.range(pd.start, pd.start)).start.line + 1, message: e.message });
  }
  return out;
}
