import { defineRule } from '../../engine';

/**
 * Namespaced built-in kinds (plus the namespaced workload kinds the engine knows: OpenShift DeploymentConfig,
 * Argo Rollout). Cluster-scoped kinds (Namespace, Node, PersistentVolume, ClusterRole, ClusterRoleBinding,
 * StorageClass, CustomResourceDefinition, webhooks, PriorityClass, …) are never listed.
 */
const NAMESPACED_KINDS = [
  'Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController',
  'PodTemplate', 'DeploymentConfig', 'Rollout', 'ControllerRevision',
  'Service', 'Endpoints', 'EndpointSlice', 'Ingress', 'NetworkPolicy',
  'ConfigMap', 'Secret', 'ServiceAccount', 'PersistentVolumeClaim',
  'Role', 'RoleBinding',
  'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'LimitRange', 'ResourceQuota',
  'Lease', 'CSIStorageCapacity',
] as const;

export default defineRule({
  meta: {
    id: 'namespace-default',
    title: 'Object placed in the default namespace',
    category: 'core',
    goals: ['possession', 'utility'],
    severity: 'info',
    appliesTo: [...NAMESPACED_KINDS],
    profiles: ['recommended'],
    layer: 'orchestrator',
    principle: 'separation of duty',
    docs: {
      summary: 'The `default` namespace is shared by everything nobody placed elsewhere, so its RBAC, quotas, network policies and Pod Security labels cannot be tailored to one application.',
      recipe: 'Set `metadata.namespace` to a namespace owned by the application (or let kustomize/Helm set it), never `default`.',
    },
    peers: {
      'kube-linter': ['use-namespace'],
      checkov: ['CKV_K8S_21'],
      kubescape: ['C-0061', 'C-0212'],
      trivy: ['KSV-0110'],
      datree: ['WORKLOAD_INCORRECT_NAMESPACE_VALUE_DEFAULT'],
    },
    messages: {
      explicit: '{{kind}} {{name}} is placed in the default namespace.',
      missing: '{{kind}} {{name}} has no namespace: it lands in the default namespace unless one is given when it is applied.',
    },
    defaultOptions: { flagMissing: false },
  },
  check(ctx) {
    const ns = ctx.object.metadata.namespace;
    if (ns === 'default') ctx.report({ messageId: 'explicit', path: ['metadata', 'namespace'] });
    else if ((ns === undefined || ns === null || ns === '') && ctx.options.flagMissing === true) {
      ctx.report({ messageId: 'missing', path: ['metadata', 'namespace'] });
    }
  },
});
