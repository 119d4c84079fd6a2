/**
 * kustomize's default transformer configuration: which fields each built-in transformer touches, per kind.
 * Facts of kustomize's documented defaults (the `configurations:` format), typed here as data. A
 * kustomization's `configurations:` files and CRD schemas extend them (transformer-config.ts).
 */
export interface FieldSpec {
  group?: string;
  version?: string;
  kind?: string;
  path: string;
  create?: boolean;
  skip?: boolean;
}

export interface NameBackRef { group?: string; version?: string; kind: string; fieldSpecs: FieldSpec[] }

export interface TransformerConfig {
  namePrefix: FieldSpec[];
  nameSuffix: FieldSpec[];
  namespace: FieldSpec[];
  commonLabels: FieldSpec[];
  templateLabels: FieldSpec[];
  commonAnnotations: FieldSpec[];
  nameReference: NameBackRef[];
  varReference: FieldSpec[];
  images: FieldSpec[];
  replicas: FieldSpec[];
}

/** `path kind group version +create` rows, to keep the tables readable. */
function fs(rows: string): FieldSpec[] {
  return rows.trim().split('\n').map((row) => {
    const [path, kind, group, version, create] = row.trim().split(/\s+/);
    const f: FieldSpec = { path };
    if (kind && kind !== '-') f.kind = kind;
    if (group && group !== '-') f.group = group;
    if (version && version !== '-') f.version = version;
    if (create === '+') f.create = true;
    if (create === 'skip') f.skip = true;
    return f;
  });
}

const NAME = fs(`
metadata/name - - - -
metadata/name CustomResourceDefinition - - skip
metadata/name APIService apiregistration.k8s.io - skip`);

const METADATA_LABELS = fs(`
metadata/labels - - - +
spec/template/metadata/labels ReplicationController - v1 +
spec/template/metadata/labels Deployment - - +
spec/template/metadata/labels ReplicaSet - - +
spec/template/metadata/labels DaemonSet - - +
spec/template/metadata/labels StatefulSet apps - +
spec/volumeClaimTemplates[]/metadata/labels StatefulSet apps - +
spec/template/metadata/labels Job batch - +
spec/jobTemplate/metadata/labels CronJob batch - +
spec/jobTemplate/spec/template/metadata/labels CronJob batch - +`);

const AFFINITY = [
  'podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm',
  'podAffinity/requiredDuringSchedulingIgnoredDuringExecution',
  'podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm',
  'podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution',
];

function selectorRows(kind: string): string {
  return [
    ...AFFINITY.map((a) => `spec/template/spec/affinity/${a}/labelSelector/matchLabels ${kind} apps - -`),
    `spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels ${kind} apps - -`,
  ].join('\n');
}

const COMMON_LABELS = [
  ...fs(`
spec/selector Service - v1 +
spec/selector ReplicationController - v1 +
spec/selector/matchLabels Deployment - - +`),
  ...fs(selectorRows('Deployment')),
  ...fs(`
spec/selector/matchLabels ReplicaSet - - +
spec/selector/matchLabels DaemonSet - - +
spec/selector/matchLabels StatefulSet apps - +`),
  ...fs(selectorRows('StatefulSet')),
  ...fs(`
spec/selector/matchLabels Job batch - -
spec/jobTemplate/spec/selector/matchLabels CronJob batch - -
spec/selector/matchLabels PodDisruptionBudget policy - -
spec/podSelector/matchLabels NetworkPolicy networking.k8s.io - -
spec/ingress/from/podSelector/matchLabels NetworkPolicy networking.k8s.io - -
spec/egress/to/podSelector/matchLabels NetworkPolicy networking.k8s.io - -`),
  ...METADATA_LABELS,
];

const TEMPLATE_LABELS = METADATA_LABELS.filter((f) => f.path !== 'metadata/labels');

const COMMON_ANNOTATIONS = fs(`
metadata/annotations - - - +
spec/template/metadata/annotations ReplicationController - v1 +
spec/template/metadata/annotations Deployment - - +
spec/template/metadata/annotations ReplicaSet - - +
spec/template/metadata/annotations DaemonSet - - +
spec/template/metadata/annotations StatefulSet - - +
spec/template/metadata/annotations Job batch - +
spec/jobTemplate/metadata/annotations CronJob batch - +
spec/jobTemplate/spec/template/metadata/annotations CronJob batch - +`);

