import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'pod and external addresses', code: `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: ok}
addressType: IPv4
endpoints:
  - addresses: ["10.0.0.5", "192.168.1.20"]
---
apiVersion: v1
kind: Endpoints
metadata: {name: ok}
subsets:
  - addresses: [{ip: "2001:db8::1"}]
` },
  ],
  invalid: [
    {
      name: 'loopback and link-local, EndpointSlice and Endpoints',
      code: `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: hijack
addressType: IPv4
endpoints:
  - addresses: ["10.0.0.5", "127.0.0.1"]
  - addresses:
      - 169.254.169.254
ports:
  - port: 80
---
apiVersion: v1
kind: Endpoints
metadata:
  name: legacy
subsets:
  - addresses:
      - ip: 10.1.2.3
      - ip: "::1"
    ports: [{port: 80}]
`,
      errors: [
        { messageId: 'address', range: [6, 28, 6, 39] },
        { messageId: 'address', range: [8, 8, 8, 23] },
        { messageId: 'address', range: [19, 8, 19, 17] },
      ],
      output: null,
    },
  ],
});
