import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: '--read-only-port=0', code: `apiVersion: v1
kind: Pod
metadata:
  name: kubelet
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: kubelet
    image: registry.example.com/kubelet:v1.31.2
    command:
    - kubelet
    - --kubeconfig=/etc/kubernetes/kubelet.conf
    - --read-only-port=0
` },
    { name: 'kubelet reads a --config file (its default is 0)', code: `apiVersion: v1
kind: Pod
metadata:
  name: kubelet
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: kubelet
    image: registry.example.com/kubelet:v1.31.2
    command:
    - kubelet
    - --kubeconfig=/etc/kubernetes/kubelet.conf
    - --config=/var/lib/kubelet/config.yaml
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
      name: '10255',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: kubelet
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: kubelet
    image: registry.example.com/kubelet:v1.31.2
    command:
    - kubelet
    - --kubeconfig=/etc/kubernetes/kubelet.conf
    - --read-only-port=10255
`,
      errors: [
        { messageId: 'wrong', range: [13, 6, 13, 28] },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: kubelet
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: kubelet
    image: registry.example.com/kubelet:v1.31.2
    command:
    - kubelet
    - --kubeconfig=/etc/kubernetes/kubelet.conf
    - --read-only-port=0
`,
    },
    {
      name: 'two elements',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: kubelet
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: kubelet
    image: registry.example.com/kubelet:v1.31.2
    command:
    - kubelet
    - --kubeconfig=/etc/kubernetes/kubelet.conf
    - --read-only-port
    - "10255"
`,
      errors: [
        { messageId: 'wrong', range: [14, 6, 14, 13] },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: kubelet
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: kubelet
    image: registry.example.com/kubelet:v1.31.2
    command:
    - kubelet
    - --kubeconfig=/etc/kubernetes/kubelet.conf
    - --read-only-port
    - "0"
`,
    },
    {
      name: 'not written',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: kubelet
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: kubelet
    image: registry.example.com/kubelet:v1.31.2
    command:
    - kubelet
    - --kubeconfig=/etc/kubernetes/kubelet.conf
`,
      errors: [
        { messageId: 'missing', range: [10, 4, 10, 11] },
      ],
      output: null,
    },
  ],
});