const NAMESPACE = fs(`
metadata/namespace - - - +
metadata/name Namespace - - +
subjects[]/namespace RoleBinding - - -
subjects[]/namespace ClusterRoleBinding - - -
spec/service/namespace APIService apiregistration.k8s.io - +
spec/conversion/webhook/clientConfig/service/namespace CustomResourceDefinition apiextensions.k8s.io - -`);

const IMAGES = fs(`
spec/containers[]/image - - - +
spec/initContainers[]/image - - - +
spec/template/spec/containers[]/image - - - +
spec/template/spec/initContainers[]/image - - - +`);

const REPLICAS = fs(`
spec/replicas Deployment - - +
spec/replicas ReplicationController - - +
spec/replicas ReplicaSet - - +
spec/replicas StatefulSet - - +`);

const WORKLOADS: Array<[string, string]> = [['Deployment', 'spec/template/spec'], ['ReplicaSet', 'spec/template/spec'], ['DaemonSet', 'spec/template/spec'], ['StatefulSet', 'spec/template/spec'], ['Job', 'spec/template/spec'], ['CronJob', 'spec/jobTemplate/spec/template/spec']];

function podRefs(suffixes: string[], pod = true, template = true): FieldSpec[] {
  const out: FieldSpec[] = [];
  if (pod) for (const s of suffixes) out.push({ path: `spec/${s}`, version: 'v1', kind: 'Pod' });
  if (template) for (const s of suffixes) out.push({ path: `template/spec/${s}`, kind: 'PodTemplate' });
  for (const [kind, base] of WORKLOADS) for (const s of suffixes) out.push({ path: `${base}/${s}`, kind });
  return out;
}

const CONFIGMAP_REFS = [
  'volumes/configMap/name', 'containers/env/valueFrom/configMapKeyRef/name', 'initContainers/env/valueFrom/configMapKeyRef/name',
  'containers/envFrom/configMapRef/name', 'initContainers/envFrom/configMapRef/name', 'volumes/projected/sources/configMap/name',
];
const SECRET_REFS = [
  'volumes/secret/secretName', 'containers/env/valueFrom/secretKeyRef/name', 'initContainers/env/valueFrom/secretKeyRef/name',
  'containers/envFrom/secretRef/name', 'initContainers/envFrom/secretRef/name', 'imagePullSecrets/name', 'volumes/projected/sources/secret/name',
];

function podKinds(suffix: string, kinds: string[]): FieldSpec[] {
  return kinds.map((kind) => ({ path: (kind === 'Pod' ? 'spec' : kind === 'CronJob' ? 'spec/jobTemplate/spec/template/spec' : 'spec/template/spec') + '/' + suffix, kind }));
}

