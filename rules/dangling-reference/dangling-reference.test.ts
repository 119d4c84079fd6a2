import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'default options: Ingress and route backends in a scan without Services live elsewhere', code: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: storefront, port: {number: 80}}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: api, namespace: shop}
spec: {rules: [{backendRefs: [{name: api, port: 8080}]}]}
` },
    { name: 'lone Service, Ingress, HPA and PDB: their targets live elsewhere', code: `apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, maxReplicas: 3}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec: {maxUnavailable: 1, selector: {matchLabels: {app: web}}}
` },
    { name: 'everything resolves; runtime pod labels and ExternalName are fine', code: `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: "postgres:16"}]}
---
apiVersion: v1
kind: Service
metadata: {name: db-0}
spec: {selector: {app: db, statefulset.kubernetes.io/pod-name: db-0}, ports: [{port: 5432}]}
---
apiVersion: v1
kind: Service
metadata: {name: upstream}
spec: {type: ExternalName, externalName: db.example.com, selector: {app: nothing}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: db}
spec:
  defaultBackend: {service: {name: db-0, port: {number: 5432}}}
---
apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata: {name: db}
spec: {scaleTargetRef: {kind: StatefulSet, name: db}, maxReplicas: 3}
` },
    { name: 'lone Gateway API route: its Services live elsewhere', code: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web, namespace: shop}
spec: {rules: [{backendRefs: [{name: web, port: 80}]}]}
` },
    { name: 'route backends resolve; other kinds and groups are not checked', code: `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: data}
spec: {selector: {app: db}, ports: [{port: 5432}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web, namespace: shop}
spec:
  rules:
    - backendRefs:
        - {name: web, port: 80, filters: [{type: RequestMirror, requestMirror: {backendRef: {name: web, port: 80}}}]}
        - {group: multicluster.x-k8s.io, kind: ServiceImport, name: remote, port: 80}
        - {group: "", kind: Service, name: web, port: 80}
      filters:
        - type: RequestMirror
          requestMirror: {backendRef: {kind: Service, name: web, port: 80}}
---
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TCPRoute
metadata: {name: db, namespace: shop}
spec: {rules: [{backendRefs: [{name: db, namespace: data, port: 5432}]}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: GRPCRoute
metadata: {name: api, namespace: shop}
spec: {rules: [{backendRefs: [{kind: Backend, group: gateway.envoyproxy.io, name: ext}]}]}
---
apiVersion: example.com/v1
kind: HTTPRoute
metadata: {name: other, namespace: shop}
spec: {rules: [{backendRefs: [{name: missing}]}]}
` },
  ],
  invalid: [
    {
      name: 'wholeApplication (the all profile): Ingress and route backends in a scan without Services are info',
      code: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: storefront, port: {number: 80}}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: api, namespace: shop}
spec: {rules: [{backendRefs: [{name: api, port: 8080}]}]}
`,
      options: { wholeApplication: true },
      errors: [
        { messageId: 'ingress', range: [10, 32, 10, 48], severity: 'info', message: 'Ingress shop: backend Service "storefront" is not in the scanned manifests.' },
        { messageId: 'route', range: [15, 31, 15, 40], severity: 'info', message: 'HTTPRoute api: backendRef Service "api" is not in the scanned manifests.' },
      ],
      output: null,
    },
    {
      name: 'each kind of dangling reference',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web, tier: front}
    spec:
      containers:
        - name: app
          image: nginx:1.27
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app: website
  ports:
    - port: 80
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  namespace: shop
spec:
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web-svc
                port: {number: 80}
          - path: /old
            pathType: Prefix
            backend:
              serviceName: web
              servicePort: 80
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
  namespace: shop
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: webapp}
  minReplicas: 2
  maxReplicas: 5
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
  namespace: shop
spec:
  maxUnavailable: 1
  selector:
    matchExpressions:
      - {key: tier, operator: In, values: [back]}
`,
      errors: [
        { messageId: 'service', range: [22, 2, 22, 10] },
        { messageId: 'ingress', range: [41, 16, 41, 29] },
        { messageId: 'legacyBackend', range: [46, 14, 46, 30] },
        { messageId: 'hpa', range: [55, 58, 55, 70] },
        { messageId: 'pdb', range: [66, 2, 66, 10] },
      ],
      output: null,
    },
    {
      name: 'Gateway API routes naming missing Services',
      code: `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: web
  namespace: shop
spec:
  rules:
    - backendRefs:
        - name: web
          port: 80
        - name: web-canary
          port: 80
          weight: 10
      filters:
        - type: RequestMirror
          requestMirror:
            backendRef: {name: shadow, port: 80}
---
apiVersion: gateway.networking.k8s.io/v1
kind: GRPCRoute
metadata:
  name: api
  namespace: shop
spec:
  rules:
    - backendRefs:
        - {group: "", kind: Service, name: api, port: 9000}
---
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TCPRoute
metadata:
  name: web
  namespace: shop
spec:
  rules:
    - backendRefs:
        - name: web
          namespace: edge
          port: 80
---
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: UDPRoute
metadata: {name: dns, namespace: shop}
spec: {rules: [{backendRefs: [{name: dns, port: 53}]}]}
---
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TLSRoute
metadata:
  name: tls
  namespace: edge
spec:
  rules:
    - backendRefs:
        - name: web
          port: 443
        - name: backend
          namespace: data
          port: 443
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: data}
spec: {selector: {app: db}, ports: [{port: 5432}]}
`,
      errors: [
        { messageId: 'route', range: [19, 10, 19, 26] },
        { messageId: 'route', range: [25, 25, 25, 37] },
        { messageId: 'route', range: [35, 37, 35, 46] },
        { messageId: 'route', range: [45, 10, 45, 19] },
        { messageId: 'route', range: [52, 31, 52, 40] },
        { messageId: 'route', range: [62, 10, 62, 19] },
        { messageId: 'route', range: [64, 10, 64, 23] },
      ],
      output: null,
    },
  ],
});
