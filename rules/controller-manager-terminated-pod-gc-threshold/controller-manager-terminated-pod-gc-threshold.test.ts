import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: '--terminated-pod-gc-threshold=1000', code: `apiVersion: v1
kind: Pod
metadata:
  name: kube-controller-manager
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: kube-controller-manager
    image: registry.k8s.io/kube-controller-manager:v1.31.2
    command:
    - kube-controller-manager
    - --kubeconfig=/etc/kubernetes/controller-manager.conf
    - --terminated-pod-gc-threshold=1000
` },
    { name: 'a pod that runs no control-plane component', code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.27
    command: ["nginx", "-g", "daemon off;"]
` },
    { name: 'another component (kube-scheduler) is not judged by this rule', code: `apiVersion: v1
kind: Pod
metadata:
  name: kube-scheduler
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: kube-scheduler
    image: registry.k8s.io/kube-scheduler:v1.31.2
    command:
    - kube-scheduler
    - --kubeconfig=/etc/kubernetes/scheduler.conf
` },
  ],
  invalid: [
    {
      name: '0',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: kube-controller-manager
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: kube-controller-manager
    image: registry.k8s.io/kube-controller-manager:v1.31.2
    command:
    - kube-controller-manager
    - --kubeconfig=/etc/kubernetes/controller-manager.conf
    - --terminated-pod-gc-threshold=0
`,
      errors: [
        { messageId: 'wrong', range: [13, 6, 13, 37] },
      ],
      output: null,
    },
    {
      name: 'negative, two elements',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: kube-controller-manager
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: kube-controller-manager
    image: registry.k8s.io/kube-controller-manager:v1.31.2
    command:
    - kube-controller-manager
    - --kubeconfig=/etc/kubernetes/controller-manager.conf
    - --terminated-pod-gc-threshold
    - "-1"
`,
      errors: [
        { messageId: 'wrong', range: [14, 6, 14, 10] },
      ],
      output: null,
    },
    {
      name: 'not written: the default of 12500, reported as info',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: kube-controller-manager
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: kube-controller-manager
    image: registry.k8s.io/kube-controller-manager:v1.31.2
    command:
    - kube-controller-manager
    - --kubeconfig=/etc/kubernetes/controller-manager.conf
`,
      errors: [
        { messageId: 'missing', range: [10, 4, 10, 11], severity: 'info', message: 'Pod kube-controller-manager: kube-controller-manager in container "kube-controller-manager" does not set --terminated-pod-gc-threshold, so up to 12500 finished pods are kept before any is collected; choose a threshold that fits the cluster.' },
      ],
      output: null,
    },
    {
      name: 'not written, flags given as args to the official image',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: kube-controller-manager
  namespace: kube-system
spec:
  containers:
  - name: kcm
    image: registry.k8s.io/kube-controller-manager:v1.31.2
    args:
    - kube-controller-manager
    - --profiling=false
`,
      errors: [
        { messageId: 'missing', range: [9, 4, 9, 8], severity: 'info' },
      ],
      output: null,
    },
  ],
});
