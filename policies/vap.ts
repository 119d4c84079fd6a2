/** ValidatingAdmissionPolicy with its bindings and params, evaluated as the API server would on a CREATE. */
import { isRecord, type K8sObject, type Path, type Severity } from '../engine';
import { ANY_OBJECT, builtinType, CelOpaque, CelUnknown, customResourceType, fromJson, IMAGE_LIB, RESOURCE_LIB, Vars, type CelT, type ImageSource, type ResourceSource, type Value } from './cel';
import type { External } from './external';
import { bindVariables, celCompileNotes, readCelSpec, runCelSpec, type CelSpec, type CelTypeContext } from './cel-policy';
import { isClusterScoped, isEmptySelector, labelsOf, namespaceOf, requestFor, resourceOf, resourceRuleMatches, resourceRuleMatchesKind, selectorMatches, type ResourceRule } from './match';
import { annotationsTaxonomy, strongest } from './taxonomy';
import type { Env, Note, PolicyOptions, PolicyUnit, UnitResult, Violation } from './types';

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const rec = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});

export type MatchVerdict = true | false | { unknownNamespace: string };

/** matchConstraints / a binding's matchResources against one object. */
export function matchResources(m: Record<string, unknown>, o: K8sObject, env: Env, emptyMatchesAll: boolean): MatchVerdict {
  const equivalent = m.matchPolicy !== 'Exact';
  const rules = arr(m.resourceRules).filter(isRecord) as ResourceRule[];
  if (rules.length ? !rules.some((r) => resourceRuleMatches(r, o, equivalent)) : !emptyMatchesAll) return false;
  if (arr(m.excludeResourceRules).filter(isRecord).some((r) => resourceRuleMatches(r as ResourceRule, o, equivalent))) return false;
  if (!selectorMatches(m.objectSelector, labelsOf(o.metadata.labels))) return false;
  return namespaceSelectorMatches(m.namespaceSelector, o, env);
}

export function namespaceSelectorMatches(sel: unknown, o: K8sObject, env: Env): MatchVerdict {
  if (isEmptySelector(sel)) return true;
  if (o.kind === 'Namespace') return selectorMatches(sel, { ...labelsOf(o.metadata.labels), 'kubernetes.io/metadata.name': o.name });
  if (isClusterScoped(o)) return true;
  const name = namespaceOf(o)!;
  const ns = env.namespaces.get(name);
  if (!ns) return { unknownNamespace: name };
  return selectorMatches(sel, { ...labelsOf(ns.metadata.labels), 'kubernetes.io/metadata.name': name });
}

const ACTION: Record<string, Severity> = { Deny: 'error', Warn: 'warning', Audit: 'info' };
export function actionSeverity(actions: unknown): Severity {
  const sevs = arr(actions).map((a) => ACTION[String(a)]).filter(Boolean);
  return sevs.length ? strongest(sevs) : 'error';
}

/** The variables every VAP-like expression sees for one object. */
export function admissionVars(o: K8sObject, env: Env, params: unknown): Vars {
  const act = new Vars()
    .set('object', fromJson(o.value))
    .set('oldObject', null)
    .set('request', requestValue(o, env))
    .set('params', params === undefined ? null : fromJson(params));
  const ns = namespaceOf(o);
  act.lazy('namespaceObject', (): Value => {
    if (!ns) return null;
    const n = env.namespaces.get(ns);
    if (!n) throw new CelUnknown(`namespace ${ns} is not in the scan`);
    return fromJson(n.value);
  });
  const ext = env.external;
  if (ext?.resources.length) act.set('resource', new CelOpaque(RESOURCE_LIB, resourceSource(ext)));
  if (ext?.images.size) act.set('image', new CelOpaque(IMAGE_LIB, imageSource(ext)));
  return act;
}

const sources = new WeakMap<External, { resources: ResourceSource; images: ImageSource }>();
function resourceSource(ext: External): ResourceSource {
  let s = sources.get(ext);
  if (!s) { s = makeSources(ext); sources.set(ext, s); }
  return s.resources;
}
function imageSource(ext: External): ImageSource {
  let s = sources.get(ext);
  if (!s) { s = makeSources(ext); sources.set(ext, s); }
  return s.images;
}
function makeSources(ext: External): { resources: ResourceSource; images: ImageSource } {
  const entries = ext.resources.map((r) => {
    const md = rec(r.metadata);
    return { r, apiVersion: String(r.apiVersion ?? ''), resource: resourceOf(String(r.kind ?? '')), namespace: typeof md.namespace === 'string' ? md.namespace : '', name: String(md.name ?? '') };
  });
  const matches = (e: (typeof entries)[number], apiVersion: string, resource: string) => e.apiVersion === apiVersion && e.resource === resource;
  return {
    resources: {
      get: (apiVersion, resource, namespace, name) => entries.find((e) => matches(e, apiVersion, resource) && e.namespace === namespace && e.name === name)?.r,
      list: (apiVersion, resource, namespace) => entries.filter((e) => matches(e, apiVersion, resource) && (!namespace || e.namespace === namespace)).map((e) => e.r),
    },
    images: { get: (ref) => ext.images.get(ref) },
  };
}

