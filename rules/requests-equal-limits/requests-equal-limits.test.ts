import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'equal, and a limit alone', code: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - name: app
      image: nginx:1.27
      resources: {requests: {cpu: 250m, memory: 256Mi}, limits: {cpu: 250m, memory: 256Mi}}
    - name: side
      image: busybox:1.36
      resources: {limits: {memory: 64Mi}}
` },
  ],
  invalid: [
    {
      name: 'memory limit above the request',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      resources:
        requests:
          cpu: 250m
          memory: 256Mi
        limits:
          cpu: 250m
          memory: 512Mi
`,
      errors: [
        { messageId: 'differ', range: [14, 10, 14, 23] },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      resources:
        requests:
          cpu: 250m
          memory: 256Mi
        limits:
          cpu: 250m
          memory: 256Mi
`,
    },
    {
      name: 'a request without a limit',
      code: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - name: side
      image: busybox:1.36
      resources:
        requests: {memory: 64Mi}
`,
      errors: [
        { messageId: 'noLimit', range: [8, 19, 8, 31] },
      ],
      output: null,
    },
    {
      name: 'ephemeral storage request below its limit',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      resources:
        requests: {memory: 1Gi, ephemeral-storage: 1Gi}
        limits:
          memory: 1Gi
          ephemeral-storage: 2Gi
`,
      errors: [{ messageId: 'storageDiffer', range: [12, 10, 12, 32] }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      resources:
        requests: {memory: 1Gi, ephemeral-storage: 1Gi}
        limits:
          memory: 1Gi
          ephemeral-storage: 1Gi
`,
    },
  ],
});
