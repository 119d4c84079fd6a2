import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: viewer, namespace: dev}
rules:
  - apiGroups: [""]
    resources: ["pods", "pods/log", "pods/exec"]
    verbs: ["list", "watch"]
`,
    { name: 'Kubernetes default roles are not judged', code: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: admin}
rules:
  - apiGroups: [""]
    resources: ["pods/exec"]
    verbs: ["create"]
` },
  ],
  invalid: [
    {
      name: 'exec and port-forward, and attach through a subresource wildcard',
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: debugger
  namespace: dev
rules:
  - apiGroups: [""]
    resources: ["pods", "pods/log"]
    verbs: ["get", "list"]
  - apiGroups: [""]
    resources: ["pods/exec", "pods/portforward"]
    verbs: ["create"]
  - apiGroups: ["*"]
    resources: ["*/attach"]
    verbs: ["get"]
`,
      errors: [{ messageId: 'exec', range: [11, 4, 11, 21] }, { messageId: 'exec', range: [14, 4, 14, 18] }],
      output: null,
    },
  ],
});
