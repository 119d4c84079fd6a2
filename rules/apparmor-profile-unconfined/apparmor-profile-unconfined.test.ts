import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "runtime default and localhost, field and annotation", code: `apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    container.apparmor.security.beta.kubernetes.io/app: runtime/default
    container.apparmor.security.beta.kubernetes.io/side: localhost/k8s-nginx
spec:
  securityContext:
    appArmorProfile:
      type: RuntimeDefault
  containers:
    - name: app
      image: nginx:1.27
    - name: side
      image: envoy:1.30
      securityContext:
        appArmorProfile: {type: Localhost, localhostProfile: k8s-envoy}
` },
    { name: "the annotation on the Deployment itself is not the pod template", code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    container.apparmor.security.beta.kubernetes.io/app: unconfined
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
` },
  ],
  invalid: [
    {
      name: "Deployment: pod field, init container flow map and legacy annotation",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      annotations:
        container.apparmor.security.beta.kubernetes.io/app: unconfined
        container.apparmor.security.beta.kubernetes.io/side: localhost/k8s-nginx
    spec:
      securityContext:
        appArmorProfile:
          type: Unconfined
      initContainers:
        - name: init
          image: busybox:1.36
          securityContext:
            appArmorProfile: {type: Unconfined}
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            appArmorProfile:
              type: RuntimeDefault
`,
      errors: [
        { messageId: 'pod', range: [13, 10, 13, 26] },
        { messageId: 'container', range: [18, 30, 18, 46] },
        { messageId: 'annotation', range: [8, 8, 8, 70] },
      ],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      annotations:
        container.apparmor.security.beta.kubernetes.io/app: runtime/default
        container.apparmor.security.beta.kubernetes.io/side: localhost/k8s-nginx
    spec:
      securityContext:
        appArmorProfile:
          type: RuntimeDefault
      initContainers:
        - name: init
          image: busybox:1.36
          securityContext:
            appArmorProfile: {type: RuntimeDefault}
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            appArmorProfile:
              type: RuntimeDefault
`,
    },
    {
      name: "CronJob ephemeral container and a profile without a type",
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: job
              image: busybox:1.36
              securityContext:
                appArmorProfile: {}
          ephemeralContainers:
            - name: debug
              image: busybox:1.36
              securityContext:
                appArmorProfile:
                  type: Unconfined # for strace
`,
      errors: [
        { messageId: 'container', range: [14, 16, 14, 31] },
        { messageId: 'container', range: [20, 18, 20, 34] },
      ],
      output: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: job
              image: busybox:1.36
              securityContext:
                appArmorProfile: {type: RuntimeDefault}
          ephemeralContainers:
            - name: debug
              image: busybox:1.36
              securityContext:
                appArmorProfile:
                  type: RuntimeDefault # for strace
`,
    },
    {
      name: "JSON Pod with the legacy annotation",
      code: `{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {
    "name": "web",
    "annotations": {"container.apparmor.security.beta.kubernetes.io/app": "unconfined"}
  },
  "spec": {"containers": [{"name": "app", "image": "nginx:1.27"}]}
}
`,
      errors: [
        { messageId: 'annotation', range: [5, 20, 5, 86] },
      ],
      output: `{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {
    "name": "web",
    "annotations": {"container.apparmor.security.beta.kubernetes.io/app": "runtime/default"}
  },
  "spec": {"containers": [{"name": "app", "image": "nginx:1.27"}]}
}
`,
    },
  ],
});
