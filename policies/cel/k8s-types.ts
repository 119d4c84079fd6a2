/**
 * CEL types of the objects a policy judges, for the type checker: a few built-in kinds written out (the fields
 * policies read most), and custom resources from their CRD's openAPIV3Schema. A field not written out is `dyn`
 * unless its object is listed completely (`closed`), so an unknown name is an error only where it is certain.
 */
import { BOOL, DYN, INT, listOf, mapOf, obj, STRING, DOUBLE, type CelT } from './check';

const LABELS = mapOf(STRING, STRING);
export const OBJECT_META = obj('ObjectMeta', {
  name: STRING, generateName: STRING, namespace: STRING, selfLink: STRING, uid: STRING, resourceVersion: STRING, generation: INT,
  creationTimestamp: DYN, deletionTimestamp: DYN, deletionGracePeriodSeconds: INT, labels: LABELS, annotations: LABELS,
  ownerReferences: listOf(DYN), finalizers: listOf(STRING), managedFields: listOf(DYN),
}, true);

const CONTAINER = obj('Container', {
  name: STRING, image: STRING, command: listOf(STRING), args: listOf(STRING), workingDir: STRING, imagePullPolicy: STRING,
  ports: listOf(DYN), env: listOf(DYN), envFrom: listOf(DYN), volumeMounts: listOf(DYN), securityContext: DYN, resources: DYN,
  stdin: BOOL, tty: BOOL,
}, false);
const POD_SPEC = obj('PodSpec', {
  containers: listOf(CONTAINER), initContainers: listOf(CONTAINER), ephemeralContainers: listOf(CONTAINER), volumes: listOf(DYN),
  hostNetwork: BOOL, hostPID: BOOL, hostIPC: BOOL, hostUsers: BOOL, automountServiceAccountToken: BOOL, serviceAccountName: STRING,
  serviceAccount: STRING, nodeName: STRING, nodeSelector: LABELS, priorityClassName: STRING, runtimeClassName: STRING,
  securityContext: DYN, terminationGracePeriodSeconds: INT, activeDeadlineSeconds: INT, shareProcessNamespace: BOOL,
}, false);
const POD_TEMPLATE = obj('PodTemplateSpec', { metadata: OBJECT_META, spec: POD_SPEC }, true);

const SPECS: Record<string, CelT> = {
  Pod: POD_SPEC,
  Deployment: obj('DeploymentSpec', { replicas: INT, selector: DYN, template: POD_TEMPLATE, strategy: DYN, minReadySeconds: INT, revisionHistoryLimit: INT, paused: BOOL, progressDeadlineSeconds: INT }, true),
  ReplicaSet: obj('ReplicaSetSpec', { replicas: INT, minReadySeconds: INT, selector: DYN, template: POD_TEMPLATE }, true),
  StatefulSet: obj('StatefulSetSpec', { replicas: INT, selector: DYN, template: POD_TEMPLATE, serviceName: STRING, minReadySeconds: INT, revisionHistoryLimit: INT }, false),
  DaemonSet: obj('DaemonSetSpec', { selector: DYN, template: POD_TEMPLATE, updateStrategy: DYN, minReadySeconds: INT, revisionHistoryLimit: INT }, true),
  Job: obj('JobSpec', { template: POD_TEMPLATE, parallelism: INT, completions: INT, backoffLimit: INT, activeDeadlineSeconds: INT, ttlSecondsAfterFinished: INT, suspend: BOOL }, false),
};
SPECS.CronJob = obj('CronJobSpec', { schedule: STRING, suspend: BOOL, jobTemplate: obj('JobTemplateSpec', { metadata: OBJECT_META, spec: SPECS.Job }, true) }, false);

/** `group/resource` of the built-in kinds above. */
const RESOURCES: Record<string, string> = {
  '/pods': 'Pod', 'apps/deployments': 'Deployment', 'apps/replicasets': 'ReplicaSet', 'apps/statefulsets': 'StatefulSet',
  'apps/daemonsets': 'DaemonSet', 'batch/jobs': 'Job', 'batch/cronjobs': 'CronJob',
};

function topLevel(kind: string, spec: CelT): CelT {
  return obj(kind, { apiVersion: STRING, kind: STRING, metadata: OBJECT_META, spec, status: DYN }, true);
}

/** Any Kubernetes object: its metadata is known, the rest is not. */
export const ANY_OBJECT = obj('Object', { apiVersion: STRING, kind: STRING, metadata: OBJECT_META }, false);

export function builtinType(group: string, resource: string): CelT | undefined {
  const kind = RESOURCES[`${group}/${resource}`];
  return kind ? topLevel(kind, SPECS[kind]) : undefined;
}

/** A CRD version's openAPIV3Schema as a CEL type (closed objects unless they keep unknown fields). */
export function schemaType(schema: unknown, name = 'object', depth = 0): CelT {
  if (!schema || typeof schema !== 'object' || depth > 40) return DYN;
  const s = schema as Record<string, unknown>;
  if (s['x-kubernetes-int-or-string'] || s['x-kubernetes-preserve-unknown-fields'] || s.anyOf || s.oneOf || s.allOf) return DYN;
  switch (s.type) {
    case 'integer': return INT;
    case 'number': return DOUBLE;
    case 'boolean': return BOOL;
    case 'string': return s.format === 'date-time' || s.format === 'duration' || s.format === 'byte' ? DYN : STRING;
    case 'array': return listOf(schemaType(s.items, name, depth + 1));
    case 'object': {
      const props = s.properties && typeof s.properties === 'object' ? s.properties as Record<string, unknown> : undefined;
      if (!props) return s.additionalProperties && typeof s.additionalProperties === 'object' ? mapOf(STRING, schemaType(s.additionalProperties, name, depth + 1)) : DYN;
      const fields: Record<string, CelT> = {};
      for (const [k, v] of Object.entries(props)) fields[k] = schemaType(v, `${name}.${k}`, depth + 1);
      return obj(name, fields, true);
    }
  }
  return DYN;
}

/** A custom resource's object type: its schema plus the fields every object has. */
export function customResourceType(kind: string, schema: unknown): CelT {
  const t = schemaType(schema, kind);
  if (t.k !== 'obj') return ANY_OBJECT;
  return obj(kind, { apiVersion: STRING, kind: STRING, ...t.fields, metadata: OBJECT_META }, t.closed);
}
