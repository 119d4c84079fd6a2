import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "container types, level and empty strings are allowed", code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    seLinuxOptions:
      type: container_t
      level: "s0:c123,c456"
  initContainers:
    - name: init
      image: busybox:1.36
      securityContext:
        seLinuxOptions: {type: container_init_t, user: "", role: ""}
  containers:
    - name: vm
      image: kubevirt/virt-launcher:v1.2.0
      securityContext:
        seLinuxOptions: {type: container_kvm_t}
    - name: buildkit
      image: moby/buildkit:v0.13.0
      securityContext:
        seLinuxOptions: {type: container_engine_t}
` },
  ],
  invalid: [
    {
      name: "pod-level type, user and role in a StatefulSet",
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  template:
    spec:
      securityContext:
        seLinuxOptions:
          type: spc_t
          user: system_u
          role: system_r
          level: s0
      containers:
        - name: db
          image: postgres:16
`,
      errors: [
        { messageId: 'type', range: [10, 10, 10, 21] },
        { messageId: 'user', range: [11, 10, 11, 24] },
        { messageId: 'role', range: [12, 10, 12, 24] },
      ],
      output: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  template:
    spec:
      securityContext:
        seLinuxOptions:
          level: s0
      containers:
        - name: db
          image: postgres:16
`,
    },
    {
      name: "container overrides in init and ephemeral containers (a container setting is judged on its own)",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    seLinuxOptions: {type: container_t}
  initContainers:
    - name: init
      image: busybox:1.36
      securityContext:
        seLinuxOptions:
          type: unconfined_t # needs host access
  containers:
    - name: app
      image: nginx:1.27
  ephemeralContainers:
    - name: debug
      image: busybox:1.36
      securityContext:
        seLinuxOptions: {role: sysadm_r}
`,
      errors: [
        { messageId: 'type', range: [12, 10, 12, 28] },
        { messageId: 'role', range: [20, 25, 20, 39] },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    seLinuxOptions: {type: container_t}
  initContainers:
    - name: init
      image: busybox:1.36
      securityContext:
        seLinuxOptions:
  containers:
    - name: app
      image: nginx:1.27
  ephemeralContainers:
    - name: debug
      image: busybox:1.36
      securityContext:
        seLinuxOptions: {}
`,
    },
    {
      name: "kubernetesVersion v1.30: container_engine_t was not allowed yet",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: build
spec:
  containers:
    - name: buildkit
      image: moby/buildkit:v0.13.0
      securityContext:
        seLinuxOptions: {type: container_engine_t}
`,
      options: {"kubernetesVersion":"v1.30"},
      errors: [
        { messageId: 'type', range: [9, 25, 9, 49] },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: build
spec:
  containers:
    - name: buildkit
      image: moby/buildkit:v0.13.0
      securityContext:
        seLinuxOptions: {}
`,
    },
  ],
});
