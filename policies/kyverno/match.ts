/** Kyverno match/exclude: any/all resource filters (kinds, names, namespaces, selectors, operations). */
import { isRecord, type K8sObject } from '../../engine';
import { groupVersion, labelsOf, namespaceOf, wildcardMatch } from '../match';
import { namespaceSelectorMatches } from '../vap';
import type { Env, Identity } from '../types';

export type Verdict = true | false | { unknownNamespace: string };

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const rec = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});

/** The filters of a match/exclude block and how they combine. */
export function filtersOf(block: unknown): { mode: 'any' | 'all'; filters: Record<string, unknown>[] } {
  const b = rec(block);
  if (Array.isArray(b.any) && b.any.length) return { mode: 'any', filters: b.any.map(rec) };
  if (Array.isArray(b.all) && b.all.length) return { mode: 'all', filters: b.all.map(rec) };
  if (isRecord(b.resources) || b.subjects || b.roles || b.clusterRoles) return { mode: 'all', filters: [b] };
  return { mode: 'any', filters: [] };
}

/** The kinds a rule's match names (`Pod`, `apps/v1/Deployment`, `*`). */
export function matchKinds(block: unknown): string[] {
  return filtersOf(block).filters.flatMap((f) => arr(rec(f.resources).kinds).map(String));
}

export function kindMatches(spec: string, o: { kind: string; apiVersion: string }): boolean {
  const s = spec.split('/');
  const kindPart = s[s.length - 1];
  if (kindPart.includes('.') === false && s.length === 1) return wildcardMatch(kindPart, o.kind);
  const { group, version } = groupVersion(o.apiVersion);
  // `Kind/subresource` is not the object itself
  if (s.length === 2 && /^[A-Z]/.test(s[0])) return false;
  if (s.length === 2) return wildcardMatch(s[0], version) && wildcardMatch(kindPart, o.kind);
  return wildcardMatch(s.slice(0, -2).join('/'), group) && wildcardMatch(s[s.length - 2], version) && wildcardMatch(kindPart, o.kind);
}

/** kindMatches for one spec, decided once per kind and apiVersion (a rule's kinds meet every object). */
const kindMatchers = new Map<string, (o: { kind: string; apiVersion: string }) => boolean>();
export function kindMatcher(spec: string): (o: { kind: string; apiVersion: string }) => boolean {
  let f = kindMatchers.get(spec);
  if (!f) {
    if (kindMatchers.size >= 4096) kindMatchers.clear();
    // kind -> apiVersion -> verdict
    const seen = new Map<string, Map<string, boolean>>();
    f = (o) => {
      let byVersion = seen.get(o.kind);
      if (!byVersion) {
        if (seen.size >= 4096) seen.clear();
        seen.set(o.kind, (byVersion = new Map()));
      }
      let v = byVersion.get(o.apiVersion);
      if (v === undefined) {
        v = kindMatches(spec, o);
        byVersion.set(o.apiVersion, v);
      }
      return v;
    };
    kindMatchers.set(spec, f);
  }
  return f;
}

