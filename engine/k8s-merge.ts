/**
 * Strategic-merge facts of the built-in Kubernetes API: which list fields merge (and on which key) instead
 * of being replaced, typed from the Kubernetes API reference ("Patch strategy: merge on key `name`",
 * "Map: unique values on keys `containerPort, protocol` will be kept during a merge"). Only the object
 * types that lead to such a list are listed; a field not listed is atomic (a patch replaces it).
 *
 * Type names are the definition names of the project's generated schema (rules/_lib/schema), e.g.
 * `v1.PodSpec`, `apps.v1.DeploymentSpec`. Rules read the table to know how list items are identified;
 * render/kustomize reads it to apply patches as kustomize does.
 */

/** How a list field is merged by a strategic merge patch. */
export interface ListMerge {
  /** `merge` (items matched by key, or primitive values unioned), possibly with `retainKeys`. */
  strategy: 'merge' | 'merge,retainKeys';
  /** x-kubernetes-patch-merge-key; absent for a list of primitives (e.g. finalizers). */
  key?: string;
  /** x-kubernetes-list-map-keys when they differ from the merge key (the item identity). */
  mapKeys?: string[];
}

/** A field of an object type: the type of its value (or of its items), and how a list merges. */
export interface FieldInfo { type?: string; list?: ListMerge | 'atomic' }

const META = 'apimachinery.apis.meta.v1.ObjectMeta';
const byName: ListMerge = { strategy: 'merge', key: 'name' };
const byType: ListMerge = { strategy: 'merge', key: 'type' };
const conditions: FieldInfo = { list: byType };

function container(): Record<string, FieldInfo> {
  return {
    env: { list: byName },
    ports: { list: { strategy: 'merge', key: 'containerPort', mapKeys: ['containerPort', 'protocol'] } },
    volumeMounts: { list: { strategy: 'merge', key: 'mountPath' } },
    volumeDevices: { list: { strategy: 'merge', key: 'devicePath' } },
  };
}

