import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: '--audit-log-maxbackup=10', code: `apiVersion: v1
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
    - --audit-log-maxbackup=10
` },
    { name: '--audit-log-maxbackup=30', code: `apiVersion: v1
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
    - --audit-log-maxbackup=30
` },
    { name: 'audit log written to standard output: no files to keep', code: `apiVersion: v1
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
    - --audit-log-path=-
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
      name: '--audit-log-maxbackup=3',
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
    - --audit-log-maxbackup=3
`,
      errors: [
        { messageId: 'wrong', range: [13, 6, 13, 29] },
      ],
      output: null,
    },
    {
      name: '--audit-log-maxbackup 3 (two elements)',
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
    - --audit-log-maxbackup
    - "3"
`,
      errors: [
        { messageId: 'wrong', range: [14, 6, 14, 9] },
      ],
      output: null,
    },
    {
      name: '--audit-log-maxbackup not a number',
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
    - --audit-log-maxbackup=thirty
`,
      errors: [
        { messageId: 'wrong', range: [13, 6, 13, 34] },
      ],
      output: null,
    },
    {
      name: '--audit-log-maxbackup=0 keeps without limit',
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
    - --audit-log-path=/var/log/kubernetes/audit.log
    - --audit-log-maxbackup=0
`,
      errors: [
        { messageId: 'unlimited', range: [14, 6, 14, 29], message: 'Pod kube-apiserver: kube-apiserver in container "kube-apiserver" sets --audit-log-maxbackup=0, so the number of rotated audit files kept is unlimited; set it to at least 10.' },
      ],
      output: null,
    },
    {
      name: '--audit-log-maxbackup not written, audit log to a file',
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
    - --audit-log-path=/var/log/kubernetes/audit.log
`,
      errors: [
        { messageId: 'missing', range: [10, 4, 10, 11], message: 'Pod kube-apiserver: kube-apiserver in container "kube-apiserver" does not set --audit-log-maxbackup, so the number of rotated audit files kept is unlimited; set it to at least 10.' },
      ],
      output: null,
    },
    {
      name: '--audit-log-maxbackup not written, no audit log path either',
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
        { messageId: 'missing', range: [10, 4, 10, 11] },
      ],
      output: null,
    },
  ],
});
