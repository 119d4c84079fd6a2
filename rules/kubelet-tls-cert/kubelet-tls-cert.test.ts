import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'set', code: `apiVersion: v1
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
    - --tls-cert-file=/var/lib/kubelet/pki/kubelet.crt
    - --tls-private-key-file=/var/lib/kubelet/pki/kubelet.key
` },
    { name: 'serving certificate requested from the cluster', code: `apiVersion: v1
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
    - --rotate-server-certificates=true
` },
    { name: 'kubelet reads a --config file', code: `apiVersion: v1
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
      name: 'none written',
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
    {
      name: 'only the certificate',
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
    - --tls-cert-file=/var/lib/kubelet/pki/kubelet.crt
`,
      errors: [
        { messageId: 'missing', range: [10, 4, 10, 11] },
      ],
      output: null,
    },
    {
      name: 'empty key path',
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
    - --tls-cert-file=/var/lib/kubelet/pki/kubelet.crt
    - --tls-private-key-file=
`,
      errors: [
        { messageId: 'missing', range: [14, 6, 14, 29] },
      ],
      output: null,
    },
  ],
});