export const K8S_MERGE_TYPES: Readonly<Record<string, Readonly<Record<string, FieldInfo>>>> = {
  [META]: {
    finalizers: { list: { strategy: 'merge' } },
    ownerReferences: { list: { strategy: 'merge', key: 'uid' } },
  },
  'v1.PodSpec': {
    volumes: { list: { strategy: 'merge,retainKeys', key: 'name' } },
    initContainers: { type: 'v1.Container', list: byName },
    containers: { type: 'v1.Container', list: byName },
    ephemeralContainers: { type: 'v1.EphemeralContainer', list: byName },
    imagePullSecrets: { list: byName },
    hostAliases: { list: { strategy: 'merge', key: 'ip' } },
    topologySpreadConstraints: { list: { strategy: 'merge', key: 'topologyKey', mapKeys: ['topologyKey', 'whenUnsatisfiable'] } },
  },
  'v1.Container': container(),
  'v1.EphemeralContainer': container(),
  'v1.PodTemplateSpec': { metadata: { type: META }, spec: { type: 'v1.PodSpec' } },
  'v1.PodStatus': { conditions },
  'v1.Pod': { metadata: { type: META }, spec: { type: 'v1.PodSpec' }, status: { type: 'v1.PodStatus' } },
  'v1.PodTemplate': { metadata: { type: META }, template: { type: 'v1.PodTemplateSpec' } },
  'v1.ReplicationControllerSpec': { template: { type: 'v1.PodTemplateSpec' } },
  'v1.ReplicationControllerStatus': { conditions },
  'v1.ReplicationController': { metadata: { type: META }, spec: { type: 'v1.ReplicationControllerSpec' }, status: { type: 'v1.ReplicationControllerStatus' } },
  'v1.ServiceSpec': { ports: { list: { strategy: 'merge', key: 'port', mapKeys: ['port', 'protocol'] } } },
  'v1.Service': { metadata: { type: META }, spec: { type: 'v1.ServiceSpec' } },
  'v1.ServiceAccount': { metadata: { type: META }, secrets: { list: byName } },
  'v1.NodeSpec': { podCIDRs: { list: { strategy: 'merge' } } },
  'v1.NodeStatus': { addresses: { list: byType }, conditions },
  'v1.Node': { metadata: { type: META }, spec: { type: 'v1.NodeSpec' }, status: { type: 'v1.NodeStatus' } },
  'v1.NamespaceStatus': { conditions },
  'v1.Namespace': { metadata: { type: META }, status: { type: 'v1.NamespaceStatus' } },
  'v1.PersistentVolumeClaimStatus': { conditions },
  'v1.PersistentVolumeClaim': { metadata: { type: META }, status: { type: 'v1.PersistentVolumeClaimStatus' } },
  'apps.v1.DeploymentSpec': { template: { type: 'v1.PodTemplateSpec' } },
  'apps.v1.DeploymentStatus': { conditions },
  'apps.v1.Deployment': { metadata: { type: META }, spec: { type: 'apps.v1.DeploymentSpec' }, status: { type: 'apps.v1.DeploymentStatus' } },
  'apps.v1.StatefulSetSpec': { template: { type: 'v1.PodTemplateSpec' }, volumeClaimTemplates: { type: 'v1.PersistentVolumeClaim', list: 'atomic' } },
  'apps.v1.StatefulSetStatus': { conditions },
  'apps.v1.StatefulSet': { metadata: { type: META }, spec: { type: 'apps.v1.StatefulSetSpec' }, status: { type: 'apps.v1.StatefulSetStatus' } },
  'apps.v1.DaemonSetSpec': { template: { type: 'v1.PodTemplateSpec' } },
  'apps.v1.DaemonSetStatus': { conditions },
  'apps.v1.DaemonSet': { metadata: { type: META }, spec: { type: 'apps.v1.DaemonSetSpec' }, status: { type: 'apps.v1.DaemonSetStatus' } },
  'apps.v1.ReplicaSetSpec': { template: { type: 'v1.PodTemplateSpec' } },
  'apps.v1.ReplicaSetStatus': { conditions },
  'apps.v1.ReplicaSet': { metadata: { type: META }, spec: { type: 'apps.v1.ReplicaSetSpec' }, status: { type: 'apps.v1.ReplicaSetStatus' } },
  'batch.v1.JobSpec': { template: { type: 'v1.PodTemplateSpec' } },
  'batch.v1.JobStatus': { conditions },
  'batch.v1.Job': { metadata: { type: META }, spec: { type: 'batch.v1.JobSpec' }, status: { type: 'batch.v1.JobStatus' } },
  'batch.v1.JobTemplateSpec': { metadata: { type: META }, spec: { type: 'batch.v1.JobSpec' } },
  'batch.v1.CronJobSpec': { jobTemplate: { type: 'batch.v1.JobTemplateSpec' } },
  'batch.v1.CronJob': { metadata: { type: META }, spec: { type: 'batch.v1.CronJobSpec' } },
  'policy.v1.PodDisruptionBudgetStatus': { conditions: { list: { strategy: 'merge', key: 'type', mapKeys: ['type'] } } },
  'policy.v1.PodDisruptionBudget': { metadata: { type: META }, status: { type: 'policy.v1.PodDisruptionBudgetStatus' } },
  'admissionregistration.k8s.io.v1.MutatingWebhookConfiguration': { metadata: { type: META }, webhooks: { list: byName } },
  'admissionregistration.k8s.io.v1.ValidatingWebhookConfiguration': { metadata: { type: META }, webhooks: { list: byName } },
  'apiregistration.k8s.io.v1.APIServiceStatus': { conditions },
  'apiregistration.k8s.io.v1.APIService': { metadata: { type: META }, status: { type: 'apiregistration.k8s.io.v1.APIServiceStatus' } },
  /** Any other built-in kind: only its metadata merges specially. */
  object: { metadata: { type: META } },
};

/**
 * Built-in kinds by `apiVersion/kind` and their root type. `kustomize` (v5) knows the kinds of Kubernetes
 * 1.21, so `kustomize: true` marks those; a kind it does not know gets no merge keys from kustomize
 * (lists are replaced) even when newer Kubernetes merges them.
 */
