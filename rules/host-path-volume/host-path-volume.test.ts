import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: "emptyDir, configMap and PVC volumes",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
          volumeMounts:
            - {name: cache, mountPath: /cache}
      volumes:
        - name: cache
          emptyDir: {}
        - name: config
          configMap: {name: web}
        - name: data
          persistentVolumeClaim: {claimName: data}
`,
    },
    {
      name: "a PersistentVolume with hostPath is not a pod spec",
      code: `apiVersion: v1
kind: PersistentVolume
metadata: {name: local}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  hostPath: {path: /mnt/data}
`,
    },
  ],
  invalid: [
    {
      name: "Pod with a block hostPath volume mounted by two containers",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: logger
spec:
  initContainers:
    - name: prepare
      image: busybox:1.36
      volumeMounts:
        - name: logs
          mountPath: /logs
  containers:
    - name: shipper
      image: example.com/shipper:3.1
      volumeMounts:
        - name: logs
          mountPath: /var/log
          readOnly: true
  volumes:
    - name: logs
      hostPath:
        path: /var/log
        type: Directory
`,
      errors: [
        { messageId: 'hostPath', range: [21, 8, 21, 22] },
      ],
      output: null,
    },
    {
      name: "flow hostPath in a CronJob, not mounted",
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: cleanup
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: clean
              image: busybox:1.36
          volumes:
            - {name: tmp, hostPath: {path: /tmp}}
`,
      errors: [
        { messageId: 'hostPath', range: [15, 37, 15, 47] },
      ],
      output: null,
    },
    {
      name: "JSON Deployment with two hostPath volumes",
      code: `{
  "apiVersion": "apps/v1",
  "kind": "Deployment",
  "metadata": {"name": "agent"},
  "spec": {"template": {"spec": {
    "containers": [{"name": "agent", "image": "example.com/agent:1.0",
      "volumeMounts": [{"name": "proc", "mountPath": "/host/proc"}]}],
    "volumes": [
      {"name": "proc", "hostPath": {"path": "/proc"}},
      {"name": "sys", "hostPath": {"path": "/sys", "type": "Directory"}}
    ]
  }}}
}
`,
      errors: [
        { messageId: 'hostPath', range: [8, 36, 8, 51] },
        { messageId: 'hostPath', range: [9, 35, 9, 49] },
      ],
      output: null,
    },
    {
      name: "kind: List, ephemeral container mount, volume list shared through an anchor",
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: DaemonSet
    metadata: {name: a}
    spec:
      template:
        spec:
          containers: [{name: a, image: x:1}]
          ephemeralContainers:
            - name: debugger
              image: busybox:1.36
              volumeMounts: [{name: root, mountPath: /host}]
          volumes: &vols
            - name: root
              hostPath:
                path: /
  - apiVersion: apps/v1
    kind: StatefulSet
    metadata: {name: b}
    spec:
      serviceName: b
      template:
        spec:
          containers: [{name: b, image: x:1}]
          volumes: *vols
`,
      errors: [
        { messageId: 'hostPath', range: [17, 16, 17, 23] },
        { messageId: 'hostPath', range: [17, 16, 17, 23] },
      ],
      output: null,
    },
    {
      name: "hostPath without a path is still a hostPath volume",
      code: `apiVersion: v1
kind: ReplicationController
metadata:
  name: rc
spec:
  template:
    spec:
      containers:
        - name: app
          image: x:1
      volumes:
        - name: odd
          hostPath: {}
`,
      errors: [
        { messageId: 'hostPath', range: [12, 10, 12, 18] },
      ],
      output: null,
    },
  ],
});
