import rule from '.';
import { ruleTester } from '../../test/rule-tester';

const sts = (service: string, app = 'db') => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: ${service}
  template:
    metadata:
      labels: {app: ${app}}
    spec:
      containers: [{name: db, image: "postgres:16"}]
`;

ruleTester(rule, {
  valid: [
    { name: 'headless and selecting', code: `apiVersion: v1
kind: Service
metadata: {name: db}
spec: {clusterIP: None, selector: {app: db}}
---
${sts('db')}` },
    { name: 'no Service in the scan', code: sts('db') },
  ],
  invalid: [
    {
      name: 'missing, not headless, other pods',
      code: `apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}}
---
${sts('db-headless')}---
apiVersion: v1
kind: Service
metadata: {name: cache}
spec: {clusterIP: None, selector: {app: other}}
---
${sts('cache').replace('name: db\n', 'name: cache\n')}---
${sts('web').replace('name: db\n', 'name: web2\n')}`,
      errors: [
        { messageId: 'missing', range: [10, 2, 10, 26] },
        { messageId: 'selector', range: [27, 2, 27, 20] },
        { messageId: 'notHeadless', range: [39, 2, 39, 18] },
      ],
      output: null,
    },
  ],
});
