import { defineRule } from '../../engine';
import { reportSwitchOn } from '../_lib/container';

export default defineRule({
  meta: {
    id: 'host-ipc',
    title: 'Pod shares the node IPC namespace',
    category: 'cluster',
    goals: ['confidentiality', 'integrity'],
    severity: 'error',
    appliesTo: ['podSpec'],
    profiles: ['recommended', 'pss-baseline', 'pss-restricted'],
    pss: 'baseline: Host Namespaces',
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'With hostIPC the pod shares System V IPC objects and POSIX shared memory with every process on the node, so it can read and tamper with their shared memory.',
      recipe: 'Remove `hostIPC` or set it to `false`; containers of one pod already share an IPC namespace with each other.',
    },
    peers: {
      'kube-linter': ['host-ipc'],
      polaris: ['hostIPCSet'],
      kubesec: ['HostIPC'],
      checkov: ['CKV_K8S_18'],
      kubescape: ['C-0038', 'C-0276'],
      trivy: ['KSV-0008'],
      datree: ['CONTAINERS_INCORRECT_HOSTIPC_VALUE_TRUE'],
      pss: ['hostNamespaces'],
    },
    messages: {
      hostIPC: '{{kind}} {{name}}: the pod joins the node\'s IPC namespace (hostIPC: true), so every container in it can read and write the shared memory of processes on the node.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (pod) reportSwitchOn(ctx, pod.path, 'hostIPC');
  },
});