/** `request` with `userInfo` unknown: who applies a manifest is not known offline. */
class RequestMap extends Map<string, Value> {
  override get(k: string): Value | undefined {
    if (k === 'userInfo') throw new CelUnknown('the requesting user is not known offline (request.userInfo)');
    return super.get(k);
  }
}
function requestValue(o: K8sObject, env: Env): Value {
  const user = env.external?.userInfo;
  if (user) return fromJson({ ...requestFor(o, env.operation), userInfo: user });
  const m = fromJson(requestFor(o, env.operation)) as Map<string, Value>;
  const r = new RequestMap();
  for (const [k, v] of m) if (k !== 'userInfo') r.set(k, v);
  return r;
}

interface Binding { obj: K8sObject; spec: Record<string, unknown>; severity: Severity }

export function loadVaps(objects: ReadonlyArray<K8sObject>, opts: PolicyOptions): { units: PolicyUnit[]; notes: Note[] } {
  const units: PolicyUnit[] = [];
  const notes: Note[] = [];
  const isAdm = (o: K8sObject) => o.apiVersion.startsWith('admissionregistration.k8s.io/');
  const bindings = objects.filter((o) => isAdm(o) && o.kind === 'ValidatingAdmissionPolicyBinding');
  for (const p of objects.filter((o) => isAdm(o) && o.kind === 'ValidatingAdmissionPolicy')) {
    const spec = rec(p.value.spec);
    const mine: Binding[] = bindings.filter((b) => rec(b.value.spec).policyName === p.name).map((b) => ({ obj: b, spec: rec(b.value.spec), severity: actionSeverity(rec(b.value.spec).validationActions) }));
    if (!mine.length) {
      if (opts.unbound !== 'evaluate') {
        notes.push(...celCompileNotes(readCelSpec(spec, ['spec']), p, `vap:${p.name}`, vapTypes(spec, objects)));
        notes.push({ on: p, path: ['metadata', 'name'], messageId: 'unbound', message: `policy ${p.name} has no binding: it does nothing in a cluster (set policies.unbound: evaluate in .kubehex.yaml to lint with it as if bound cluster-wide)` });
        continue;
      }
      mine.push({ obj: p, spec: {}, severity: 'error' });
    }
    const cel = readCelSpec(spec, ['spec']);
    notes.push(...celCompileNotes(cel, p, `vap:${p.name}`, vapTypes(spec, objects)));
    const messages: Record<string, string> = {};
    cel.validations.forEach((v, i) => { messages[`validation-${i + 1}`] = v.message ?? `failed expression: ${v.expression.trim()}`; });
    const tax = annotationsTaxonomy(p.metadata.annotations);
    units.push({
      id: `vap:${p.name}`, engine: 'vap', title: `ValidatingAdmissionPolicy ${p.name}`, source: p, sourcePath: ['metadata', 'name'],
      severity: strongest(mine.map((b) => b.severity)), ...tax, messages, kinds: ['*'],
      evaluate: (o, env) => evaluateVap(p, spec, cel, mine, o, env),
      ...vapReach(spec, mine),
    });
  }
  return { units, notes };
}

/**
 * Where a VAP can give anything but "not matched" (see PolicyUnit.admits and scope): matchConstraints'
 * resource rules decide from the object's kind, apiVersion and name alone, as evaluateVap checks them first.
 */
function vapReach(spec: Record<string, unknown>, bindings: Binding[]): Pick<PolicyUnit, 'admits' | 'admitsKind' | 'scope'> {
  const m = rec(spec.matchConstraints);
  const equivalent = m.matchPolicy !== 'Exact';
  const rules = arr(m.resourceRules).filter(isRecord) as ResourceRule[];
  const excluded = arr(m.excludeResourceRules).filter(isRecord) as ResourceRule[];
  // a rule for other operations than CREATE/UPDATE never matches a manifest
  const live = rules.filter((r) => { const ops = arr(r.operations).map(String); return !ops.length || ops.some((x) => x === '*' || x === 'CREATE' || x === 'UPDATE'); });
  const paramKind = rec(spec.paramKind).kind;
  return {
    admits: (o) => live.some((r) => resourceRuleMatches(r, o, equivalent)) && !excluded.some((r) => resourceRuleMatches(r, o, equivalent)),
    // excluded rules may name names: they never rule a whole kind out
    admitsKind: (kind, apiVersion) => live.some((r) => resourceRuleMatchesKind(r, kind, apiVersion, equivalent)),
    scope: {
      kinds: live.length ? '*' : [],
      reads: ['Namespace', ...(typeof paramKind === 'string' ? [paramKind] : [])],
      namespaceSelector: JSON.stringify([m, ...bindings.map((b) => b.spec.matchResources ?? null)]).includes('"namespaceSelector"'),
    },
  };
}

