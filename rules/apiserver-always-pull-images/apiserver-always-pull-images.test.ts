import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'enabled', code: `apiVersion: v1
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
    - --enable-admission-plugins=NodeRestriction,AlwaysPullImages
` },
    { name: 'enabled, two elements', code: `apiVersion: v1
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
    - --enable-admission-plugins
    - AlwaysPullImages,NodeRestriction
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
      name: 'not in the enabled list',
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
`,
      errors: [
        { messageId: 'notEnabled', range: [13, 6, 13, 48] },
      ],
      output: null,
    },
    {
      name: 'not in the enabled list, two elements',
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
    - --enable-admission-plugins
    - NodeRestriction
`,
      errors: [
        { messageId: 'notEnabled', range: [14, 6, 14, 21] },
      ],
      output: null,
    },
    {
      name: 'no --enable-admission-plugins',
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
`,
      errors: [
        { messageId: 'notEnabled', range: [10, 4, 10, 11] },
      ],
      output: null,
    },
    {
      name: 'enabled but also disabled',
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
    - --enable-admission-plugins=AlwaysPullImages
    - --disable-admission-plugins=AlwaysPullImages
`,
      errors: [
        { messageId: 'disabled', range: [14, 6, 14, 50] },
      ],
      output: null,
    },
  ],
});
