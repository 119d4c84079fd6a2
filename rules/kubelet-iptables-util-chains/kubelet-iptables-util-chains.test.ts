import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: '--make-iptables-util-chains=true', code: `apiVersion: v1
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
    - --make-iptables-util-chains=true
` },
    { name: 'bare --make-iptables-util-chains (true)', code: `apiVersion: v1
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
    - --make-iptables-util-chains
` },
    { name: '--make-iptables-util-chains not written (defaults to true)', code: `apiVersion: v1
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
      name: '--make-iptables-util-chains=false',
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
    - --make-iptables-util-chains=false
`,
      errors: [
        { messageId: 'wrong', range: [13, 6, 13, 39] },
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
    - --make-iptables-util-chains=true
`,
    },
    {
      name: 'the last --make-iptables-util-chains wins',
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
    - --make-iptables-util-chains=true
    - --make-iptables-util-chains=false
`,
      errors: [
        { messageId: 'wrong', range: [14, 6, 14, 39] },
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
    - --make-iptables-util-chains=true
    - --make-iptables-util-chains=true
`,
    },
  ],
});
