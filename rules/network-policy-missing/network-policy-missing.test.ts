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
    { name: 'a default-deny policy of the namespace covers every pod', code: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec:
  selector: {matchLabels: {app: db}}
  serviceName: db
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: "postgres:16"}]
` },
    { name: 'policy types implied by an egress section', code: `apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: p}}
spec:
  containers: [{name: c, image: "busybox:1.36"}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p}
spec:
  podSelector: {matchLabels: {app: p}}
  egress: []
` },
  ],
  invalid: [
    {
      name: 'selected for one direction only, or not at all; policies of another namespace do not count',
      code: shop,
      errors: [
        { messageId: 'egress', range: [3, 2, 3, 11] },
        { messageId: 'ingress', range: [19, 2, 19, 14] },
        { messageId: 'none', range: [37, 2, 37, 13] },
      ],
      output: null,
    },
  ],
});

describe('network-policy-missing: the message says where it looked', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { lintText, makeRuleSet } = require('../../engine') as typeof import('../../engine');
  const set = makeRuleSet([{ rule, severity: rule.meta.severity, options: {} }]);
  it('names the namespace, or says the workload has none and only its folder was looked at', () => {
    const unplaced = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: p}}\nspec:\n  containers: [{name: c, image: "busybox:1.36"}]\n';
    const msgs = [...lintText(shop, set).findings, ...lintText(unplaced, set).findings].filter((f) => f.messageId === 'none').map((f) => f.message);
    require('node:assert/strict').deepEqual(msgs, [
      'Pod debug: no NetworkPolicy for namespace shop in the scanned manifests selects its pods, so all traffic to and from them is allowed.',
      'Pod p: it has no namespace, and no NetworkPolicy in its folder selects its pods, so all traffic to and from them is allowed.',
    ]);
  });
});
