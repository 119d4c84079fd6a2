import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: '--hostname-override not written', code: `apiVersion: v1
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
      name: '--hostname-override=node-a',
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
    - --hostname-override=node-a
`,
      errors: [
        { messageId: 'set', range: [13, 6, 13, 32] },
      ],
      output: null,
    },
    {
      name: '--hostname-override node-a (two elements)',
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
    - --hostname-override
    - node-a
`,
      errors: [
        { messageId: 'set', range: [14, 6, 14, 12] },
      ],
      output: null,
    },
  ],
});
