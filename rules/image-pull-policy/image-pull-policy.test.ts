import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'Always, latest and untagged (default Always), digest', code: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - {name: a, image: "nginx:1.27", imagePullPolicy: Always}
    - {name: b, image: "nginx:latest"}
    - {name: c, image: "registry.example.com:5000/team/app"}
    - {name: d, image: "nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31"}
` },
  ],
  invalid: [
    {
      name: 'default IfNotPresent for a tagged image, and written out',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: init
      image: busybox:1.36
  containers:
    - name: app
      image: nginx:1.27
      imagePullPolicy: IfNotPresent
    - name: side
      image: envoyproxy/envoy
`,
      errors: [
        { messageId: 'policy', range: [6, 6, 6, 16] },
        { messageId: 'policy', range: [11, 6, 11, 35] },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: init
      image: busybox:1.36
      imagePullPolicy: Always
  containers:
    - name: app
      image: nginx:1.27
      imagePullPolicy: Always
    - name: side
      image: envoyproxy/envoy
`,
    },
  ],
});
