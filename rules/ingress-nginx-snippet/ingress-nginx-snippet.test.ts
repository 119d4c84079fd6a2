import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'other annotations and a locked-down ConfigMap', code: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    nginx.ingress.kubernetes.io/rewrite-target: /
    example.com/server-snippet: "not nginx"
spec: {ingressClassName: nginx}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: ingress-nginx-controller}
data:
  allow-snippet-annotations: "false"
` },
  ],
  invalid: [
    {
      name: 'snippet annotations, block and flow, and the controller switch',
      code: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    nginx.ingress.kubernetes.io/rewrite-target: /
    nginx.ingress.kubernetes.io/server-snippet: |
      location /admin { deny all; }
    nginx.ingress.kubernetes.io/configuration-snippet: "more_set_headers 'X: y';"
spec:
  ingressClassName: nginx
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ingress-nginx-controller
  namespace: ingress-nginx
data:
  allow-snippet-annotations: "true"
  use-forwarded-headers: "true"
`,
      errors: [
        { messageId: 'snippet', range: [6, 4, 8, 0] },
        { messageId: 'snippet', range: [8, 4, 8, 81] },
        { messageId: 'allowSnippets', range: [18, 2, 18, 35] },
      ],
      output: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    nginx.ingress.kubernetes.io/rewrite-target: /
spec:
  ingressClassName: nginx
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ingress-nginx-controller
  namespace: ingress-nginx
data:
  allow-snippet-annotations: "false"
  use-forwarded-headers: "true"
`,
    },
  ],
});
