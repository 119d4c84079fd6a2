import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'exact hosts and a subdomain wildcard', code: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop}
spec:
  rules:
    - host: shop.example.com
    - host: "*.shop.example.com"
` },
  ],
  invalid: [
    {
      name: 'no host, and a bare star',
      code: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: catch-all
spec:
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: web, port: {number: 80}}}
    - host: "*"
    - host: "*.example.com"
`,
      errors: [
        { messageId: 'emptyHost', range: [6, 6, 6, 10] },
        { messageId: 'wildcardHost', range: [11, 6, 11, 15] },
      ],
      output: null,
    },
  ],
});
