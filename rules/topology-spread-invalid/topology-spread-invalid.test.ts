import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'well-formed; minDomains with DoNotSchedule', code: `apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec:
  topologySpreadConstraints:
    - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: web}}}
    - {maxSkew: 2, minDomains: 3, topologyKey: node, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}
  containers: [{name: app, image: "nginx:1.27"}]
` },
  ],
  invalid: [
    {
      name: 'every kind of mistake',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      topologySpreadConstraints:
        - maxSkew: 0
          topologyKey: zone
          whenUnsatisfiable: DoNotSchedule
          labelSelector: {matchLabels: {app: web}}
        - maxSkew: 1
          minDomains: 2
          whenUnsatisfiable: Sometimes
          labelSelector: {matchLabels: {app: web}}
        - maxSkew: 1
          topologyKey: node
          whenUnsatisfiable: ScheduleAnyway
      containers: [{name: app, image: "nginx:1.27"}]
`,
      errors: [
        { messageId: 'maxSkew', range: [8, 10, 8, 20] },
        { messageId: 'topologyKey', range: [12, 10, 12, 17] },
        { messageId: 'minDomains', range: [13, 10, 13, 23] },
        { messageId: 'whenUnsatisfiable', range: [14, 10, 14, 38] },
        { messageId: 'labelSelector', range: [16, 10, 16, 17] },
      ],
      output: null,
    },
  ],
});
