import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "high ids and unset ids", code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsUser: 10001
    runAsGroup: 10001
  containers:
    - name: app
      image: nginx:1.27
    - name: tools
      image: busybox:1.36
      securityContext: {runAsUser: 20000}
` },
    { name: "a lower threshold by option", code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext: {runAsUser: 1000, runAsGroup: 1000}
  containers:
    - name: app
      image: nginx:1.27
`, options: {"minId":1000} },
  ],
  invalid: [
    {
      name: "pod-level ids reported once for all containers, container override reported on its own",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      securityContext:
        runAsUser: 1000
        runAsGroup: 1000
      initContainers:
        - name: init
          image: busybox:1.36
      containers:
        - name: app
          image: nginx:1.27
        - name: side
          image: envoy:1.30
          securityContext:
            runAsUser: 101
`,
      errors: [
        { messageId: 'runAsUser', range: [8, 8, 8, 23] },
        { messageId: 'runAsGroup', range: [9, 8, 9, 24] },
        { messageId: 'runAsUser', range: [19, 12, 19, 26] },
      ],
      output: null,
    },
    {
      name: "root ids count as low ids",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: {runAsUser: 15000, runAsGroup: 0}
`,
      errors: [
        { messageId: 'runAsGroup', range: [8, 42, 8, 55] },
      ],
      output: null,
    },
  ],
});
