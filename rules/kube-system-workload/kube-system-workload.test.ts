import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'own namespace', code: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: log-shipper, namespace: logging}
spec:
  template:
    spec:
      containers: [{name: shipper, image: "fluent/fluent-bit:3.0"}]
` },
  ],
  invalid: [
    {
      name: 'DaemonSet in kube-system',
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: log-shipper
  namespace: kube-system
spec:
  template:
    spec:
      containers:
        - name: shipper
          image: fluent/fluent-bit:3.0
`,
      errors: [
        { messageId: 'kubeSystem', range: [4, 2, 4, 24] },
      ],
      output: null,
    },
  ],
});
