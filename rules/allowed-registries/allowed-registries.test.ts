import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'no registries configured: the rule is off', code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      initContainers:
        - name: init
          image: busybox:1.36
      containers:
        - name: app
          image: registry.example.com/team/web:1.4
        - name: proxy
          image: ghcr.io/other/proxy:2.0
        - name: tools
          image: ghcr.io/acme/tools:3.1
` },
    { name: 'every image under an allowed prefix, Docker Hub short names included', code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - {name: a, image: "registry.example.com/team/web:1.4"}
    - {name: b, image: "nginx:1.27"}
    - {name: c, image: "docker.io/library/redis:7"}
`, options: { registries: ['registry.example.com', 'docker.io/library'] } },
  ],
  invalid: [
    {
      name: 'other registry, other organisation, Docker Hub',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      initContainers:
        - name: init
          image: busybox:1.36
      containers:
        - name: app
          image: registry.example.com/team/web:1.4
        - name: proxy
          image: ghcr.io/other/proxy:2.0
        - name: tools
          image: ghcr.io/acme/tools:3.1
`,
      errors: [
        { messageId: 'registry', range: [9, 10, 9, 29] },
        { messageId: 'registry', range: [14, 10, 14, 40] },
      ],
      output: null,
      options: { registries: ['registry.example.com', 'ghcr.io/acme'] },
    },
  ],
});
