import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'git-sync with its own git; other flags; --git on another program', code: `apiVersion: v1
kind: Pod
metadata: {name: docs}
spec:
  containers:
    - name: git-sync
      image: registry.k8s.io/git-sync/git-sync:v4.2.4
      args: ["--repo=https://github.com/example/docs", "--git-config=safe.directory:*", "--root=/git"]
      env:
        - {name: GITSYNC_PERIOD, value: 60s}
    - name: tool
      image: example.com/release-tool:1.0
      args: ["--git=/usr/bin/git"]
` },
  ],
  invalid: [
    {
      name: 'GITSYNC_GIT in a sidecar of a Deployment',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: airflow-scheduler
spec:
  selector: {matchLabels: {app: scheduler}}
  template:
    metadata: {labels: {app: scheduler}}
    spec:
      containers:
        - name: scheduler
          image: apache/airflow:2.9.2
        - name: git-sync
          image: registry.k8s.io/git-sync/git-sync:v4.2.4
          env:
            - name: GITSYNC_REPO
              value: https://github.com/example/dags
            - name: GITSYNC_GIT
              value: /tmp/run-me
`,
      errors: [{ messageId: 'env', range: [17, 14, 17, 31] }],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: airflow-scheduler
spec:
  selector: {matchLabels: {app: scheduler}}
  template:
    metadata: {labels: {app: scheduler}}
    spec:
      containers:
        - name: scheduler
          image: apache/airflow:2.9.2
        - name: git-sync
          image: registry.k8s.io/git-sync/git-sync:v4.2.4
          env:
            - name: GITSYNC_REPO
              value: https://github.com/example/dags
`,
    },
    {
      name: 'v3 variable and the --git flag',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: sync
spec:
  initContainers:
    - name: clone
      image: k8s.gcr.io/git-sync/git-sync:v3.6.9
      args:
        - --one-time
        - --git=/opt/git
      env:
        - {name: GIT_SYNC_GIT, value: /opt/git}
  containers: [{name: app, image: "nginx:1.27"}]
`,
      errors: [{ messageId: 'flag', range: [10, 10, 10, 24] }, { messageId: 'env', range: [12, 11, 12, 29] }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: sync
spec:
  initContainers:
    - name: clone
      image: k8s.gcr.io/git-sync/git-sync:v3.6.9
      args:
        - --one-time
      env:
  containers: [{name: app, image: "nginx:1.27"}]
`,
    },
    {
      name: 'split --git flag in command: the fix takes the flag and its value out',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: sync
spec:
  containers:
    - name: sync
      image: registry.k8s.io/git-sync/git-sync:v4.2.4
      command:
        - /git-sync
        - --git
        - /opt/git
        - --root=/git
`,
      errors: [{ messageId: 'flag', range: [10, 10, 10, 15] }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: sync
spec:
  containers:
    - name: sync
      image: registry.k8s.io/git-sync/git-sync:v4.2.4
      command:
        - /git-sync
        - --root=/git
`,
    },
  ],
});
