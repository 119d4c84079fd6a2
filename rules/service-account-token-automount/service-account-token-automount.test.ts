import * as assert from 'node:assert/strict';
import rule from '.';
import { lintDocument, makeRuleSet, objectsOf, parseManifest } from '../../engine';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'pod spec turns mounting off', code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  automountServiceAccountToken: false
  containers:
    - name: app
      image: nginx:1.27
` },
    { name: 'YAML 1.1 "no" is false (Deployment)', code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      automountServiceAccountToken: no
      containers:
        - name: app
          image: nginx:1.27
` },
    { name: 'inherited from the ServiceAccount in another document of the file', code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      serviceAccountName: web
      containers:
        - name: app
          image: nginx:1.27
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
  namespace: shop
automountServiceAccountToken: false
` },
    { name: 'ServiceAccount without a namespace can share the pod\'s; deprecated serviceAccount field', code: `apiVersion: v1
kind: ServiceAccount
metadata: {name: worker}
automountServiceAccountToken: false
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: worker, namespace: jobs}
spec:
  template:
    spec:
      serviceAccount: worker
      containers: [{name: w, image: "worker:2.1"}]
` },
    { name: 'the default ServiceAccount turns mounting off', code: `apiVersion: v1
kind: ServiceAccount
metadata: {name: default}
automountServiceAccountToken: false
---
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers: [{name: app, image: "nginx:1.27"}]
` },
    { name: 'CronJob pod spec', code: `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          automountServiceAccountToken: false
          restartPolicy: Never
          containers: [{name: job, image: "busybox:1.36"}]
` },
    { name: 'JSON manifest', code: `{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {"name": "web"},
  "spec": {"automountServiceAccountToken": false, "containers": [{"name": "app", "image": "nginx:1.27"}]}
}
` },
    { name: 'kind: List with the ServiceAccount as an item (YAML 1.1 "off")', code: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ServiceAccount
    metadata: {name: api}
    automountServiceAccountToken: off
  - apiVersion: v1
    kind: Pod
    metadata: {name: api}
    spec:
      serviceAccountName: api
      containers: [{name: app, image: "api:1.0"}]
` },
    { name: 'a ServiceAccount alone is not flagged', code: `apiVersion: v1
kind: ServiceAccount
metadata: {name: api}
` },
  ],
  invalid: [
    {
      name: 'pod spec turns mounting on',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  automountServiceAccountToken: true # the app lists pods
  containers:
    - name: app
      image: nginx:1.27
`,
      errors: [{ messageId: 'enabled', range: [5, 2, 5, 36], severity: 'info' }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  automountServiceAccountToken: false # the app lists pods
  containers:
    - name: app
      image: nginx:1.27
`,
    },
    {
      name: 'unset in a Deployment with no ServiceAccount in the file',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: app
          image: nginx:1.27
`,
      errors: [{ messageId: 'notDisabled', range: [9, 4, 9, 8] }],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: app
          image: nginx:1.27
      automountServiceAccountToken: false
`,
    },
    {
      name: 'CronJob whose ServiceAccount (deprecated field) mounts the token',
      code: `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          serviceAccount: reports
          restartPolicy: Never
          containers:
            - name: job
              image: busybox:1.36
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: reports}
automountServiceAccountToken: true
`,
      errors: [{ messageId: 'serviceAccountEnabled', range: [8, 8, 8, 12] }],
      output: `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          serviceAccount: reports
          restartPolicy: Never
          containers:
            - name: job
              image: busybox:1.36
          automountServiceAccountToken: false
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: reports}
automountServiceAccountToken: true
`,
    },
    {
      name: 'the pod\'s true overrides the ServiceAccount\'s false',
      code: `apiVersion: v1
kind: ServiceAccount
metadata: {name: api}
automountServiceAccountToken: false
---
apiVersion: v1
kind: Pod
metadata: {name: api}
spec:
  serviceAccountName: api
  automountServiceAccountToken: yes
  containers: [{name: app, image: "api:1.0"}]
`,
      errors: [{ messageId: 'enabled', range: [10, 2, 10, 35], severity: 'info', message: 'Pod api explicitly sets automountServiceAccountToken: true (overriding its ServiceAccount\'s false), so every container gets the API token of service account "api"; keep it only if the workload calls the Kubernetes API.' }],
      output: `apiVersion: v1
kind: ServiceAccount
metadata: {name: api}
automountServiceAccountToken: false
---
apiVersion: v1
kind: Pod
metadata: {name: api}
spec:
  serviceAccountName: api
  automountServiceAccountToken: false
  containers: [{name: app, image: "api:1.0"}]
`,
    },
    {
      name: 'a ServiceAccount of the same name in another namespace does not count',
      code: `apiVersion: v1
kind: ServiceAccount
metadata: {name: api, namespace: staging}
automountServiceAccountToken: false
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: prod}
spec:
  serviceAccountName: api
  containers: [{name: app, image: "api:1.0"}]
`,
      errors: [{ messageId: 'notDisabled', range: [8, 0, 8, 4] }],
      output: `apiVersion: v1
kind: ServiceAccount
metadata: {name: api, namespace: staging}
automountServiceAccountToken: false
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: prod}
spec:
  serviceAccountName: api
  containers: [{name: app, image: "api:1.0"}]
  automountServiceAccountToken: false
`,
    },
    {
      name: 'JSON manifest',
      code: `{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {"name": "web"},
  "spec": {
    "automountServiceAccountToken": true,
    "containers": [{"name": "app", "image": "nginx:1.27"}]
  }
}
`,
      errors: [{ messageId: 'enabled', range: [5, 4, 5, 40] }],
      output: `{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {"name": "web"},
  "spec": {
    "automountServiceAccountToken": false,
    "containers": [{"name": "app", "image": "nginx:1.27"}]
  }
}
`,
    },
    {
      name: 'kind: List whose ServiceAccount item says yes',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ServiceAccount
    metadata: {name: api, namespace: shop}
    automountServiceAccountToken: yes
  - apiVersion: v1
    kind: Pod
    metadata: {name: api, namespace: shop}
    spec:
      serviceAccountName: api
      containers: [{name: app, image: "api:1.0"}]
`,
      errors: [{ messageId: 'serviceAccountEnabled', range: [10, 4, 10, 8] }],
      output: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ServiceAccount
    metadata: {name: api, namespace: shop}
    automountServiceAccountToken: yes
  - apiVersion: v1
    kind: Pod
    metadata: {name: api, namespace: shop}
    spec:
      serviceAccountName: api
      containers: [{name: app, image: "api:1.0"}]
      automountServiceAccountToken: false
`,
    },
    {
      name: 'anchored pod spec shared by alias; a merge key that overrides is fine',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: a}
    spec: &spec
      automountServiceAccountToken: on
      containers: [{name: app, image: "nginx:1.27"}]
  - apiVersion: v1
    kind: Pod
    metadata: {name: b}
    spec:
      <<: *spec
      automountServiceAccountToken: false
  - apiVersion: v1
    kind: Pod
    metadata: {name: c}
    spec: *spec
`,
      errors: [
        { messageId: 'enabled', range: [7, 6, 7, 38] },
        { messageId: 'enabled', range: [7, 6, 7, 38] },
      ],
      output: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: a}
    spec: &spec
      automountServiceAccountToken: false
      containers: [{name: app, image: "nginx:1.27"}]
  - apiVersion: v1
    kind: Pod
    metadata: {name: b}
    spec:
      <<: *spec
      automountServiceAccountToken: false
  - apiVersion: v1
    kind: Pod
    metadata: {name: c}
    spec: *spec
`,
    },
  ],
});

