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
        { messageId: 'events', range: [6, 16, 6, 24], message: 'ClusterRole janitor: rule 1 can delete events, erasing the record of what happened.' },
        { messageId: 'logs', range: [9, 16, 9, 26], message: 'ClusterRole janitor: rule 2 can delete pod logs, erasing the record of what happened.' },
        { messageId: 'collections', range: [13, 12, 13, 30], message: 'ClusterRole janitor: rule 3 grants deletecollection on every resource, wiping a namespace in one call.' },
      ],
      output: null,
    },
  ],
});
