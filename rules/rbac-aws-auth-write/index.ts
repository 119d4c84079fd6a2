import { defineRule } from '../../engine';
import { configMapGrantPath, kubeSystemConfigMapWrites } from '../_lib/rbac-configmap';

const AWS_AUTH = 'aws-auth';

export default defineRule({
  meta: {
    id: 'rbac-aws-auth-write',
    title: 'Role can change the EKS aws-auth ConfigMap',
    category: 'cluster',
    goals: ['possession', 'authenticity', 'availability'],
    severity: 'warning',
    appliesTo: ['Role', 'ClusterRole'],
    yieldsTo: ['rbac-wildcard:everything'],
    profiles: [],
    layer: 'orchestrator',
    principle: 'least privilege',
    docs: {
      summary: 'On EKS the `aws-auth` ConfigMap in `kube-system` maps IAM roles and users to Kubernetes users and groups; whoever can update it can map an IAM identity they control to `system:masters`, or lock every node and administrator out.',
      recipe: 'Give update and patch on `configmaps` in `kube-system` only to cluster administrators, or move to EKS access entries, which are managed through the AWS API instead of a ConfigMap.',
    },
    peers: {
      trivy: ['KSV-0115'],
    },
    messages: {
      named: '{{kind}} {{name}}: rule {{rule}} lets its subjects {{verbs}} the aws-auth ConfigMap, which maps IAM identities to Kubernetes groups.',
      any: '{{kind}} {{name}}: rule {{rule}} lets its subjects {{verbs}} every ConfigMap{{scope}}, the EKS aws-auth map included.',
    },
  },
  check(ctx) {
    const { object } = ctx;
    const grants = kubeSystemConfigMapWrites(object, AWS_AUTH);
    for (const g of grants) {
      ctx.report({
        messageId: g.rule.resourceNames.length ? 'named' : 'any',
        data: { rule: g.rule.index + 1, verbs: g.verbs.join('/'), scope: object.kind === 'ClusterRole' ? '' : ' of kube-system' },
        path: configMapGrantPath(g, AWS_AUTH),
      });
    }
  },
});
