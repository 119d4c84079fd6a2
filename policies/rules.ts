/**
 * Admission policies as engine rules: one rule per policy unit (id `vap:…`, `kyverno:…`, `gatekeeper:…`) and
 * `policy-not-evaluated` for what cannot be judged offline. Suppressions, `rules:` severities, SARIF and the
 * editor then treat them as they treat built-in rules.
 */
import { PROFILES, type K8sObject, type Rule, type RuleContext } from '../engine';
import { evaluateUnit, makeEnv, mayJudgeKind, unitsFor, type LoadedPolicies } from './load';
import type { Env, PolicyUnit } from './types';
import type { External } from './external';

export const NOT_EVALUATED = 'policy-not-evaluated';

const envs = new WeakMap<ReadonlyArray<K8sObject>, Env>();
/** One Env per objects array (the scan's or the workspace's), as rules see them through ctx.objects. */
export function envOf(objects: ReadonlyArray<K8sObject>, operation?: Env['operation'], external?: External): Env {
  let e = envs.get(objects);
  if (!e || e.objects.length !== objects.length || e.external !== external) {
    e = makeEnv(objects, external);
    envs.set(objects, e);
  }
  return operation ? { ...e, operation } : e;
}

const MESSAGE = '{{message}}';

/**
 * What a rule judges and reads. By default every policy rule reads every object ('*'); `narrow` (a scan,
 * whose documents of other kinds are then never composed) gives each the kinds of its units' scope.
 */
function reach(units: ReadonlyArray<PolicyUnit>, judged: ReadonlyArray<string>, narrow: boolean): { appliesTo: string[]; reads: string[] } {
  if (!narrow) return { appliesTo: judged.length ? [...judged] : ['*'], reads: ['*'] };
  const kinds = new Set(judged);
  const reads = new Set<string>();
  for (const u of units) {
    if (!u.scope) return { appliesTo: ['*'], reads: ['*'] };
    for (const k of u.scope.kinds === '*' ? ['*'] : u.scope.kinds) kinds.add(k);
    for (const k of u.scope.reads === '*' ? ['*'] : u.scope.reads) reads.add(k);
  }
  return { appliesTo: kinds.has('*') ? ['*'] : [...kinds], reads: reads.has('*') ? ['*'] : [...reads] };
}

function unitRule(u: PolicyUnit, external: External | undefined, narrow: boolean): Rule {
  const messages: Record<string, string> = {};
  for (const k of Object.keys(u.messages)) messages[k] = MESSAGE;
  // a unit rule runs where its kinds say; only `*` is narrowed to its scope
  const named = u.kinds.length > 0 && !u.kinds.includes('*');
  const scoped = narrow && !!u.scope && u.scope.kinds !== '*';
  const { reads } = reach([u], [], narrow);
  return {
    meta: {
      id: u.id, title: u.title, category: u.category, goals: u.goals, severity: u.severity,
      appliesTo: named ? u.kinds : scoped ? [...(u.scope!.kinds as string[])] : ['*'], reads, profiles: PROFILES,
      docs: { summary: `${u.title}, evaluated offline as the cluster would.`, recipe: 'Change the object so that the policy admits it, or ask the policy owner for an exception.' },
      peers: {}, messages,
    },
    check(ctx: RuleContext) {
      const r = evaluateUnit(u, ctx.object, envOf(ctx.objects, undefined, external));
      for (const v of r.violations) ctx.report({ messageId: v.messageId, data: { message: v.message }, path: v.path, severity: v.severity });
    },
  };
}

const keyOf = (o: { apiVersion: string; kind: string; name: string; namespace?: string }) => `${o.apiVersion}|${o.kind}|${o.namespace ?? ''}|${o.name}`;

function notEvaluatedRule(p: LoadedPolicies, narrow: boolean): Rule {
  const notesBySource = new Map<string, LoadedPolicies['notes']>();
  for (const n of p.notes) {
    const k = keyOf(n.on);
    notesBySource.set(k, [...(notesBySource.get(k) ?? []), n]);
  }
  const unitsBySource = new Map<string, PolicyUnit[]>();
  for (const u of p.units) unitsBySource.set(keyOf(u.source), [...(unitsBySource.get(keyOf(u.source)) ?? []), u]);
  return {
    meta: {
      id: NOT_EVALUATED, title: 'An admission policy could not be evaluated offline', category: 'cluster', goals: ['integrity'], severity: 'info',
      // the policies' own objects (notes, unknown namespaces) and whatever a unit may leave not evaluated
      ...reach(p.units, narrow ? [...new Set([...p.notes.map((n) => n.on.kind), ...p.units.map((u) => u.source.kind)])] : [], narrow), profiles: PROFILES,
      docs: { summary: 'A policy (or one rule of it) needs what a manifest scan cannot know: the live cluster, a lookup, a missing binding or Namespace.', recipe: 'Add the missing Namespace or binding to the scan, or check the policy against a cluster.' },
      peers: {},
      messages: { 'not-evaluable': MESSAGE, unbound: MESSAGE, 'namespace-unknown': MESSAGE, rego: MESSAGE, 'rule-type': MESSAGE, 'compile-error': MESSAGE, 'unknown-field': MESSAGE },
    },
    check(ctx: RuleContext) {
      const o = ctx.object;
      const key = keyOf(o);
      for (const n of notesBySource.get(key) ?? []) ctx.report({ messageId: n.messageId, data: { message: n.message }, path: n.path, ...(n.span ? { span: n.span } : {}), ...(n.at ? { at: n.at } : {}), ...(n.messageId === 'compile-error' || n.messageId === 'unknown-field' ? { severity: 'warning' as const } : {}) });
      const env = envOf(ctx.objects, undefined, p.external);
      for (const u of unitsBySource.get(key) ?? []) {
        // only a namespaceSelector makes a namespace unknown: without one, no object of the scan is evaluated here
        if (u.scope && !u.scope.namespaceSelector) continue;
        const missing = new Set<string>();
        for (const x of ctx.objects) { if (!mayJudgeKind(u, x)) continue; const r = evaluateUnit(u, x, env); if (r.unknownNamespace && !r.violations.length) missing.add(r.unknownNamespace); }
        for (const ns of [...missing].sort()) ctx.report({ messageId: 'namespace-unknown', data: { message: `${u.id}: namespace ${ns} unknown: labels not in the scan (add its Namespace object to judge its objects)` }, path: u.sourcePath });
      }
      // only the units that may judge this kind (the others give "not matched", never "not evaluated")
      for (const u of unitsFor(p.units, o)) {
        const r = evaluateUnit(u, o, env);
        if (r.unknown && !r.violations.length) ctx.report({ messageId: 'not-evaluable', data: { message: `${u.id} is not evaluated for ${o.kind} ${o.name}: ${r.unknown}` }, path: ['kind'] });
      }
    },
  };
}

/** The rules for a set of loaded policies (none when there are no policies). */
export function policyRules(p: LoadedPolicies, opts: { narrow?: boolean } = {}): Rule[] {
  if (!p.units.length && !p.notes.length) return [];
  const narrow = !!opts.narrow;
  return [...p.units.map((u) => unitRule(u, p.external, narrow)), notEvaluatedRule(p, narrow)];
}
