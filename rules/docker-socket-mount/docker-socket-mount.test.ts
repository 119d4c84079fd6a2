import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: "hostPath volumes that hold no runtime socket",
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: logs
spec:
  template:
    spec:
      containers:
        - name: shipper
          image: example.com/shipper:3.1
      volumes:
        - name: logs
          hostPath: {path: /var/log}
        - name: lib
          hostPath: {path: /var/lib/docker/containers}
        - name: sockish
          hostPath: {path: /var/run-docker.sock.d}
`,
    },
    {
      name: "an emptyDir named docker-sock",
      code: `apiVersion: v1
kind: Pod
metadata: {name: dind}
spec:
  containers:
    - name: dind
      image: docker:27-dind
      volumeMounts: [{name: docker-sock, mountPath: /var/run}]
  volumes:
    - name: docker-sock
      emptyDir: {}
`,
    },
  ],
  invalid: [
    {
      name: "the Docker socket itself",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ci-runner
spec:
  template:
    spec:
      containers:
        - name: runner
          image: example.com/runner:16.4
          volumeMounts:
            - name: docker
              mountPath: /var/run/docker.sock
      volumes:
        - name: docker
          hostPath:
            path: /var/run/docker.sock
            type: Socket
`,
      errors: [
        { messageId: 'socket', range: [16, 12, 16, 38] },
      ],
      output: null,
    },
    {
      name: "containerd socket directory, CRI-O socket with odd spelling, k3s socket (JSON)",
      code: `{"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "scanner"},
 "spec": {"template": {"spec": {
   "containers": [{"name": "scan", "image": "example.com/scan:1.0"}],
   "volumes": [
     {"name": "containerd", "hostPath": {"path": "/run/containerd"}},
     {"name": "crio", "hostPath": {"path": "//var/run/crio/./crio.sock"}},
     {"name": "k3s", "hostPath": {"path": "/run/k3s/containerd/containerd.sock"}}
   ]}}}}
`,
      errors: [
        { messageId: 'directory', range: [4, 41, 4, 66] },
        { messageId: 'socket', range: [5, 35, 5, 71] },
        { messageId: 'socket', range: [6, 34, 6, 79] },
      ],
      output: null,
    },
    {
      name: "the whole /var/run directory from an init container of a CronJob",
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: prune
spec:
  schedule: "@hourly"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          initContainers:
            - name: prune
              image: docker:27-cli
              volumeMounts: [{name: run, mountPath: /host/run}]
          containers:
            - name: done
              image: busybox:1.36
          volumes:
            - name: run
              hostPath: {path: /var/run/}
`,
      errors: [
        { messageId: 'directory', range: [20, 25, 20, 40] },
      ],
      output: null,
    },
    {
      name: "kind: List, cri-dockerd and podman sockets, path through an anchor",
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: a}
    spec:
      containers: [{name: a, image: x:1}]
      volumes:
        - name: cri
          hostPath: {path: &sock /var/run/cri-dockerd.sock}
  - apiVersion: v1
    kind: PodTemplate
    metadata: {name: b}
    template:
      spec:
        containers: [{name: b, image: x:1}]
        volumes:
          - name: podman
            hostPath:
              path: /run/podman/podman.sock
          - name: again
            hostPath: {path: *sock}
`,
      errors: [
        { messageId: 'socket', range: [10, 21, 10, 58] },
        { messageId: 'socket', range: [20, 14, 20, 43] },
        { messageId: 'socket', range: [22, 23, 22, 34] },
      ],
      output: null,
    },
  ],
});
