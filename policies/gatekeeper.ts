/** Gatekeeper ConstraintTemplates with a K8sNativeValidation (CEL) engine, and their constraints. */
import { isRecord, type K8sObject, type Severity } from '../engine';
import { DYN, fromJson } from './cel';
import { bindVariables, celCompileNotes, readCelSpec, runCelSpec, type CelSpec } from './cel-policy';
import { groupVersion, isClusterScoped, isEmptySelector, labelsOf, namespaceOf, selectorMatches, wildcardMatch } from './match';
import { annotationsTaxonomy } from './taxonomy';
import { admissionVars, namespaceSelectorMatches } from './vap';
import type { Env, Note, PolicyUnit, UnitResult } from './types';

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const rec = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});

const ACTION: Record<string, Severity> = { deny: 'error', warn: 'warning', dryrun: 'info' };

export function loadGatekeeper(objects: ReadonlyArray<K8sObject>): { units: PolicyUnit[]; notes: Note[] } {
  const units: PolicyUnit[] = [];
  const notes: Note[] = [];
  for (const t of objects.filter((o) => o.kind === 'ConstraintTemplate' && o.apiVersion.startsWith('templates.gatekeeper.sh/'))) {
    const kind = String(rec(rec(rec(rec(t.value.spec).crd).spec).names).kind ?? '');
    if (!kind) continue;
    const code = arr(rec(t.value.spec).targets).flatMap((tg, ti) => arr(rec(tg).code).map((c, ci) => ({ c: rec(c), path: ['spec', 'targets', ti, 'code', ci, 'source'] })));
    const cel = code.find((c) => c.c.engine === 'K8sNativeValidation');
    if (!cel) {
      notes.push({ on: t, path: ['metadata', 'name'], messageId: 'rego', message: `ConstraintTemplate ${t.name} is not evaluated: Rego (only K8sNativeValidation/CEL templates are)` });
      continue;
    }
    const spec = readCelSpec(rec(cel.c.source), cel.path);
    notes.push(...celCompileNotes(spec, t, `ConstraintTemplate ${t.name}`, { strict: true, presetVariables: { params: DYN, anyObject: DYN } }));
    const messages: Record<string, string> = {};
    spec.validations.forEach((v, i) => { messages[`validation-${i + 1}`] = v.message ?? `failed expression: ${v.expression.trim()}`; });
    for (const c of objects.filter((o) => o.kind === kind && o.apiVersion.startsWith('constraints.gatekeeper.sh/'))) {
      const cspec = rec(c.value.spec);
      const severity = ACTION[String(cspec.enforcementAction ?? 'deny')] ?? 'error';
      units.push({
        id: `gatekeeper:${kind}/${c.name}`, engine: 'gatekeeper', title: `Gatekeeper constraint ${kind}/${c.name}`, source: c, sourcePath: ['metadata', 'name'],
        severity, ...annotationsTaxonomy({ ...rec(t.metadata.annotations), ...rec(c.metadata.annotations) }), messages, kinds: kindsOf(cspec.match),
        evaluate: (o, env) => evaluateConstraint(spec, cspec, severity, o, env),
        ...constraintReach(rec(cspec.match)),
      });
    }
  }
  return { units, notes };
}

function kindsOf(match: unknown): string[] {
  const kinds = arr(rec(match).kinds).flatMap((k) => arr(rec(k).kinds).map(String));
  return !kinds.length || kinds.includes('*') ? ['*'] : kinds;
}

function evaluateConstraint(spec: CelSpec, cspec: Record<string, unknown>, severity: Severity, o: K8sObject, env: Env): UnitResult {
  const res: UnitResult = { matched: false, violations: [] };
  const m = constraintMatches(rec(cspec.match), o, env);
  if (m !== true) return m ? { ...res, unknownNamespace: m.unknownNamespace } : res;
  const params = cspec.parameters ?? {};
  const act = admissionVars(o, env, params);
  bindVariables(spec, act, { params: fromJson(params), anyObject: fromJson(o.value) });
  const out = runCelSpec(spec, act, o.value);
  if (out.unknown) res.unknown = out.unknown;
  if (out.skip) return res;
  res.matched = true;
  for (const f of out.failures) res.violations.push({ messageId: `validation-${f.index + 1}`, message: f.message, path: f.path, severity });
  return res;
}

