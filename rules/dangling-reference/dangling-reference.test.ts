import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
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
  ],
  invalid: [
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
  ],
});