const NAME_REFERENCE: NameBackRef[] = [
  ...['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((kind) => ({ kind, fieldSpecs: [{ path: 'spec/scaleTargetRef/name', kind: 'HorizontalPodAutoscaler' }] })),
  {
    kind: 'ConfigMap', version: 'v1', fieldSpecs: [
      ...podRefs(CONFIGMAP_REFS),
      ...fs(`
spec/configSource/configMap Node - - -
rules/resourceNames Role - - -
rules/resourceNames ClusterRole - - -`),
      { path: 'metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap', kind: 'Ingress' },
    ],
  },
  {
    kind: 'Secret', version: 'v1', fieldSpecs: [
      ...podRefs(SECRET_REFS),
      { path: 'spec/tls/secretName', kind: 'Ingress' },
      { path: 'metadata/annotations/ingress.kubernetes.io\\/auth-secret', kind: 'Ingress' },
      { path: 'metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret', kind: 'Ingress' },
      { path: 'metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret', kind: 'Ingress' },
      ...fs(`
imagePullSecrets/name ServiceAccount - - -
parameters/secretName StorageClass - - -
parameters/adminSecretName StorageClass - - -
parameters/userSecretName StorageClass - - -
parameters/secretRef StorageClass - - -
rules/resourceNames Role - - -
rules/resourceNames ClusterRole - - -
spec/template/spec/containers/env/valueFrom/secretKeyRef/name Service serving.knative.dev v1 -
spec/azureFile/secretName PersistentVolume - - -`),
    ],
  },
  {
    kind: 'Service', version: 'v1', fieldSpecs: fs(`
spec/serviceName StatefulSet apps - -
spec/rules/http/paths/backend/serviceName Ingress - - -
spec/backend/serviceName Ingress - - -
spec/rules/http/paths/backend/service/name Ingress - - -
spec/defaultBackend/service/name Ingress - - -
spec/service/name APIService apiregistration.k8s.io - -
webhooks/clientConfig/service ValidatingWebhookConfiguration admissionregistration.k8s.io - -
webhooks/clientConfig/service MutatingWebhookConfiguration admissionregistration.k8s.io - -`),
  },
  { kind: 'Role', group: 'rbac.authorization.k8s.io', fieldSpecs: fs('roleRef/name RoleBinding rbac.authorization.k8s.io - -') },
  {
    kind: 'ClusterRole', group: 'rbac.authorization.k8s.io', fieldSpecs: fs(`
roleRef/name RoleBinding rbac.authorization.k8s.io - -
roleRef/name ClusterRoleBinding rbac.authorization.k8s.io - -`),
  },
  {
    kind: 'ServiceAccount', version: 'v1', fieldSpecs: [
      ...fs(`
subjects RoleBinding rbac.authorization.k8s.io - -
subjects ClusterRoleBinding rbac.authorization.k8s.io - -`),
      ...podKinds('serviceAccountName', ['Pod', 'StatefulSet', 'Deployment', 'ReplicationController', 'CronJob', 'Job', 'DaemonSet']),
    ],
  },
  { kind: 'PersistentVolumeClaim', version: 'v1', fieldSpecs: podKinds('volumes/persistentVolumeClaim/claimName', ['Pod', 'StatefulSet', 'Deployment', 'ReplicationController', 'CronJob', 'Job', 'DaemonSet']) },
  { kind: 'PersistentVolume', version: 'v1', fieldSpecs: fs('spec/volumeName PersistentVolumeClaim - - -\nrules/resourceNames ClusterRole - - -') },
  {
    kind: 'StorageClass', version: 'v1', group: 'storage.k8s.io', fieldSpecs: fs(`
spec/storageClassName PersistentVolume - - -
spec/storageClassName PersistentVolumeClaim - - -
spec/volumeClaimTemplates/spec/storageClassName StatefulSet - - -`),
  },
  { kind: 'PriorityClass', version: 'v1', group: 'scheduling.k8s.io', fieldSpecs: podKinds('priorityClassName', ['Pod', 'StatefulSet', 'Deployment', 'ReplicationController', 'CronJob', 'Job', 'DaemonSet']) },
  { kind: 'IngressClass', version: 'v1', group: 'networking.k8s.io/v1', fieldSpecs: fs('spec/ingressClassName Ingress - - -') },
];

const CONTAINER_VARS = ['containers/args', 'containers/command', 'containers/env/value', 'containers/volumeMounts/mountPath', 'initContainers/args', 'initContainers/command', 'initContainers/env/value', 'initContainers/volumeMounts/mountPath', 'volumes/nfs/server'];

const VAR_REFERENCE: FieldSpec[] = [
  ...CONTAINER_VARS.map((s) => ({ path: `spec/jobTemplate/spec/template/spec/${s}`, kind: 'CronJob' })),
  ...CONTAINER_VARS.map((s) => ({ path: `spec/template/spec/${s}`, kind: 'DaemonSet' })),
  ...CONTAINER_VARS.map((s) => ({ path: `spec/template/spec/${s}`, kind: 'Deployment' })),
  ...fs(`
spec/rules/host Ingress - - -
spec/tls/hosts Ingress - - -
spec/tls/secretName Ingress - - -`),
  ...CONTAINER_VARS.map((s) => ({ path: `spec/template/spec/${s}`, kind: 'Job' })),
  ...CONTAINER_VARS.map((s) => ({ path: `spec/${s}`, kind: 'Pod' })),
  ...CONTAINER_VARS.map((s) => ({ path: `spec/template/spec/${s}`, kind: 'ReplicaSet' })),
  ...fs(`
spec/ports/port Service - - -
spec/ports/targetPort Service - - -`),
  ...CONTAINER_VARS.slice(0, 8).map((s) => ({ path: `spec/template/spec/${s}`, kind: 'StatefulSet' })),
  ...fs(`
spec/volumeClaimTemplates/spec/nfs/server StatefulSet - - -
spec/nfs/server PersistentVolume - - -
metadata/labels - - - -
metadata/annotations - - - -`),
];

export function defaultTransformerConfig(): TransformerConfig {
  const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
  return copy({
    namePrefix: NAME, nameSuffix: NAME, namespace: NAMESPACE, commonLabels: COMMON_LABELS, templateLabels: TEMPLATE_LABELS,
    commonAnnotations: COMMON_ANNOTATIONS, nameReference: NAME_REFERENCE, varReference: VAR_REFERENCE, images: IMAGES, replicas: REPLICAS,
  });
}

export function emptyTransformerConfig(): TransformerConfig {
  return { namePrefix: [], nameSuffix: [], namespace: [], commonLabels: [], templateLabels: [], commonAnnotations: [], nameReference: [], varReference: [], images: [], replicas: [] };
}


/** FsSlice.MergeAll: add specs not already there (same gvk and path); a create-flag conflict is an error. */
export function mergeFieldSpecs(into: FieldSpec[], more: ReadonlyArray<FieldSpec>): FieldSpec[] {
  const out = [...into];
  if (!more.length) return out;
  if (into.length * more.length <= 256) {
    for (const f of more) {
      const i = out.findIndex((g) => sameSpec(g, f));
      if (i < 0) { out.push(f); continue; }
      if (!!out[i].create !== !!f.create) throw new Error(`conflicting fieldspecs`);
    }
    return out;
  }
  // the first spec of each gvk and path (as a search from the start finds it): the default configuration merged
  // into each base's is hundreds of specs, which a search per spec made quadratic
  const first = new Map<string, number>();
  out.forEach((g, i) => { const k = specKey(g); if (!first.has(k)) first.set(k, i); });
  for (const f of more) {
    const k = specKey(f);
    const i = first.get(k);
    if (i === undefined) { first.set(k, out.length); out.push(f); continue; }
    if (!!out[i].create !== !!f.create) throw new Error(`conflicting fieldspecs`);
  }
  return out;
}

function sameSpec(a: FieldSpec, b: FieldSpec): boolean {
  return (a.group ?? '') === (b.group ?? '') && (a.version ?? '') === (b.version ?? '') && (a.kind ?? '') === (b.kind ?? '') && a.path === b.path;
}

/** sameSpec as one string (its four fields, each with its length: no two specs give the same string). */
function specKey(f: FieldSpec): string {
  const g = f.group ?? '', v = f.version ?? '', k = f.kind ?? '';
  return `${g.length}:${g}${v.length}:${v}${k.length}:${k}${f.path}`;
}

export function mergeConfig(a: TransformerConfig, b: TransformerConfig): TransformerConfig {
  const out = emptyTransformerConfig();
  for (const k of Object.keys(out) as Array<keyof TransformerConfig>) {
    if (k === 'nameReference') continue;
    (out[k] as FieldSpec[]) = mergeFieldSpecs(a[k] as FieldSpec[], b[k] as FieldSpec[]);
  }
  const refs: NameBackRef[] = a.nameReference.map((r) => ({ ...r, fieldSpecs: [...r.fieldSpecs] }));
  for (const r of b.nameReference) {
    const same = refs.find((x) => (x.group ?? '') === (r.group ?? '') && (x.version ?? '') === (r.version ?? '') && x.kind === r.kind);
    if (same) same.fieldSpecs = mergeFieldSpecs(same.fieldSpecs, r.fieldSpecs);
    else refs.push({ ...r, fieldSpecs: [...r.fieldSpecs] });
  }
  out.nameReference = refs;
  return out;
}
