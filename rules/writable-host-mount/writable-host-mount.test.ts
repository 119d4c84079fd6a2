import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "read-only hostPath mounts and writable emptyDir", code: `apiVersion: v1
kind: Pod
metadata:
  name: logs
spec:
  containers:
    - name: shipper
      image: fluent-bit:3.1
      volumeMounts:
        - {name: varlog, mountPath: /var/log, readOnly: true}
        - {name: buffer, mountPath: /buffer}
  volumes:
    - name: varlog
      hostPath: {path: /var/log}
    - name: buffer
      emptyDir: {}
` },
  ],
  invalid: [
    {
      name: "DaemonSet: missing readOnly and readOnly: false",
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: logs
spec:
  selector:
    matchLabels: {app: logs}
  template:
    metadata:
      labels: {app: logs}
    spec:
      containers:
        - name: shipper
          image: fluent-bit:3.1
          volumeMounts:
            - name: varlog
              mountPath: /var/log
            - name: state
              mountPath: /state
              readOnly: false
      volumes:
        - name: varlog
          hostPath:
            path: /var/log
        - name: state
          hostPath: {path: /var/lib/fluent-bit, type: DirectoryOrCreate}
`,
      errors: [
        { messageId: 'writable', range: [15, 14, 15, 26] },
        { messageId: 'writable', range: [19, 14, 19, 29] },
      ],
      output: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: logs
spec:
  selector:
    matchLabels: {app: logs}
  template:
    metadata:
      labels: {app: logs}
    spec:
      containers:
        - name: shipper
          image: fluent-bit:3.1
          volumeMounts:
            - name: varlog
              mountPath: /var/log
              readOnly: true
            - name: state
              mountPath: /state
              readOnly: true
      volumes:
        - name: varlog
          hostPath:
            path: /var/log
        - name: state
          hostPath: {path: /var/lib/fluent-bit, type: DirectoryOrCreate}
`,
    },
  ],
});
