import rule from '.';
import { ruleTester } from '../../test/rule-tester';

const JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers:
        - name: wait
          image: busybox:1.36
          securityContext: {}
      containers:
        - name: migrate
          image: example.com/migrate:1.0
`;
const ALL_GAPS = 'it may run as root, allows privilege escalation, keeps the default capabilities, has no seccomp profile and has a writable root filesystem';

ruleTester(rule, {
  valid: [
    { name: "pod and containers each decide something", code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsNonRoot: true
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        allowPrivilegeEscalation: false
` },
    { name: "default profile: a Windows pod whose pod-level user is not root leaves nothing to list", code: `apiVersion: v1
kind: Pod
metadata:
  name: win
spec:
  os: {name: windows}
  securityContext:
    runAsUser: 1000
  containers:
    - name: app
      image: example.com/win:1.0
` },
  ],
  invalid: [
    {
      name: "default profile: each bare container once, naming every gap; the pod itself is not reported; the safe part is fixed",
      code: JOB,
      errors: [
        { messageId: 'container', range: [11, 10, 11, 29], message: `Job migrate: container "wait" has no securityContext, so it runs on runtime defaults: ${ALL_GAPS}.` },
        { messageId: 'container', range: [13, 10, 13, 23], message: `Job migrate: container "migrate" has no securityContext, so it runs on runtime defaults: ${ALL_GAPS}.` },
      ],
      output: `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers:
        - name: wait
          image: busybox:1.36
          securityContext: {allowPrivilegeEscalation: false, seccompProfile: {type: RuntimeDefault}}
      containers:
        - name: migrate
          image: example.com/migrate:1.0
          securityContext:
            allowPrivilegeEscalation: false
            seccompProfile: {type: RuntimeDefault}
`,
    },
    {
      name: "strict (profile all): the pod's missing securityContext too",
      options: { strict: true },
      code: JOB,
      errors: [
        { messageId: 'pod', range: [6, 4, 6, 8], message: 'Job migrate: the pod has no securityContext, so it runs on runtime defaults.' },
        { messageId: 'container', range: [11, 10, 11, 29] },
        { messageId: 'container', range: [13, 10, 13, 23] },
      ],
      output: `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers:
        - name: wait
          image: busybox:1.36
          securityContext: {allowPrivilegeEscalation: false, seccompProfile: {type: RuntimeDefault}}
      containers:
        - name: migrate
          image: example.com/migrate:1.0
          securityContext: {allowPrivilegeEscalation: false}
      securityContext:
        seccompProfile:
          type: RuntimeDefault
`,
    },
    {
      name: "what the pod settles (non-root, seccomp) is left out of the list and out of the fix",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: api
          image: example.com/api:2.0
`,
      errors: [
        { messageId: 'container', range: [11, 10, 11, 19], message: 'Deployment api: container "api" has no securityContext, so it runs on runtime defaults: it allows privilege escalation, keeps the default capabilities and has a writable root filesystem.' },
      ],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: api
          image: example.com/api:2.0
          securityContext: {allowPrivilegeEscalation: false}
`,
    },
    {
      name: "a pod-level non-zero runAsUser is not root; a legacy unconfined annotation is not listed as a missing profile",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: legacy
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: unconfined
spec:
  securityContext:
    runAsUser: 2102
  containers:
    - name: app
      image: example.com/app:1.0
`,
      errors: [
        { messageId: 'container', range: [10, 6, 10, 15], message: 'Pod legacy: container "app" has no securityContext, so it runs on runtime defaults: it allows privilege escalation, keeps the default capabilities and has a writable root filesystem.' },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: legacy
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: unconfined
spec:
  securityContext:
    runAsUser: 2102
  containers:
    - name: app
      image: example.com/app:1.0
      securityContext: {allowPrivilegeEscalation: false}
`,
    },
    {
      name: "a confining legacy annotation counts as the container's seccomp profile (the API server copies it into the field)",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: legacy
  annotations:
    container.seccomp.security.alpha.kubernetes.io/app: runtime/default
spec:
  containers:
    - name: app
      image: example.com/app:1.0
`,
      errors: [
        { messageId: 'container', range: [8, 6, 8, 15], message: 'Pod legacy: container "app" has no securityContext, so it runs on runtime defaults: it may run as root, allows privilege escalation, keeps the default capabilities and has a writable root filesystem.' },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: legacy
  annotations:
    container.seccomp.security.alpha.kubernetes.io/app: runtime/default
spec:
  containers:
    - name: app
      image: example.com/app:1.0
      securityContext: {allowPrivilegeEscalation: false}
`,
    },
    {
      name: "Windows pod: only the user is judged, and no Linux field is offered as a fix",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: win
spec:
  os: {name: windows}
  containers:
    - name: app
      image: example.com/win:1.0
`,
      errors: [
        { messageId: 'container', range: [7, 6, 7, 15], message: 'Pod win: container "app" has no securityContext, so it runs on runtime defaults: it may run as root.' },
      ],
      output: null,
    },
  ],
});
