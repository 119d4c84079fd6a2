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

function filterAdmitter(f: Record<string, unknown>, policyNs: string | undefined): (o: Ident) => boolean {
  if (arr(f.subjects).length || arr(f.roles).length || arr(f.clusterRoles).length) return () => false;
  if (!isRecord(f.resources)) return () => false;
  const r = f.resources;
  const kinds = arr(r.kinds).map(String);
  const names = [...arr(r.names).map(String), ...(typeof r.name === 'string' ? [r.name] : [])];
  const nss = arr(r.namespaces).map(String);
  const ops = arr(r.operations).map(String);
  const opsOk = !ops.length || ops.some((x) => x === 'CREATE' || x === 'UPDATE');
  return (o) => {
    if (kinds.length && !kinds.some((k) => kindMatches(k, o))) return false;
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
