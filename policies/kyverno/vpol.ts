/** Kyverno ValidatingPolicy (policies.kyverno.io): VAP-shaped CEL with Kyverno's autogen for pod controllers. */
import { isRecord, POD_SPEC_PATHS, type K8sObject, type Path } from '../../engine';
import { bindVariables, celCompileNotes, readCelSpec, runCelSpec, type CelSpec } from '../cel-policy';
import { annotationsTaxonomy } from '../taxonomy';
import { actionSeverity, admissionVars, matchResources } from '../vap';
import { resourceRuleMatches, resourceRuleMatchesKind, type ResourceRule } from '../match';
import type { Env, Note, PolicyUnit, UnitResult } from '../types';
import type { Severity } from '../../engine';

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const rec = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});
const CONTROLLERS = ['DaemonSet', 'Deployment', 'Job', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'CronJob'];

export function loadValidatingPolicies(objects: ReadonlyArray<K8sObject>, notes: Note[] = []): PolicyUnit[] {
  const units: PolicyUnit[] = [];
  for (const p of objects.filter((o) => /^(Namespaced)?ValidatingPolicy$/.test(o.kind) && o.apiVersion.startsWith('policies.kyverno.io/'))) {
    const spec = rec(p.value.spec);
    const cel = readCelSpec(spec, ['spec']);
    notes.push(...celCompileNotes(cel, p, `kyverno:${p.name}`));
    const severity = actionSeverity(spec.validationActions ?? ['Deny']);
    const messages: Record<string, string> = {};
    cel.validations.forEach((v, i) => { messages[`validation-${i + 1}`] = v.message ?? `failed expression: ${v.expression.trim()}`; });
    const ns = p.kind === 'NamespacedValidatingPolicy' ? p.namespace ?? 'default' : undefined;
    const controllers = autogenOf(spec);
    units.push({
      id: ns ? `kyverno:${ns}/${p.name}` : `kyverno:${p.name}`, engine: 'kyverno', title: `Kyverno ValidatingPolicy ${p.name}`, source: p,
      sourcePath: ['metadata', 'name'], severity, ...annotationsTaxonomy(p.metadata.annotations), messages, kinds: ['*'],
      evaluate: (o, env) => evaluateVpol(spec, cel, severity, controllers, ns, o, env),
      ...vpolReach(rec(spec.matchConstraints), controllers, ns),
    });
  }
  return units;
}

/**
 * Where a ValidatingPolicy can give anything but "not matched" (see PolicyUnit.admits and scope): its namespace
 * and matchConstraints' resource rules, for the object or, on a controller, the Pod of its template (whose
 * name is not known before composing: resourceNames are left out for it).
 */
function vpolReach(m: Record<string, unknown>, controllers: string[], ns: string | undefined): Pick<PolicyUnit, 'admits' | 'admitsKind' | 'scope'> {
  const equivalent = m.matchPolicy !== 'Exact';
  const rules = arr(m.resourceRules).filter(isRecord) as ResourceRule[];
  const excluded = arr(m.excludeResourceRules).filter(isRecord) as ResourceRule[];
  const byKind = (kind: string, apiVersion: string) => rules.some((r) => resourceRuleMatchesKind(r, kind, apiVersion, equivalent));
  const podByKind = controllers.length > 0 && byKind('Pod', 'v1');
  const admitsKind = (kind: string, apiVersion: string) => byKind(kind, apiVersion) || (podByKind && controllers.includes(kind));
  return {
    admitsKind,
    admits: (o) => {
      if (ns && (o.namespace ?? 'default') !== ns) return false;
      const direct = rules.some((r) => resourceRuleMatches(r, o, equivalent)) && !excluded.some((r) => resourceRuleMatches(r, o, equivalent));
      return direct || (podByKind && controllers.includes(o.kind));
    },
    scope: {
      kinds: rules.length ? '*' : [],
      reads: ['Namespace'],
      namespaceSelector: JSON.stringify(m).includes('"namespaceSelector"'),
    },
  };
}

function autogenOf(spec: Record<string, unknown>): string[] {
  const pc = rec(rec(spec.autogen).podControllers);
  if (Array.isArray(pc.controllers)) return pc.controllers.map(String);
  const rules = arr(rec(spec.matchConstraints).resourceRules).map(rec);
  const podsOnly = rules.length > 0 && rules.every((r) => arr(r.resources).every((x) => x === 'pods'));
  return podsOnly ? CONTROLLERS : [];
}

function evaluateVpol(spec: Record<string, unknown>, cel: CelSpec, severity: Severity, controllers: string[], ns: string | undefined, o: K8sObject, env: Env): UnitResult {
  const res: UnitResult = { matched: false, violations: [] };
  if (ns && (o.namespace ?? 'default') !== ns) return res;
  let target = o;
  let mapPath = (p: Path): Path => p;
  let m = matchResources(rec(spec.matchConstraints), o, env, false);
  if (m === false && controllers.includes(o.kind)) {
    const pod = templatePod(o);
    if (pod) { target = pod.obj; mapPath = pod.mapPath; m = matchResources(rec(spec.matchConstraints), pod.obj, env, false); }
  }
  if (m !== true) return m ? { ...res, unknownNamespace: m.unknownNamespace } : res;
  const act = admissionVars(target, env, undefined);
  bindVariables(cel, act);
  const out = runCelSpec(cel, act, target.value);
  if (out.unknown) res.unknown = out.unknown;
  if (out.skip) return res;
  res.matched = true;
  for (const f of out.failures) res.violations.push({ messageId: `validation-${f.index + 1}`, message: f.message, path: mapPath(f.path), severity });
  return res;
}

/** The Pod of a controller's template, worked out once per object (every autogen rule reads it). */
const pods = new WeakMap<object, { obj: K8sObject; mapPath: (p: Path) => Path } | null>();
export function templatePod(o: K8sObject): { obj: K8sObject; mapPath: (p: Path) => Path } | undefined {
  let hit = pods.get(o.value);
  if (hit === undefined) { hit = computeTemplatePod(o) ?? null; pods.set(o.value, hit); }
  return hit ?? undefined;
}

function computeTemplatePod(o: K8sObject): { obj: K8sObject; mapPath: (p: Path) => Path } | undefined {
  const specPath = POD_SPEC_PATHS[o.kind];
  if (!specPath) return undefined;
  const tmplPath = specPath.slice(0, -1);
  let tmpl: unknown = o.value;
  for (const s of tmplPath) tmpl = rec(tmpl)[s as string];
  if (!isRecord(tmpl)) return undefined;
  const metadata: Record<string, unknown> = { ...rec(tmpl.metadata), ...(o.namespace ? { namespace: o.namespace } : {}) };
  const value = { apiVersion: 'v1', kind: 'Pod', metadata, spec: rec(tmpl.spec) };
  const obj: K8sObject = { apiVersion: 'v1', kind: 'Pod', name: typeof metadata.name === 'string' ? metadata.name : o.name, namespace: o.namespace, value, metadata, path: o.path, file: o.file };
  return { obj, mapPath: (p: Path): Path => (p[0] === 'spec' || p[0] === 'metadata' ? [...tmplPath, ...p] : p) };
}

export type { CelSpec };