/**
 * The types `object` may have for the type checker, from matchConstraints' resourceRules: the built-in kinds
 * kubehex knows, custom resources whose CRD is in the scan, and any object for the rest (a wildcard, a kind not known).
 */
export function vapTypes(spec: Record<string, unknown>, objects: ReadonlyArray<K8sObject>): CelTypeContext {
  const out: CelT[] = [];
  for (const r of arr(rec(spec.matchConstraints).resourceRules).filter(isRecord)) {
    const groups = arr(r.apiGroups).map(String);
    for (const res of arr(r.resources).map(String)) {
      const resource = res.split('/')[0];
      if (res.includes('/') && !res.endsWith('/*') && res !== resource) { out.push(ANY_OBJECT); continue; }
      for (const g of groups.length ? groups : ['']) {
        const t = g === '*' || resource === '*' ? undefined : builtinType(g, resource) ?? crdType(g, resource, objects);
        out.push(t ?? ANY_OBJECT);
      }
    }
  }
  return { objectTypes: out.length ? out : [ANY_OBJECT], strict: true };
}

function crdType(group: string, plural: string, objects: ReadonlyArray<K8sObject>): CelT | undefined {
  const crd = objects.find((o) => o.kind === 'CustomResourceDefinition' && rec(o.value.spec).group === group && rec(rec(o.value.spec).names).plural === plural);
  if (!crd) return undefined;
  const spec = rec(crd.value.spec);
  const versions = arr(spec.versions).filter(isRecord);
  const v = versions.find((x) => x.storage === true) ?? versions[0];
  const schema = rec(rec(v?.schema).openAPIV3Schema);
  return customResourceType(String(rec(spec.names).kind ?? plural), schema);
}

function evaluateVap(p: K8sObject, spec: Record<string, unknown>, cel: CelSpec, bindings: Binding[], o: K8sObject, env: Env): UnitResult {
  const res: UnitResult = { matched: false, violations: [] };
  const m = matchResources(rec(spec.matchConstraints), o, env, false);
  if (m !== true) return m ? { ...res, unknownNamespace: m.unknownNamespace } : res;
  const seen = new Set<string>();
  for (const b of bindings) {
    const bm = b.spec.matchResources === undefined ? true : matchResources(rec(b.spec.matchResources), o, env, true);
    if (bm !== true) { if (bm) res.unknownNamespace ??= bm.unknownNamespace; continue; }
    const paramSets = paramsFor(spec, b.spec, o, env);
    if (paramSets === 'deny') {
      res.matched = true;
      res.violations.push({ messageId: 'validation-1', message: `no params found for policy binding ${b.obj.name} with Deny parameterNotFoundAction`, path: ['kind'], severity: b.severity });
      continue;
    }
    for (const params of paramSets) {
      const act = admissionVars(o, env, params);
      bindVariables(cel, act);
      const out = runCelSpec(cel, act, o.value);
      if (out.unknown) res.unknown ??= out.unknown;
      if (out.skip) continue;
      res.matched = true;
      for (const f of out.failures) pushOnce(res.violations, seen, { messageId: `validation-${f.index + 1}`, message: f.message, path: f.path, severity: b.severity });
    }
  }
  return res;
}

function pushOnce(out: Violation[], seen: Set<string>, v: Violation): void {
  const k = `${v.messageId}\n${v.message}\n${v.severity}`;
  if (seen.has(k)) return;
  seen.add(k);
  out.push(v);
}

/** The params objects a binding selects for an object: [undefined] without paramKind, 'deny' when required and missing. */
function paramsFor(spec: Record<string, unknown>, b: Record<string, unknown>, o: K8sObject, env: Env): unknown[] | 'deny' {
  const kind = rec(spec.paramKind);
  if (!kind.kind) return [undefined];
  const ref = rec(b.paramRef);
  const candidates = env.objects.filter((x) => x.kind === kind.kind && (!kind.apiVersion || x.apiVersion === kind.apiVersion));
  const objNs = namespaceOf(o);
  const inNs = (x: K8sObject) => (typeof ref.namespace === 'string' ? (x.namespace ?? 'default') === ref.namespace : !x.namespace || isClusterScoped(x) || x.namespace === objNs);
  let found: K8sObject[];
  if (typeof ref.name === 'string') found = candidates.filter((x) => x.name === ref.name && inNs(x));
  else if (isRecord(ref.selector)) found = candidates.filter((x) => inNs(x) && selectorMatches(ref.selector, labelsOf(x.metadata.labels)));
  else found = [];
  if (found.length) return found.map((x) => x.value);
  return ref.parameterNotFoundAction === 'Allow' ? [] : 'deny';
}

export type { Path };
