import { flagRule, intNot, type CommandLine, type Verdict } from '../_lib/control-plane';

const positive = intNot('terminated-pod-gc-threshold', (n) => n <= 0, undefined);

/** A positive threshold is required; an unwritten one means the default of 12500, reported as info. */
function check(cl: CommandLine): Verdict | undefined {
  if (!cl.flags.has('terminated-pod-gc-threshold')) return { messageId: 'missing', severity: 'info' };
  return positive(cl);
}

export default flagRule({
  id: 'controller-manager-terminated-pod-gc-threshold',
  title: 'Controller manager garbage-collects terminated pods at no chosen threshold',
  component: 'kube-controller-manager',
  goals: ['availability'],
  severity: 'warning',
  profiles: [],
  summary: 'kube-controller-manager --terminated-pod-gc-threshold of 0 or less disables garbage collection of terminated pods, which then accumulate until etcd and the API slow down; left unset, the default of 12500 is sized for the largest clusters and rarely triggers on smaller ones.',
  recipe: 'Set `--terminated-pod-gc-threshold` to a positive number that fits the cluster (a few hundred to a few thousand terminated pods).',
  peers: {
    checkov: ['CKV_K8S_106'],
    kubescape: ['C-0144'],
    trivy: ['KCV-0033'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: kube-controller-manager in container "{{container}}" sets --terminated-pod-gc-threshold={{value}}, which turns the terminated-pod garbage collector off; finished pods pile up in etcd.',
    missing: '{{kind}} {{name}}: kube-controller-manager in container "{{container}}" does not set --terminated-pod-gc-threshold, so up to 12500 finished pods are kept before any is collected; choose a threshold that fits the cluster.',
  },
  check,
});
