/**
 * Removed API versions: [apiVersion, kinds, replacement apiVersion ('' = no replacement),
 * deprecated in, removed in]. From the Kubernetes deprecated API migration guide.
 */
export type Removal = readonly [apiVersion: string, kinds: ReadonlyArray<string>, replacement: string, deprecated: string, removed: string];

const WORKLOADS = ['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet'];
const RBAC = ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'];
const REVIEWS = ['SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview'];

export const REMOVALS: ReadonlyArray<Removal> = [
  ['extensions/v1beta1', ['Deployment', 'DaemonSet', 'ReplicaSet'], 'apps/v1', '1.9', '1.16'],
  ['apps/v1beta1', WORKLOADS, 'apps/v1', '1.9', '1.16'],
  ['apps/v1beta2', WORKLOADS, 'apps/v1', '1.9', '1.16'],
  ['extensions/v1beta1', ['NetworkPolicy'], 'networking.k8s.io/v1', '1.9', '1.16'],
  ['extensions/v1beta1', ['PodSecurityPolicy'], 'policy/v1beta1', '1.11', '1.16'],
  ['extensions/v1beta1', ['Ingress'], 'networking.k8s.io/v1', '1.14', '1.22'],
  ['networking.k8s.io/v1beta1', ['Ingress', 'IngressClass'], 'networking.k8s.io/v1', '1.19', '1.22'],
  ['admissionregistration.k8s.io/v1beta1', ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], 'admissionregistration.k8s.io/v1', '1.16', '1.22'],
  ['apiextensions.k8s.io/v1beta1', ['CustomResourceDefinition'], 'apiextensions.k8s.io/v1', '1.16', '1.22'],
  ['apiregistration.k8s.io/v1beta1', ['APIService'], 'apiregistration.k8s.io/v1', '1.19', '1.22'],
  ['authentication.k8s.io/v1beta1', ['TokenReview'], 'authentication.k8s.io/v1', '1.19', '1.22'],
  ['authorization.k8s.io/v1beta1', REVIEWS, 'authorization.k8s.io/v1', '1.19', '1.22'],
  ['certificates.k8s.io/v1beta1', ['CertificateSigningRequest'], 'certificates.k8s.io/v1', '1.19', '1.22'],
  ['coordination.k8s.io/v1beta1', ['Lease'], 'coordination.k8s.io/v1', '1.19', '1.22'],
  ['rbac.authorization.k8s.io/v1beta1', RBAC, 'rbac.authorization.k8s.io/v1', '1.17', '1.22'],
  ['rbac.authorization.k8s.io/v1alpha1', RBAC, 'rbac.authorization.k8s.io/v1', '1.17', '1.22'],
  ['scheduling.k8s.io/v1beta1', ['PriorityClass'], 'scheduling.k8s.io/v1', '1.14', '1.22'],
  ['storage.k8s.io/v1beta1', ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], 'storage.k8s.io/v1', '1.19', '1.22'],
  ['batch/v1beta1', ['CronJob'], 'batch/v1', '1.21', '1.25'],
  ['discovery.k8s.io/v1beta1', ['EndpointSlice'], 'discovery.k8s.io/v1', '1.21', '1.25'],
  ['events.k8s.io/v1beta1', ['Event'], 'events.k8s.io/v1', '1.21', '1.25'],
  ['autoscaling/v2beta1', ['HorizontalPodAutoscaler'], 'autoscaling/v2', '1.22', '1.25'],
  ['policy/v1beta1', ['PodDisruptionBudget'], 'policy/v1', '1.21', '1.25'],
  ['policy/v1beta1', ['PodSecurityPolicy'], '', '1.21', '1.25'],
  ['node.k8s.io/v1beta1', ['RuntimeClass'], 'node.k8s.io/v1', '1.20', '1.25'],
  ['autoscaling/v2beta2', ['HorizontalPodAutoscaler'], 'autoscaling/v2', '1.23', '1.26'],
  ['flowcontrol.apiserver.k8s.io/v1beta1', ['FlowSchema', 'PriorityLevelConfiguration'], 'flowcontrol.apiserver.k8s.io/v1', '1.23', '1.26'],
  ['storage.k8s.io/v1beta1', ['CSIStorageCapacity'], 'storage.k8s.io/v1', '1.24', '1.27'],
  ['flowcontrol.apiserver.k8s.io/v1beta2', ['FlowSchema', 'PriorityLevelConfiguration'], 'flowcontrol.apiserver.k8s.io/v1', '1.26', '1.29'],
  ['flowcontrol.apiserver.k8s.io/v1beta3', ['FlowSchema', 'PriorityLevelConfiguration'], 'flowcontrol.apiserver.k8s.io/v1', '1.29', '1.32'],
];

/** What the rule applies to: each kind with exactly its removed apiVersions (`Kind@apiVersion`). */
export const REMOVAL_TARGETS: ReadonlyArray<string> = [...new Set(REMOVALS.flatMap(([v, kinds]) => kinds.map((k) => `${k}@${v}`)))].sort();
