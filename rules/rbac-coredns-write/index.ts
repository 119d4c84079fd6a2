import { defineRule } from '../../engine';
import { configMapGrantPath, kubeSystemConfigMapWrites } from '../_lib/rbac-configmap';

export default defineRule({
  meta: {
    id: 'rbac-coredns-write',
    title: 'Role can change the CoreDNS configuration',
    category: 'cluster',
    goals: ['integrity', 'authenticity', 'confidentiality'],
    severity: 'warning',
    appliesTo: ['Role', 'ClusterRole'],
    yieldsTo: ['rbac-wildcard:everything'],
    profiles: [],
    layer: 'orchestrator',
    principle: 'least privilege',
    docs: {
      summary: 'The `coredns` ConfigMap in `kube-system` is the cluster\'s DNS configuration; whoever can update it can answer any name — a service, the API server, an external site — with an address they control, and receive the traffic meant for it.',
      recipe: 'Give update and patch on ConfigMaps of `kube-system` only to cluster administrators and the pipeline that manages cluster add-ons.',
    },
    peers: {
      kubescape: ['C-0037'],
    },
    messages: {
      named: '{{kind}} {{name}}: rule {{rule}} lets its subjects {{verbs}} the coredns ConfigMap, and so rewrite the cluster\'s DNS answers.',
      any: '{{kind}} {{name}}: rule {{rule}} lets its subjects {{verbs}} every ConfigMap{{scope}}, CoreDNS\'s configuration included.',
    },
  },
  check(ctx) {
    const { object } = ctx;
    for (const g of kubeSystemConfigMapWrites(object, 'coredns')) {
      ctx.report({
        messageId: g.rule.resourceNames.length ? 'named' : 'any',
        data: { rule: g.rule.index + 1, verbs: g.verbs.join('/'), scope: object.kind === 'ClusterRole' ? '' : ' of kube-system' },
        path: configMapGrantPath(g, 'coredns'),
      });
    }
  },
});