/**
 * Where a constraint can give anything but "not matched" (see PolicyUnit.admits and scope): the checks of
 * constraintMatches that read the object's identity alone (kinds, scope, name, namespaces), in its order.
 */
function constraintReach(match: Record<string, unknown>): Pick<PolicyUnit, 'admits' | 'admitsKind' | 'scope'> {
  const kinds = arr(match.kinds).map(rec).map((k) => ({ groups: arr(k.apiGroups).map(String), kinds: arr(k.kinds).map(String) }));
  const scope = String(match.scope ?? '*');
  const name = typeof match.name === 'string' ? match.name : undefined;
  const nsList = arr(match.namespaces).map(String);
  const excluded = arr(match.excludedNamespaces).map(String);
  const admitsKind = (kind: string, apiVersion: string): boolean => {
    if (kinds.length) {
      const { group } = groupVersion(apiVersion);
      if (!kinds.some((k) => (!k.groups.length || k.groups.includes('*') || k.groups.includes(group)) && (!k.kinds.length || k.kinds.includes('*') || k.kinds.includes(kind)))) return false;
    }
    const o = { kind, apiVersion };
    return !((scope === 'Cluster' && !isClusterScoped(o)) || (scope === 'Namespaced' && isClusterScoped(o)));
  };
  const anyKind = !kinds.length || kinds.some((k) => !k.kinds.length || k.kinds.includes('*'));
  return {
    admitsKind,
    admits: (o) => {
      if (!admitsKind(o.kind, o.apiVersion)) return false;
      if (name !== undefined && !wildcardMatch(name, o.name)) return false;
      const ns = namespaceOf(o);
      if (nsList.length && (!ns || !nsList.some((p) => wildcardMatch(p, ns)))) return false;
      return !(ns && excluded.some((p) => wildcardMatch(p, ns)));
    },
    scope: {
      kinds: anyKind ? '*' : [...new Set(kinds.flatMap((k) => k.kinds))],
      // namespaceObject and the namespaceSelector read Namespaces; params are the constraint's own
      reads: ['Namespace'],
      namespaceSelector: match.namespaceSelector !== undefined && !isEmptySelector(match.namespaceSelector),
    },
  };
}

function constraintMatches(match: Record<string, unknown>, o: K8sObject, env: Env): true | false | { unknownNamespace: string } {
  const kinds = arr(match.kinds).map(rec);
  if (kinds.length) {
    const { group } = groupVersion(o.apiVersion);
    const ok = kinds.some((k) => {
      const groups = arr(k.apiGroups).map(String);
      const ks = arr(k.kinds).map(String);
      return (!groups.length || groups.includes('*') || groups.includes(group)) && (!ks.length || ks.includes('*') || ks.includes(o.kind));
    });
    if (!ok) return false;
  }
  const scope = String(match.scope ?? '*');
  if ((scope === 'Cluster' && !isClusterScoped(o)) || (scope === 'Namespaced' && isClusterScoped(o))) return false;
  if (typeof match.name === 'string' && !wildcardMatch(match.name, o.name)) return false;
  const ns = namespaceOf(o);
  const nsList = arr(match.namespaces).map(String);
  if (nsList.length && (!ns || !nsList.some((p) => wildcardMatch(p, ns)))) return false;
  if (ns && arr(match.excludedNamespaces).map(String).some((p) => wildcardMatch(p, ns))) return false;
  if (!selectorMatches(match.labelSelector, labelsOf(o.metadata.labels))) return false;
  return namespaceSelectorMatches(match.namespaceSelector, o, env);
}
