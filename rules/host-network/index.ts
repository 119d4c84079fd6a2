import { defineRule } from '../../engine';
import { reportSwitchOn } from '../_lib/container';

export default defineRule({
  meta: {
    id: 'host-network',
    title: 'Pod shares the node network namespace',
    category: 'cluster',
    goals: ['confidentiality', 'possession'],
    severity: 'error',
    appliesTo: ['podSpec'],
    profiles: ['recommended', 'pss-baseline', 'pss-restricted'],
    pss: 'baseline: Host Namespaces',
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'With hostNetwork the pod sees every interface of the node, can sniff its traffic and reach services bound to localhost, and bypasses NetworkPolicy.',
      recipe: 'Remove `hostNetwork` or set it to `false`; expose the workload through a Service (and a NodePort or LoadBalancer if it must be reachable from outside).',
    },
    peers: {
      'kube-linter': ['host-network'],
      polaris: ['hostNetworkSet'],
      kubesec: ['HostNetwork'],
      checkov: ['CKV_K8S_19'],
      kubescape: ['C-0041'],
      trivy: ['KSV-0009'],
      datree: ['CONTAINERS_INCORRECT_HOSTNETWORK_VALUE_TRUE'],
      pss: ['hostNamespaces'],
    },
    messages: {
      hostNetwork: '{{kind}} {{name}}: the pod joins the node\'s network namespace (hostNetwork: true), so every container in it can reach node-local services and sniff node traffic, bypassing NetworkPolicy.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (pod) reportSwitchOn(ctx, pod.path, 'hostNetwork');
  },
});