function selectorWithWildcards(sel: unknown, labels: Record<string, string>): boolean {
  const s = rec(sel);
  for (const [k, v] of Object.entries(rec(s.matchLabels))) {
    const hits = Object.keys(labels).filter((lk) => wildcardMatch(k, lk));
    if (!hits.some((h) => wildcardMatch(String(v), labels[h]))) return false;
  }
  for (const e of arr(s.matchExpressions).map(rec)) {
    const key = String(e.key);
    const vals = arr(e.values).map(String);
    const has = key in labels;
    if (e.operator === 'In' && !(has && vals.includes(labels[key]))) return false;
    if (e.operator === 'NotIn' && has && vals.includes(labels[key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

function resourceFilter(r: Record<string, unknown>, o: K8sObject, env: Env, policyNs: string | undefined): Verdict {
  const kinds = arr(r.kinds).map(String);
  if (kinds.length && !kinds.some((k) => kindMatches(k, o))) return false;
  const names = [...arr(r.names).map(String), ...(typeof r.name === 'string' ? [r.name] : [])];
  if (names.length && !names.some((n) => wildcardMatch(n, o.name))) return false;
  const ns = namespaceOf(o) ?? policyNs;
  const nss = arr(r.namespaces).map(String);
  if (nss.length && (!ns || !nss.some((n) => wildcardMatch(n, ns)))) return false;
  const ops = arr(r.operations).map(String);
  if (ops.length && !ops.some((x) => x === 'CREATE' || x === 'UPDATE')) return false;
  const ann = rec(o.metadata.annotations);
  for (const [k, v] of Object.entries(rec(r.annotations))) {
    if (!Object.keys(ann).some((ak) => wildcardMatch(k, ak) && wildcardMatch(String(v), String(ann[ak])))) return false;
  }
  if (r.selector !== undefined && !selectorWithWildcards(r.selector, labelsOf(o.metadata.labels))) return false;
  if (r.namespaceSelector !== undefined) return namespaceSelectorMatches(r.namespaceSelector, o, env);
  return true;
}

/** One filter: its resources, and the request's user (unknown offline: subjects/roles never match). */
function filterMatches(f: Record<string, unknown>, o: K8sObject, env: Env, policyNs: string | undefined): Verdict {
  // a filter on the requesting user never matches: offline there is no user (a developer applying a manifest)
  if (arr(f.subjects).length || arr(f.roles).length || arr(f.clusterRoles).length) return false;
  if (!isRecord(f.resources)) return false;
  return resourceFilter(f.resources, o, env, policyNs);
}

export function blockMatches(block: unknown, o: K8sObject, env: Env, policyNs: string | undefined, excluding: boolean): Verdict {
  const { mode, filters } = filtersOf(block);
  if (!filters.length) return false;
  let unknown: Verdict | undefined;
  for (const f of filters) {
    const v = filterMatches(f, o, env, policyNs);
    if (v === true && mode === 'any') return true;
    if (v === false && mode === 'all') return false;
    if (v !== true && v !== false) unknown ??= v;
  }
  if (unknown) return unknown;
  return mode === 'all';
}

/** A rule applies when its match matches and its exclude does not. */
export function ruleMatches(rule: Record<string, unknown>, o: K8sObject, env: Env, policyNs: string | undefined): Verdict {
  if (policyNs && (namespaceOf(o) ?? '') !== policyNs) return false;
  const m = blockMatches(rule.match, o, env, policyNs, false);
  if (m !== true) return m;
  if (rule.exclude === undefined) return true;
  const x = blockMatches(rule.exclude, o, env, policyNs, true);
  if (x === true) return false;
  if (x !== false) return x;
  return true;
}

type Judge = (o: K8sObject, env: Env) => Verdict;

/** resourceFilter with the filter read once: the same checks in the same order. */
function compileResourceFilter(r: Record<string, unknown>, policyNs: string | undefined): Judge {
  const kinds = arr(r.kinds).map(String).map(kindMatcher);
  const names = [...arr(r.names).map(String), ...(typeof r.name === 'string' ? [r.name] : [])];
  const nss = arr(r.namespaces).map(String);
  const ops = arr(r.operations).map(String);
  const opsOk = !ops.length || ops.some((x) => x === 'CREATE' || x === 'UPDATE');
  const annotations = Object.entries(rec(r.annotations)).map(([k, v]) => [k, String(v)] as const);
  const selector = r.selector;
  const namespaceSelector = r.namespaceSelector;
  return (o, env) => {
    if (kinds.length && !kinds.some((k) => k(o))) return false;
    if (names.length && !names.some((n) => wildcardMatch(n, o.name))) return false;
    if (nss.length) {
      const ns = namespaceOf(o) ?? policyNs;
      if (!ns || !nss.some((n) => wildcardMatch(n, ns))) return false;
    }
    if (!opsOk) return false;
    if (annotations.length) {
      const ann = rec(o.metadata.annotations);
      const keys = Object.keys(ann);
      for (const [k, v] of annotations) {
        if (!keys.some((ak) => wildcardMatch(k, ak) && wildcardMatch(v, String(ann[ak])))) return false;
      }
    }
    if (selector !== undefined && !selectorWithWildcards(selector, labelsOf(o.metadata.labels))) return false;
    if (namespaceSelector !== undefined) return namespaceSelectorMatches(namespaceSelector, o, env);
    return true;
  };
}

/** filterMatches with the filter read once. */
function compileFilter(f: Record<string, unknown>, policyNs: string | undefined): Judge {
  if (arr(f.subjects).length || arr(f.roles).length || arr(f.clusterRoles).length) return () => false;
  if (!isRecord(f.resources)) return () => false;
  return compileResourceFilter(f.resources, policyNs);
}

/** blockMatches with the block read once. */
function compileBlock(block: unknown, policyNs: string | undefined): Judge {
  const { mode, filters } = filtersOf(block);
  if (!filters.length) return () => false;
  const judges = filters.map((f) => compileFilter(f, policyNs));
  return (o, env) => {
    let unknown: Verdict | undefined;
    for (const j of judges) {
      const v = j(o, env);
      if (v === true && mode === 'any') return true;
      if (v === false && mode === 'all') return false;
      if (v !== true && v !== false) unknown ??= v;
    }
    if (unknown) return unknown;
    return mode === 'all';
  };
}

/**
 * ruleMatches with the rule's match and exclude read once (a rule meets every object of its kinds): the same
 * verdict for every object, as long as the rule is not changed.
 */
export function ruleMatcher(rule: Record<string, unknown>, policyNs: string | undefined): Judge {
  const match = compileBlock(rule.match, policyNs);
  const exclude = rule.exclude === undefined ? undefined : compileBlock(rule.exclude, policyNs);
  return (o, env) => {
    if (policyNs && (namespaceOf(o) ?? '') !== policyNs) return false;
    const m = match(o, env);
    if (m !== true) return m;
    if (!exclude) return true;
    const x = exclude(o, env);
    if (x === true) return false;
    if (x !== false) return x;
    return true;
  };
}

type Ident = Omit<Identity, 'name'> & { name?: string };

/**
 * Whether a rule's match could match an object known only by its identity (`name` undefined: not known, as
 * for the Pod Kyverno makes of a controller's template): false only where ruleMatches is certainly false, and
 * decided by the very checks ruleMatches makes first (kinds, names, namespaces, operations), so that no value
 * is read. The exclude block can only turn a match down, so it is not consulted. The match is read once.
 */
export function ruleAdmitter(rule: Record<string, unknown>, policyNs: string | undefined): (o: Ident) => boolean {
  const { mode, filters } = filtersOf(rule.match);
  const tests = filters.map((f) => filterAdmitter(f, policyNs));
  return (o) => {
    if (policyNs && (namespaceOf(o) ?? '') !== policyNs) return false;
    if (!tests.length) return false;
    return mode === 'any' ? tests.some((t) => t(o)) : tests.every((t) => t(o));
  };
}

/**
 * Whether a rule's match could match any object of a kind and apiVersion (PolicyUnit.admitsKind): false only
 * where ruleAdmitter is false for every name and namespace. The checks are ruleAdmitter's that read the kind.
 */
export function ruleKindAdmitter(rule: Record<string, unknown>, policyNs: string | undefined): (kind: string, apiVersion: string) => boolean {
  const { mode, filters } = filtersOf(rule.match);
  const tests = filters.map((f): ((o: { kind: string; apiVersion: string }) => boolean) => {
    if (arr(f.subjects).length || arr(f.roles).length || arr(f.clusterRoles).length) return () => false;
    if (!isRecord(f.resources)) return () => false;
    const r = f.resources;
    const kinds = arr(r.kinds).map(String).map(kindMatcher);
    const ops = arr(r.operations).map(String);
    if (ops.length && !ops.some((x) => x === 'CREATE' || x === 'UPDATE')) return () => false;
    return (o) => !kinds.length || kinds.some((k) => k(o));
  });
  return (kind, apiVersion) => {
    const o = { kind, apiVersion };
    // a namespaced policy judges only objects in its namespace: never a cluster-scoped one
    if (policyNs && namespaceOf(o) === undefined) return false;
    if (!tests.length) return false;
    return mode === 'any' ? tests.some((t) => t(o)) : tests.every((t) => t(o));
  };
}

/**
 * Whether ruleAdmitter decides from the kind and apiVersion alone (then it is ruleKindAdmitter): no namespaced
 * policy, and no filter of the match names names or namespaces.
 */
export function admitsByKindAlone(rule: Record<string, unknown>, policyNs: string | undefined): boolean {
  if (policyNs) return false;
  return filtersOf(rule.match).filters.every((f) => {
    if (!isRecord(f.resources)) return true;
    const r = f.resources;
    return !arr(r.names).length && typeof r.name !== 'string' && !arr(r.namespaces).length;
  });
}

function filterAdmitter(f: Record<string, unknown>, policyNs: string | undefined): (o: Ident) => boolean {
  if (arr(f.subjects).length || arr(f.roles).length || arr(f.clusterRoles).length) return () => false;
  if (!isRecord(f.resources)) return () => false;
  const r = f.resources;
  const kinds = arr(r.kinds).map(String).map(kindMatcher);
  const names = [...arr(r.names).map(String), ...(typeof r.name === 'string' ? [r.name] : [])];
  const nss = arr(r.namespaces).map(String);
  const ops = arr(r.operations).map(String);
  const opsOk = !ops.length || ops.some((x) => x === 'CREATE' || x === 'UPDATE');
  return (o) => {
    if (kinds.length && !kinds.some((k) => k(o))) return false;
    if (names.length && o.name !== undefined && !names.some((n) => wildcardMatch(n, o.name!))) return false;
    const ns = namespaceOf(o) ?? policyNs;
    if (nss.length && (!ns || !nss.some((n) => wildcardMatch(n, ns)))) return false;
    return opsOk;
  };
}

/**
 * The kinds a match block can match (a superset), undefined when any kind may: the last segment of each
 * `kinds` entry (`apps/v1/Deployment` -> Deployment); a wildcard in it, or a filter naming no kind, can match
 * any kind. A `Kind/subresource` entry never matches the object itself.
 */
export function matchScopeKinds(block: unknown): string[] | undefined {
  const { mode, filters } = filtersOf(block);
  const per = filters.map((f): string[] | undefined => {
    if (arr(f.subjects).length || arr(f.roles).length || arr(f.clusterRoles).length || !isRecord(f.resources)) return [];
    const kinds = arr(f.resources.kinds).map(String);
    if (!kinds.length) return undefined;
    const out: string[] = [];
    for (const k of kinds) {
      const s = k.split('/');
      const kindPart = s[s.length - 1];
      if (s.length === 2 && /^[A-Z]/.test(s[0])) continue;
      // a one-segment entry with a dot is not a plain kind (kindMatches reads it as group/version/kind)
      if (/[*?]/.test(kindPart) || (s.length === 1 && kindPart.includes('.'))) return undefined;
      out.push(kindPart);
    }
    return out;
  });
  if (mode === 'any') return per.some((p) => p === undefined) ? undefined : [...new Set(per.flat() as string[])];
  // every filter must match: any one that names kinds bounds the match
  return per.find((p) => p !== undefined);
}
