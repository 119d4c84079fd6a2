import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: cleaner}
rules:
  - apiGroups: ["apps"]
    resources: ["deployments", "replicasets"]
    verbs: ["delete", "deletecollection"]
  - apiGroups: [""]
    resources: ["events"]
    verbs: ["get", "list", "watch", "create"]
`,
  ],
  invalid: [
    {
      name: 'events, pod logs and every collection',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: janitor
rules:
  - apiGroups: ["", "events.k8s.io"]
    resources: ["events"]
    verbs: ["list", "delete"]
  - apiGroups: [""]
    resources: ["pods/log"]
    verbs: ["deletecollection"]
  - apiGroups: ["*"]
    resources: ["*"]
    verbs: ["deletecollection"]
  - apiGroups: ["apps"]
    resources: ["deployments"]
    verbs: ["delete"]
`,
      errors: [
        { messageId: 'events', range: [7, 4, 7, 29] },
        { messageId: 'logs', range: [10, 4, 10, 31] },
        { messageId: 'collections', range: [13, 4, 13, 31] },
      ],
      output: null,
    },
  ],
});
