import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'fixed versions, other images, no version', code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - {name: a, image: "registry.k8s.io/ingress-nginx/controller:v1.12.1"}
    - {name: b, image: "grafana/grafana:8.3.1"}
    - {name: c, image: "quay.io/argoproj/argocd:v2.2.4"}
    - {name: d, image: "ghcr.io/kyverno/kyverno:v1.8.5"}
    - {name: e, image: "grafana/grafana:latest"}
    - {name: f, image: "example.com/grafana/grafana:8.2.6"}
` },
  ],
  invalid: [
    {
      name: 'ingress-nginx by digest and tag, Grafana, Argo CD',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ingress-nginx-controller
spec:
  template:
    spec:
      containers:
        - name: controller
          image: registry.k8s.io/ingress-nginx/controller:v1.11.3@sha256:d56f135b6462cfc476447cfe564b83a45e8bb7da2774963b00d12161112270b7
        - name: grafana
          image: grafana/grafana:8.2.6
        - name: argocd
          image: quay.io/argoproj/argocd:v2.2.3
`,
      errors: [
        { messageId: 'vulnerable', range: [9, 10, 9, 137] },
        { messageId: 'vulnerable', range: [11, 10, 11, 38] },
        { messageId: 'vulnerable', range: [13, 10, 13, 47] },
      ],
      output: null,
    },
  ],
});
