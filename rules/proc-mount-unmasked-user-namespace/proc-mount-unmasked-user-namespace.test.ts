import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "without a user namespace this is proc-mount-unmasked's finding", code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        procMount: Unmasked
` },
    { name: "Default in a user-namespaced pod", code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  hostUsers: false
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        procMount: Default
` },
    { name: "kubernetesVersion 1.34: proc-mount-unmasked reports it", code: `apiVersion: v1
kind: Pod
metadata:
  name: nested
spec:
  hostUsers: false
  containers:
    - name: podman
      image: quay.io/podman/stable:v5
      securityContext:
        procMount: Unmasked
`, options: {"kubernetesVersion":"1.34"} },
  ],
  invalid: [
    {
      name: "user-namespaced CronJob",
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: build
spec:
  schedule: "@hourly"
  jobTemplate:
    spec:
      template:
        spec:
          hostUsers: false
          restartPolicy: Never
          containers:
            - name: buildah
              image: quay.io/buildah/stable:v1.35
              securityContext:
                procMount: Unmasked
`,
      errors: [
        { messageId: 'unmasked', range: [16, 16, 16, 35] },
      ],
      output: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: build
spec:
  schedule: "@hourly"
  jobTemplate:
    spec:
      template:
        spec:
          hostUsers: false
          restartPolicy: Never
          containers:
            - name: buildah
              image: quay.io/buildah/stable:v1.35
              securityContext:
                procMount: Default
`,
    },
  ],
});
