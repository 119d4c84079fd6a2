import { flagRule, intNot } from '../_lib/control-plane';

export default flagRule({
  id: 'controller-manager-terminated-pod-gc-threshold',
  title: 'Controller manager never garbage-collects terminated pods',
  component: 'kube-controller-manager',
  goals: ['availability'],
  severity: 'warning',
  profiles: [],
  summary: 'kube-controller-manager --terminated-pod-gc-threshold of 0 or less disables garbage collection of terminated pods, which then accumulate until etcd and the API slow down.',
  recipe: 'Leave `--terminated-pod-gc-threshold` at its default (12500) or set a positive number that fits the cluster.',
  peers: {
    checkov: ['CKV_K8S_106'],
    kubescape: ['C-0144'],
    trivy: ['KCV-0033'],
  },
  messages: {
    wrong: '{{kind}} {{name}}: kube-controller-manager in container "{{container}}" sets --terminated-pod-gc-threshold={{value}}, which turns the terminated-pod garbage collector off; finished pods pile up in etcd.',
  },
  check: intNot('terminated-pod-gc-threshold', (n) => n <= 0, undefined),
});