const KINDS: Record<string, string[]> = {
  v1: ['Binding', 'ComponentStatus', 'ConfigMap', 'Endpoints', 'Event', 'LimitRange', 'Namespace', 'Node', 'PersistentVolume', 'PersistentVolumeClaim', 'Pod', 'PodTemplate', 'ReplicationController', 'ResourceQuota', 'Secret', 'Service', 'ServiceAccount'],
  'apps/v1': ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'],
  'batch/v1': ['CronJob', 'Job'],
  'batch/v1beta1': ['CronJob'],
  'autoscaling/v1': ['HorizontalPodAutoscaler'],
  'autoscaling/v2beta1': ['HorizontalPodAutoscaler'],
  'autoscaling/v2beta2': ['HorizontalPodAutoscaler'],
  'policy/v1': ['PodDisruptionBudget'],
  'policy/v1beta1': ['PodDisruptionBudget', 'PodSecurityPolicy'],
  'networking.k8s.io/v1': ['Ingress', 'IngressClass', 'NetworkPolicy'],
  'networking.k8s.io/v1beta1': ['Ingress', 'IngressClass'],
  'extensions/v1beta1': ['Ingress'],
  'rbac.authorization.k8s.io/v1': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  'rbac.authorization.k8s.io/v1beta1': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  'rbac.authorization.k8s.io/v1alpha1': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  'storage.k8s.io/v1': ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'],
  'storage.k8s.io/v1beta1': ['CSIDriver', 'CSINode', 'CSIStorageCapacity', 'StorageClass', 'VolumeAttachment'],
  'admissionregistration.k8s.io/v1': ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
  'admissionregistration.k8s.io/v1beta1': ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
  'apiextensions.k8s.io/v1': ['CustomResourceDefinition'],
  'apiextensions.k8s.io/v1beta1': ['CustomResourceDefinition'],
  'apiregistration.k8s.io/v1': ['APIService'],
  'apiregistration.k8s.io/v1beta1': ['APIService'],
  'certificates.k8s.io/v1': ['CertificateSigningRequest'],
  'certificates.k8s.io/v1beta1': ['CertificateSigningRequest'],
  'coordination.k8s.io/v1': ['Lease'],
  'coordination.k8s.io/v1beta1': ['Lease'],
  'discovery.k8s.io/v1': ['EndpointSlice'],
  'discovery.k8s.io/v1beta1': ['EndpointSlice'],
  'events.k8s.io/v1': ['Event'],
  'events.k8s.io/v1beta1': ['Event'],
  'flowcontrol.apiserver.k8s.io/v1beta1': ['FlowSchema', 'PriorityLevelConfiguration'],
  'node.k8s.io/v1': ['RuntimeClass'],
  'node.k8s.io/v1beta1': ['RuntimeClass'],
  'scheduling.k8s.io/v1': ['PriorityClass'],
  'scheduling.k8s.io/v1beta1': ['PriorityClass'],
};

const SPECIAL: Record<string, string> = {
  'v1/Pod': 'v1.Pod', 'v1/PodTemplate': 'v1.PodTemplate', 'v1/ReplicationController': 'v1.ReplicationController', 'v1/Service': 'v1.Service',
  'v1/ServiceAccount': 'v1.ServiceAccount', 'v1/Node': 'v1.Node', 'v1/Namespace': 'v1.Namespace', 'v1/PersistentVolumeClaim': 'v1.PersistentVolumeClaim',
  'apps/v1/Deployment': 'apps.v1.Deployment', 'apps/v1/StatefulSet': 'apps.v1.StatefulSet', 'apps/v1/DaemonSet': 'apps.v1.DaemonSet',
  'apps/v1/ReplicaSet': 'apps.v1.ReplicaSet', 'batch/v1/Job': 'batch.v1.Job', 'batch/v1/CronJob': 'batch.v1.CronJob', 'batch/v1beta1/CronJob': 'batch.v1.CronJob',
  'policy/v1/PodDisruptionBudget': 'policy.v1.PodDisruptionBudget', 'policy/v1beta1/PodDisruptionBudget': 'policy.v1.PodDisruptionBudget',
  'admissionregistration.k8s.io/v1/MutatingWebhookConfiguration': 'admissionregistration.k8s.io.v1.MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/v1beta1/MutatingWebhookConfiguration': 'admissionregistration.k8s.io.v1.MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration': 'admissionregistration.k8s.io.v1.ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/v1beta1/ValidatingWebhookConfiguration': 'admissionregistration.k8s.io.v1.ValidatingWebhookConfiguration',
  'apiregistration.k8s.io/v1/APIService': 'apiregistration.k8s.io.v1.APIService', 'apiregistration.k8s.io/v1beta1/APIService': 'apiregistration.k8s.io.v1.APIService',
};

/** The root merge type of a built-in kind (`apiVersion` + `kind`), or undefined for kinds kustomize does not know. */
export function mergeTypeOfKind(apiVersion: string, kind: string): string | undefined {
  const special = SPECIAL[`${apiVersion}/${kind}`];
  if (special) return special;
  return KINDS[apiVersion]?.includes(kind) ? 'object' : undefined;
}

/** The merge facts of a field of a type (undefined: not listed, so atomic for lists). */
export function mergeField(type: string, field: string): FieldInfo | undefined {
  return K8S_MERGE_TYPES[type]?.[field];
}
