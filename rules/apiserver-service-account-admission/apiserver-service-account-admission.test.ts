import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'on by default', code: `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: kube-apiserver
    image: registry.k8s.io/kube-apiserver:v1.31.2
    command:
    - kube-apiserver
    - --advertise-address=10.0.0.10
` },
    { name: 'another plugin enabled, this one on by default', code: `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: kube-apiserver
    image: registry.k8s.io/kube-apiserver:v1.31.2
    command:
    - kube-apiserver
    - --advertise-address=10.0.0.10
    - --enable-admission-plugins=NodeRestriction
` },
    { name: 'another plugin disabled', code: `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: kube-apiserver
    image: registry.k8s.io/kube-apiserver:v1.31.2
    command:
    - kube-apiserver
    - --advertise-address=10.0.0.10
    - --disable-admission-plugins=DefaultStorageClass
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
      name: 'disabled',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: kube-apiserver
    image: registry.k8s.io/kube-apiserver:v1.31.2
    command:
    - kube-apiserver
    - --advertise-address=10.0.0.10
    - --disable-admission-plugins=ServiceAccount
`,
      errors: [
        { messageId: 'disabled', range: [13, 6, 13, 48] },
      ],
      output: null,
    },
    {
      name: 'disabled among others',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: kube-apiserver
    image: registry.k8s.io/kube-apiserver:v1.31.2
    command:
    - kube-apiserver
    - --advertise-address=10.0.0.10
    - --enable-admission-plugins=NodeRestriction
    - --disable-admission-plugins=DefaultStorageClass,ServiceAccount
`,
      errors: [
        { messageId: 'disabled', range: [14, 6, 14, 68] },
      ],
      output: null,
    },
    {
      name: 'the legacy --admission-control list replaces the defaults and omits it',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: kube-apiserver
    image: registry.k8s.io/kube-apiserver:v1.31.2
    command:
    - kube-apiserver
    - --advertise-address=10.0.0.10
    - --admission-control=NodeRestriction
`,
      errors: [
        { messageId: 'notEnabled', range: [13, 6, 13, 41] },
      ],
      output: null,
    },
  ],
});
