import rule from '.';
import { ruleTester } from '../../test/rule-tester';

const shop = `apiVersion: apps/v1
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
apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
  namespace: shop
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          labels: {app: report}
        spec:
          restartPolicy: OnFailure
          containers:
            - name: job
              image: busybox:1.36
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
  namespace: shop
  labels: {app: debug}
spec:
  containers:
    - name: sh
      image: busybox:1.36
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-in
  namespace: shop
spec:
  podSelector:
    matchExpressions:
      - {key: tier, operator: In, values: [front]}
  ingress:
    - from:
        - podSelector: {matchLabels: {app: gateway}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: report-out
  namespace: shop
spec:
  podSelector: {matchLabels: {app: report}}
  policyTypes: [Egress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all
  namespace: other
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`;

ruleTester(rule, {
  valid: [
    { name: 'no workload in the scan: nothing to judge', code: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
    - from: [{podSelector: {matchLabels: {app: web}}}]
` },
    { name: 'peer selectors with a namespaceSelector point outside the scan', code: `apiVersion: v1
kind: Pod
metadata: {name: api, labels: {app: api}}
spec:
  containers: [{name: c, image: "busybox:1.36"}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
    - from:
        - namespaceSelector: {matchLabels: {team: edge}}
          podSelector: {matchLabels: {app: gateway}}
` },
  ],
  invalid: [
    {
      name: 'peer selector that matches nothing',
      code: shop,
      errors: [{ messageId: 'peer', range: [56, 10, 56, 52] }],
      output: null,
    },
    {
      name: 'policy for a label no template carries',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: app
          image: nginx:1.27
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
spec:
  podSelector:
    matchLabels:
      app: website
`,
      errors: [{ messageId: 'target', range: [20, 2, 20, 13] }],
      output: null,
    },
  ],
});
