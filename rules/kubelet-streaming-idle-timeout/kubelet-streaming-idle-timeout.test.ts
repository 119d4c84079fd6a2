import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'not written (4h)', code: `apiVersion: v1
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
` },
    { name: '5m', code: `apiVersion: v1
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
    - --streaming-connection-idle-timeout=5m
` },
    { name: '1h, two elements', code: `apiVersion: v1
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
    - --streaming-connection-idle-timeout
    - 1h
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
    - --streaming-connection-idle-timeout=0
`,
      errors: [
        { messageId: 'wrong', range: [13, 6, 13, 43] },
      ],
      output: null,
    },
    {
      name: '0s, two elements',
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
    - --streaming-connection-idle-timeout
    - 0s
`,
      errors: [
        { messageId: 'wrong', range: [14, 6, 14, 8] },
      ],
      output: null,
    },
  ],
});
