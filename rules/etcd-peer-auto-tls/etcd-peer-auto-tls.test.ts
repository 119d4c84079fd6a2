import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: '--peer-auto-tls=false', code: `apiVersion: v1
kind: Pod
metadata:
  name: etcd
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: etcd
    image: registry.k8s.io/etcd:3.5.15-0
    command:
    - etcd
    - --data-dir=/var/lib/etcd
    - --peer-auto-tls=false
` },
    { name: '--peer-auto-tls not written (defaults to false)', code: `apiVersion: v1
kind: Pod
metadata:
  name: etcd
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: etcd
    image: registry.k8s.io/etcd:3.5.15-0
    command:
    - etcd
    - --data-dir=/var/lib/etcd
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
    { name: 'another component (kube-apiserver) is not judged by this rule', code: `apiVersion: v1
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
  ],
  invalid: [
    {
      name: '--peer-auto-tls=true',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: etcd
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: etcd
    image: registry.k8s.io/etcd:3.5.15-0
    command:
    - etcd
    - --data-dir=/var/lib/etcd
    - --peer-auto-tls=true
`,
      errors: [
        { messageId: 'wrong', range: [13, 6, 13, 26] },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: etcd
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: etcd
    image: registry.k8s.io/etcd:3.5.15-0
    command:
    - etcd
    - --data-dir=/var/lib/etcd
    - --peer-auto-tls=false
`,
    },
    {
      name: 'bare --peer-auto-tls means true',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: etcd
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: etcd
    image: registry.k8s.io/etcd:3.5.15-0
    command:
    - etcd
    - --data-dir=/var/lib/etcd
    - --peer-auto-tls
`,
      errors: [
        { messageId: 'wrong', range: [13, 6, 13, 21] },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: etcd
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: etcd
    image: registry.k8s.io/etcd:3.5.15-0
    command:
    - etcd
    - --data-dir=/var/lib/etcd
    - --peer-auto-tls=false
`,
    },
    {
      name: 'the last --peer-auto-tls wins',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: etcd
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: etcd
    image: registry.k8s.io/etcd:3.5.15-0
    command:
    - etcd
    - --data-dir=/var/lib/etcd
    - --peer-auto-tls=false
    - --peer-auto-tls=true
`,
      errors: [
        { messageId: 'wrong', range: [14, 6, 14, 26] },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: etcd
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: etcd
    image: registry.k8s.io/etcd:3.5.15-0
    command:
    - etcd
    - --data-dir=/var/lib/etcd
    - --peer-auto-tls=false
    - --peer-auto-tls=false
`,
    },
  ],
});
