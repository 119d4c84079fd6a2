import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'by labels; by namespace only; alone in the scan', code: `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop, labels: {app.kubernetes.io/name: web}}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: a, namespace: shop}
spec: {selector: {matchLabels: {app.kubernetes.io/name: web}}}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: b, namespace: monitoring}
spec: {namespaceSelector: {matchNames: [shop]}}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: c, namespace: monitoring}
spec: {namespaceSelector: {matchNames: [kube-system]}, selector: {matchLabels: {k8s-app: kubelet}}}
` },
  ],
  invalid: [
    {
      name: 'pod labels instead of Service labels; watching the right namespace for the wrong labels',
      code: `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
  labels: {app.kubernetes.io/name: web}
spec:
  selector: {app: web}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: other
  namespace: monitoring
spec:
  namespaceSelector: {matchNames: [shop]}
  selector: {matchLabels: {app.kubernetes.io/name: api}}
`,
      errors: [
        { messageId: 'unmatched', range: [15, 2, 15, 10] },
        { messageId: 'unmatched', range: [25, 2, 25, 56] },
      ],
      output: null,
    },
  ],
});
