import { defineRule } from '../../engine';
import { reportSwitchOn } from '../_lib/container';

export default defineRule({
  meta: {
    id: 'host-pid',
    title: 'Pod shares the node process namespace',
    category: 'cluster',
    goals: ['confidentiality', 'possession', 'integrity'],
    severity: 'error',
    appliesTo: ['podSpec'],
    profiles: ['recommended', 'pss-baseline', 'pss-restricted'],
    pss: 'baseline: Host Namespaces',
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'With hostPID the pod sees every process on the node, can read their environment and command lines and, as root, signal or ptrace them.',
      recipe: 'Remove `hostPID` or set it to `false`; node agents that truly need it belong in a dedicated, tightly reviewed namespace.',
    },
    peers: {
      'kube-linter': ['host-pid'],
      polaris: ['hostPIDSet'],
      kubesec: ['HostPID'],
      checkov: ['CKV_K8S_17'],
      kubescape: ['C-0038', 'C-0275'],
      trivy: ['KSV-0010'],
      datree: ['CONTAINERS_INCORRECT_HOSTPID_VALUE_TRUE'],
      pss: ['hostNamespaces'],
    },
    messages: {
      hostPID: '{{kind}} {{name}}: the pod joins the node\'s process ID namespace (hostPID: true), so every container in it can see, inspect and signal every process on the node.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (pod) reportSwitchOn(ctx, pod.path, 'hostPID');
  },
});
