import { defineRule } from '../../engine';
import { findGrants, grantPath, rolesGranting } from '../_lib/rbac-rules';

const WORKLOADS: ReadonlyArray<readonly [string, string]> = [
  ['apps', 'deployments'], ['apps', 'replicasets'], ['apps', 'statefulsets'], ['apps', 'daemonsets'],
  ['batch', 'jobs'], ['batch', 'cronjobs'], ['', 'replicationcontrollers'],
];

export default defineRule({
  meta: {
    id: 'rbac-create-pods',
    title: 'Role can create pods or pod-creating workloads',
    category: 'cluster',
    goals: ['possession', 'integrity'],
    severity: 'warning',
    appliesTo: ['Role', 'ClusterRole'],
    yieldsTo: ['rbac-wildcard:everything'],
    profiles: [],
    layer: 'orchestrator',
    principle: 'least privilege',
    docs: {
      summary: 'Whoever can create a pod (directly or through a Deployment, Job or other controller) can run any image with any service account of the namespace, and so use every secret and right those accounts hold.',
      recipe: 'Grant `create` on pods and workload controllers only to the deploy pipeline and controllers that need it; give people and apps read-only roles.',
    },
    peers: {
      'kube-linter': ['access-to-create-pods'],
      kubescape: ['C-0188'],
      trivy: ['KSV-0048'],
      datree: ['CIS_INVALID_VALUE_CREATE_POD'],
    },
    messages: {
      pods: '{{kind}} {{name}}: rule {{rule}} lets its subjects create pods, and so run any image as any service account of the namespace.',
      workloads: '{{kind}} {{name}}: rule {{rule}} lets its subjects create {{resource}}, which run pods with any image and service account of the namespace.',
    },
  },
  check(ctx) {
    const grants = rolesGranting(ctx.object, (r) => findGrants(r, [['', 'pods'], ...WORKLOADS], ['create']));
    for (const g of grants) {
      ctx.report({
        messageId: g.resource === 'pods' ? 'pods' : 'workloads',
        data: { rule: g.rule.index + 1, resource: g.resource },
        path: grantPath(g),
      });
    }
  },
});
