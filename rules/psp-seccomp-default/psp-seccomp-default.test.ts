import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'runtime/default, docker/default, a localhost profile', code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: a
  annotations:
    seccomp.security.alpha.kubernetes.io/defaultProfileName: runtime/default
spec: {}
---
apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: b
  annotations:
    seccomp.security.alpha.kubernetes.io/allowedProfileNames: docker/default
    seccomp.security.alpha.kubernetes.io/defaultProfileName: docker/default
spec: {}
---
apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: c
  annotations:
    seccomp.security.alpha.kubernetes.io/defaultProfileName: localhost/profiles/audit.json
spec: {}
` },
  ],
  invalid: [
    {
      name: 'no annotations',
      code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
spec:
  privileged: false
`,
      errors: [{ messageId: 'missing', range: [2, 0, 2, 8] }],
      output: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
  annotations:
    seccomp.security.alpha.kubernetes.io/defaultProfileName: runtime/default
spec:
  privileged: false
`,
    },
    {
      name: 'unconfined default',
      code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
  annotations:
    seccomp.security.alpha.kubernetes.io/defaultProfileName: unconfined
spec: {}
`,
      errors: [{ messageId: 'unconfined', range: [5, 4, 5, 71] }],
      output: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
  annotations:
    seccomp.security.alpha.kubernetes.io/defaultProfileName: runtime/default
spec: {}
`,
    },
    {
      name: 'only an allow-list: no fix, the default must be one of the allowed profiles',
      code: `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: legacy
  annotations:
    seccomp.security.alpha.kubernetes.io/allowedProfileNames: '*'
spec: {}
`,
      errors: [{ messageId: 'missing', range: [4, 2, 4, 13] }],
      output: null,
    },
  ],
});
