import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'EventRateLimit configured in a separate file', code: `apiVersion: apiserver.config.k8s.io/v1
kind: AdmissionConfiguration
plugins:
- name: EventRateLimit
  path: /etc/kubernetes/eventconfig.yaml
` },
    { name: 'EventRateLimit configured inline, older alpha group', code: `apiVersion: apiserver.k8s.io/v1alpha1
kind: AdmissionConfiguration
plugins:
- name: ResourceQuota
  path: quota.yaml
- name: EventRateLimit
  configuration:
    apiVersion: eventratelimit.admission.k8s.io/v1alpha1
    kind: Configuration
    limits:
    - type: Server
      qps: 100
      burst: 200
` },
    { name: 'some other group\'s AdmissionConfiguration kind is not judged', code: `apiVersion: example.com/v1
kind: AdmissionConfiguration
plugins: []
` },
    { name: 'a pod is not judged', code: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: a
    image: nginx:1.27
` },
  ],
  invalid: [
    {
      name: 'other plugins only',
      code: `apiVersion: apiserver.config.k8s.io/v1
kind: AdmissionConfiguration
plugins:
- name: PodSecurity
  path: /etc/kubernetes/podsecurity.yaml
`,
      errors: [{ messageId: 'missing', range: [2, 0, 2, 7] }],
      output: null,
    },
    {
      name: 'no plugins at all: shown on kind',
      code: `apiVersion: apiserver.config.k8s.io/v1
kind: AdmissionConfiguration
`,
      errors: [{ messageId: 'missing', range: [1, 0, 1, 28] }],
      output: null,
    },
  ],
});
