/** Matching shared by the admission engines: label selectors, resource rules, kinds, namespaces. */
import { isRecord, type K8sObject } from '../engine';

export type Labels = Record<string, string>;

export function labelsOf(v: unknown): Labels {
  const out: Labels = {};
  if (isRecord(v)) for (const [k, x] of Object.entries(v)) if (x !== null && x !== undefined) out[k] = String(x);
  return out;
}

/** A Kubernetes LabelSelector (matchLabels, matchExpressions); an empty or absent selector matches all. */
export function selectorMatches(sel: unknown, labels: Labels): boolean {
  if (!isRecord(sel)) return true;
  for (const [k, v] of Object.entries(isRecord(sel.matchLabels) ? sel.matchLabels : {})) if (labels[k] !== String(v)) return false;
  for (const e of Array.isArray(sel.matchExpressions) ? sel.matchExpressions : []) {
    if (!isRecord(e)) continue;
    const key = String(e.key);
    const values = Array.isArray(e.values) ? e.values.map(String) : [];
    const has = key in labels;
    switch (e.operator) {
      case 'In': if (!has || !values.includes(labels[key])) return false; break;
      case 'NotIn': if (has && values.includes(labels[key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return false;
    }
  }
  return true;
}

export function isEmptySelector(sel: unknown): boolean {
  if (!isRecord(sel)) return true;
  const ml = isRecord(sel.matchLabels) ? Object.keys(sel.matchLabels).length : 0;
  const me = Array.isArray(sel.matchExpressions) ? sel.matchExpressions.length : 0;
  return ml === 0 && me === 0;
}

export function groupVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.lastIndexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

const IRREGULAR: Record<string, string> = {
  Endpoints: 'endpoints', PodSecurityPolicy: 'podsecuritypolicies', NetworkPolicy: 'networkpolicies', Ingress: 'ingresses',
  IngressClass: 'ingressclasses', StorageClass: 'storageclasses', PriorityClass: 'priorityclasses', RuntimeClass: 'runtimeclasses',
  ResourceQuota: 'resourcequotas', ComponentStatus: 'componentstatuses',
};
/** The resource (plural, lower case) of a kind, as the API server names it. */
export function resourceOf(kind: string): string {
  if (IRREGULAR[kind]) return IRREGULAR[kind];
  const k = kind.toLowerCase();
  if (/[^aeiou]y$/.test(k)) return k.slice(0, -1) + 'ies';
  if (/(s|x|z|ch|sh)$/.test(k)) return k + 'es';
  return k + 's';
}

const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'StorageClass',
  'PriorityClass', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding', 'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding', 'APIService', 'CSIDriver',
  'CSINode', 'RuntimeClass', 'IngressClass', 'PodSecurityPolicy', 'ClusterPolicy', 'ConstraintTemplate', 'VolumeAttachment',
  'FlowSchema', 'PriorityLevelConfiguration', 'CertificateSigningRequest', 'ClusterIssuer', 'ValidatingPolicy', 'ClusterPolicyReport',
  'SecurityContextConstraints', 'ClusterCleanupPolicy', 'ComponentStatus',
]);
export function isClusterScoped(o: { kind: string; apiVersion: string }): boolean {
  return CLUSTER_SCOPED.has(o.kind) || o.apiVersion.startsWith('constraints.gatekeeper.sh/');
}

/** The namespace a namespaced object lands in: its own, else `default` (what kubectl applies without -n). */
export function namespaceOf(o: { kind: string; apiVersion: string; namespace?: string }): string | undefined {
  if (isClusterScoped(o)) return undefined;
  return o.namespace || 'default';
}

/** Groups whose resources the API server serves under another group too (matchPolicy: Equivalent). */
const EQUIVALENT: Record<string, string[]> = {
  deployments: ['apps', 'extensions'], daemonsets: ['apps', 'extensions'], replicasets: ['apps', 'extensions'],
  ingresses: ['networking.k8s.io', 'extensions'], networkpolicies: ['networking.k8s.io', 'extensions'],
  podsecuritypolicies: ['policy', 'extensions'], cronjobs: ['batch'], events: ['', 'events.k8s.io'],
};

export interface ResourceRule { apiGroups?: unknown; apiVersions?: unknown; resources?: unknown; operations?: unknown; scope?: unknown; resourceNames?: unknown }

const strs = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/**
 * One admissionregistration RuleWithOperations against an object as a CREATE (a manifest is created or
 * updated; UPDATE-only rules match too, since applying a manifest again updates it).
 */
export function resourceRuleMatches(rule: ResourceRule, o: { kind: string; apiVersion: string; name: string }, equivalent: boolean): boolean {
  const ops = strs(rule.operations);
  if (ops.length && !ops.some((x) => x === '*' || x === 'CREATE' || x === 'UPDATE')) return false;
  const { group, version } = groupVersion(o.apiVersion);
  const res = resourceOf(o.kind);
  const resources = strs(rule.resources);
  if (!resources.some((r) => r === '*' || r === '*/*' || r === res)) return false;
  const groups = strs(rule.apiGroups);
  const versions = strs(rule.apiVersions);
  const groupOk = groups.includes('*') || groups.includes(group) || (equivalent && groups.some((g) => EQUIVALENT[res]?.includes(g) && EQUIVALENT[res]?.includes(group)));
  if (!groupOk) return false;
  if (!versions.includes('*') && !versions.includes(version) && !equivalent) return false;
  const names = strs(rule.resourceNames);
  if (names.length && !names.includes(o.name)) return false;
  const scope = typeof rule.scope === 'string' ? rule.scope : '*';
  if (scope === 'Cluster' && !isClusterScoped(o)) return false;
  if (scope === 'Namespaced' && isClusterScoped(o)) return false;
  return true;
}

/**
 * Whether a resource rule can match some object of a kind and apiVersion, whatever its name (resourceNames
 * are left out): false only where resourceRuleMatches is false for every object of that kind.
 */
export function resourceRuleMatchesKind(rule: ResourceRule, kind: string, apiVersion: string, equivalent: boolean): boolean {
  return resourceRuleMatches({ ...rule, resourceNames: undefined }, { kind, apiVersion, name: '' }, equivalent);
}

/** Shell-style wildcards as Kyverno and Gatekeeper use them (`*` any run, `?` one character). */
export function wildcardMatch(pattern: string, s: string): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) return pattern === s;
  let re = wildcards.get(pattern);
  if (!re) {
    if (wildcards.size >= 4096) wildcards.clear();
    re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
    wildcards.set(pattern, re);
  }
  return re.test(s);
}
/** Compiled wildcard patterns (a policy's few patterns are matched against every object). */
const wildcards = new Map<string, RegExp>();

/** The admission request a manifest would make: a CREATE by an unknown user. */
export function requestFor(o: K8sObject, operation = 'CREATE'): Record<string, unknown> {
  const { group, version } = groupVersion(o.apiVersion);
  const ns = namespaceOf(o);
  return {
    uid: '', operation, name: o.name, ...(ns ? { namespace: ns } : {}),
    kind: { group, version, kind: o.kind }, resource: { group, version, resource: resourceOf(o.kind) },
    requestKind: { group, version, kind: o.kind }, requestResource: { group, version, resource: resourceOf(o.kind) },
    userInfo: { username: '', groups: [] }, dryRun: false, options: {},
  };
}
