/** Kyverno ClusterPolicy/Policy validate rules as policy units, with Kyverno's pod-controller autogen. */
import { isRecord, POD_SPEC_PATHS, type K8sObject, type Path, type Severity } from '../../engine';
import { annotationsTaxonomy, strongest } from '../taxonomy';
import type { Env, Note, PolicyUnit, UnitResult } from '../types';
import { admitsByKindAlone, matchKinds, matchScopeKinds, ruleAdmitter, ruleKindAdmitter, ruleMatcher, filtersOf, type Verdict } from './match';
import { evaluateRule, type RuleNames } from './validate';
import { kyvernoSyntaxNotes } from './syntax';
import { kyvernoSchemaNotes } from './schema';
import { templatePod } from './vpol';
import type { PodSecurityCheck } from '../pod-security';

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const rec = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});

const DEFAULT_CONTROLLERS = ['DaemonSet', 'Deployment', 'Job', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'CronJob'];

export function failureSeverity(action: unknown): Severity {
  const a = String(action ?? 'Audit').toLowerCase();
  return a === 'enforce' ? 'error' : 'info';
}

export function loadKyverno(objects: ReadonlyArray<K8sObject>, pss?: PodSecurityCheck): { units: PolicyUnit[]; notes: Note[] } {
  const units: PolicyUnit[] = [];
  const notes: Note[] = [];
  for (const p of objects.filter((o) => (o.kind === 'ClusterPolicy' || o.kind === 'Policy') && /^kyverno\.io\//.test(o.apiVersion))) {
    const spec = rec(p.value.spec);
    const ns = p.kind === 'Policy' ? p.namespace ?? 'default' : undefined;
    const prefix = ns ? `kyverno:${ns}/${p.name}` : `kyverno:${p.name}`;
    const policyAction = spec.validationFailureAction ?? spec.failureAction;
    const controllers = autogenControllers(p.metadata.annotations);
    const rules = arr(spec.rules).map(rec);
    notes.push(...kyvernoSchemaNotes(p));
    const explicitAutogen = new Set(rules.map((r) => String(r.name ?? '')).filter((n) => n.startsWith('autogen-')));
    rules.forEach((rule, i) => {
      const name = String(rule.name ?? `rule-${i}`);
      const rulePath: Path = ['spec', 'rules', i, 'name'];
      if (!isRecord(rule.validate)) {
        const what = ['mutate', 'generate', 'verifyImages'].filter((k) => rule[k] !== undefined).join('/') || 'non-validate';
        notes.push({ on: p, path: rulePath, messageId: 'rule-type', message: `${prefix}/${name}: ${what} rules are not evaluated (only validate rules are)` });
        return;
      }
      const v = rec(rule.validate);
      if (v.manifests !== undefined) {
        notes.push({ on: p, path: rulePath, messageId: 'not-evaluable', message: `${prefix}/${name}: manifest signature checks are not evaluated offline` });
        return;
      }
      const base = name.replace(/^autogen-(cronjob-)?/, '');
      const isAutogen = base !== name;
      const severity = failureSeverity(v.failureAction ?? policyAction);
      const canAutogen = !isAutogen && !explicitAutogen.has(`autogen-${name}`) && controllers.length > 0 && podOnly(rule);
      const messages: Record<string, string> = { 'validation-1': typeof v.message === 'string' ? v.message.trim() : `rule ${base} failed` };
      for (const [k, e] of arr(rec(v.cel).expressions).map(rec).entries()) if (k > 0) messages[`validation-${k + 1}`] = typeof e.message === 'string' ? e.message : `failed expression: ${String(e.expression ?? '').trim()}`;
      const kinds = matchKinds(rule.match);
      const matches = ruleMatcher(rule, ns);
      notes.push(...kyvernoSyntaxNotes(rule, ['spec', 'rules', i], p, `${prefix}/${base}`));
      units.push({
        id: `${prefix}/${base}`, engine: 'kyverno', title: `Kyverno ${p.kind} ${p.name} rule ${base}`, source: p, sourcePath: rulePath,
        severity, ...annotationsTaxonomy(p.metadata.annotations), messages,
        kinds: kinds.length && !kinds.some((k) => k.includes('*') || k.includes('/')) ? [...kinds.map(String), ...(canAutogen ? controllers : [])] : ['*'],
        evaluate: (o, env) => evaluateKyvernoRule(rule, matches, severity, canAutogen ? controllers : [], o, env, pss, { policy: p.name, rule: name }),
        ...unitReach(rule, ns, canAutogen ? controllers : []),
      });
    });
  }
  return { units, notes };
}

/**
 * Where a rule can give anything but "not matched" (see PolicyUnit.admits and scope): its match's kinds and
 * names, and for a controller Kyverno autogenerates the rule for, the Pod of its template.
 */
function unitReach(rule: Record<string, unknown>, ns: string | undefined, controllers: string[]): Pick<PolicyUnit, 'admits' | 'admitsKind' | 'scope'> {
  const kinds = matchScopeKinds(rule.match);
  const paramKind = rec(rec(rec(rule.validate).cel).paramKind).kind;
  const admits = ruleAdmitter(rule, ns);
  const kindAdmits = ruleKindAdmitter(rule, ns);
  const admitsKind = (kind: string, apiVersion: string) => kindAdmits(kind, apiVersion) || (controllers.includes(kind) && !!POD_SPEC_PATHS[kind] && kindAdmits('Pod', 'v1'));
  // kind -> apiVersion -> admitsKind, for a rule whose match names no names or namespaces (then admits is admitsKind)
  const byKind = new Map<string, Map<string, boolean>>();
  const kindAlone = admitsByKindAlone(rule, ns);
  return {
    admits: kindAlone
      ? (o) => {
        let m = byKind.get(o.kind);
        if (!m) byKind.set(o.kind, (m = new Map()));
        let v = m.get(o.apiVersion);
        if (v === undefined) m.set(o.apiVersion, (v = admitsKind(o.kind, o.apiVersion)));
        return v;
      }
      : (o) => {
        if (admits(o)) return true;
        // the Pod of a controller's template: its name may come from the template, its namespace is the controller's
        return controllers.includes(o.kind) && !!POD_SPEC_PATHS[o.kind] && admits({ apiVersion: 'v1', kind: 'Pod', ...(o.namespace ? { namespace: o.namespace } : {}) });
      },
    admitsKind,
    scope: {
      kinds: kinds === undefined ? '*' : [...new Set([...kinds, ...(controllers.length && kinds.includes('Pod') ? controllers : [])])],
      // Namespaces (namespaceSelector, namespaceObject) and the params a cel rule looks up by kind
      reads: ['Namespace', ...(typeof paramKind === 'string' ? [paramKind] : [])],
      namespaceSelector: JSON.stringify([rule.match ?? null, rule.exclude ?? null]).includes('"namespaceSelector"'),
    },
  };
}

export function autogenControllers(annotations: unknown): string[] {
  const a = rec(annotations)['pod-policies.kyverno.io/autogen-controllers'];
  if (a === undefined) return DEFAULT_CONTROLLERS;
  const s = String(a).trim();
  if (s === 'none' || s === '') return [];
  return s.split(',').map((x) => x.trim()).filter((x) => DEFAULT_CONTROLLERS.includes(x));
}

/** Kyverno generates controller rules for a rule that matches Pods only and filters by nothing but kind/namespace. */
function podOnly(rule: Record<string, unknown>): boolean {
  const all = [...filtersOf(rule.match).filters, ...filtersOf(rule.exclude).filters].map((f) => rec(f.resources));
  const kinds = filtersOf(rule.match).filters.flatMap((f) => arr(rec(f.resources).kinds).map(String));
  if (!kinds.length || !kinds.every((k) => k === 'Pod' || k === 'v1/Pod')) return false;
  return all.every((r) => r.name === undefined && r.names === undefined && r.selector === undefined && r.annotations === undefined);
}

function evaluateKyvernoRule(rule: Record<string, unknown>, matches: (o: K8sObject, env: Env) => Verdict, severity: Severity, controllers: string[], o: K8sObject, env: Env, pss: PodSecurityCheck | undefined, names: RuleNames): UnitResult {
  const res: UnitResult = { matched: false, violations: [] };
  let target = o;
  let mapPath = (p: Path): Path => p;
  let m = matches(o, env);
  if (m === false && controllers.includes(o.kind)) {
    const pod = templatePod(o);
    if (pod) {
      m = matches(pod.obj, env);
      target = pod.obj;
      mapPath = pod.mapPath;
    }
  }
  if (m !== true) return m ? { ...res, unknownNamespace: m.unknownNamespace } : res;
  // (the names key the Values stand-in's variables: read only with stand-ins)
  const out = evaluateRule(rule, target, env, pss, env.external ? { ...names, resource: o.name } : names);
  if (out.unknown) res.unknown = out.unknown;
  if (out.skip) return res;
  res.matched = true;
  for (const f of out.failures) res.violations.push({ messageId: `validation-${f.check + 1}`, message: f.message, path: mapPath(f.path), severity });
  return res;
}

export { strongest };
