import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'every host listed, and a tls entry without hosts', code: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop}
spec:
  tls:
    - hosts: [shop.example.com]
      secretName: shop-tls
  rules:
    - host: shop.example.com
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: default-cert}
spec:
  tls:
    - {}
  rules:
    - host: other.example.com
` },
  ],
  invalid: [
    {
      name: 'no tls section; hosts outside the wildcard certificate',
      code: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: web, port: {number: 80}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: multi
spec:
  tls:
    - hosts: ["*.example.com"]
      secretName: wildcard-cert
  rules:
    - host: api.example.com
    - host: deep.api.example.com
    - host: example.org
`,
      errors: [
        { messageId: 'noTls', range: [4, 0, 4, 4] },
        { messageId: 'hostNotCovered', range: [23, 6, 23, 32] },
        { messageId: 'hostNotCovered', range: [24, 6, 24, 23] },
      ],
      output: null,
    },
  ],
});