/** A workspace scan: every object of every file is visible, each knowing its file. */
function scan(files: Record<string, string>): string[] {
  const set = makeRuleSet([{ rule, severity: rule.meta.severity, options: {} }]);
  const parsed = Object.entries(files).map(([file, text]) => ({ file, parsed: parseManifest(text, { kinds: set.kinds, lazy: set.lazy }) }));
  const all = parsed.flatMap(({ file, parsed: p }) => p.docs.flatMap((pd) => objectsOf(pd, file)));
  return parsed.flatMap(({ file, parsed: p }) => p.docs.flatMap((pd) => lintDocument(p, pd, set, all).map((f) => `${file}:${f.messageId}`)));
}

describe('rule service-account-token-automount — ServiceAccounts across a workspace scan', () => {
  const pod = (ns: string) => `apiVersion: v1
kind: Pod
metadata: {name: api${ns ? `, namespace: ${ns}` : ''}}
spec:
  serviceAccountName: api
  containers: [{name: app, image: "api:1.0"}]
`;
  const account = (ns: string) => `apiVersion: v1
kind: ServiceAccount
metadata: {name: api${ns ? `, namespace: ${ns}` : ''}}
automountServiceAccountToken: false
`;
  it('an unplaced ServiceAccount in the same folder is the pod\'s', () => {
    assert.deepEqual(scan({ 'apps/api/pod.yaml': pod(''), 'apps/api/sa.yaml': account('') }), []);
  });
  it('an unplaced ServiceAccount of the same name in another folder is not', () => {
    assert.deepEqual(scan({ 'apps/api/pod.yaml': pod(''), 'apps/other/sa.yaml': account('') }), ['apps/api/pod.yaml:notDisabled']);
  });
  it('written namespaces decide wherever the files are', () => {
    assert.deepEqual(scan({ 'a/pod.yaml': pod('shop'), 'b/sa.yaml': account('shop') }), []);
    assert.deepEqual(scan({ 'a/pod.yaml': pod('shop'), 'a/sa.yaml': account('prod') }), ['a/pod.yaml:notDisabled']);
  });
});
