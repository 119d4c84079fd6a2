import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'NetworkPolicy in the namespace', code: `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
` },
    { name: 'policy first, in a List', code: `apiVersion: v1
kind: List
items:
  - apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: {name: deny, namespace: shop}
    spec: {podSelector: {}}
  - apiVersion: v1
    kind: Namespace
    metadata: {name: shop}
` },
    { name: 'CiliumNetworkPolicy in the namespace', code: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: deny
  namespace: shop
spec:
  endpointSelector: {}
  ingress: [{}]
` },
    { name: 'a CiliumClusterwideNetworkPolicy counts for every namespace', code: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: Namespace
metadata:
  name: billing
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata:
  name: deny-all
spec:
  endpointSelector: {}
  ingress: [{}]
` },
    { name: 'kube-* namespaces are skipped', code: `apiVersion: v1
kind: Namespace
metadata:
  name: kube-system
` },
    { name: 'no Namespace object: nothing to judge', code: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {}}
` },
  ],
  invalid: [
    {
      name: 'lone Namespace',
      code: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    team: web
`,
      errors: [{ messageId: 'none', range: [3, 2, 3, 12] }],
      output: null,
    },
    {
      name: 'default is judged',
      code: `apiVersion: v1
kind: Namespace
metadata: {name: default}
`,
      errors: [{ messageId: 'none', range: [2, 11, 2, 24] }],
      output: null,
    },
    {
      name: 'policy in another namespace, or without one, does not count',
      code: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny
  namespace: billing
spec:
  podSelector: {}
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: deny
spec:
  endpointSelector: {}
---
apiVersion: v1
kind: Namespace
metadata:
  name: billing
`,
      errors: [{ messageId: 'none', range: [3, 2, 3, 12] }],
      output: null,
    },
    {
      name: 'each namespace is judged on its own',
      code: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: Namespace
metadata:
  name: batch
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny
  namespace: batch
spec:
  podSelector: {}
  policyTypes: [Ingress]
---
apiVersion: v1
kind: Namespace
metadata:
  name: "web"
`,
      errors: [
        { messageId: 'none', range: [3, 2, 3, 12] },
        { messageId: 'none', range: [22, 2, 22, 13] },
      ],
      output: null,
    },
  ],
});
