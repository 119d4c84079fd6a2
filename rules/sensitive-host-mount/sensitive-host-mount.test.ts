import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "application directories and look-alike prefixes", code: `apiVersion: v1
kind: Pod
metadata:
  name: logs
spec:
  containers:
    - name: shipper
      image: fluent-bit:3.1
  volumes:
    - {name: a, hostPath: {path: /var/log}}
    - {name: b, hostPath: {path: /etcd-backup}}
    - {name: c, hostPath: {path: /usrdata}}
    - {name: d, emptyDir: {}}
` },
  ],
  invalid: [
    {
      name: "root, /proc, kubelet state and a path that climbs into /etc",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: agent
spec:
  containers:
    - name: agent
      image: example.com/agent:1.0
  volumes:
    - name: rootfs
      hostPath:
        path: /
    - name: proc
      hostPath: {path: /proc/}
    - name: kubelet
      hostPath: {path: /var/lib/kubelet/pods}
    - name: sneaky
      hostPath: {path: /opt/../etc/kubernetes}
`,
      errors: [
        { messageId: 'sensitive', range: [11, 8, 11, 15] },
        { messageId: 'sensitive', range: [13, 17, 13, 29] },
        { messageId: 'sensitive', range: [15, 17, 15, 44] },
        { messageId: 'sensitive', range: [17, 17, 17, 45] },
      ],
      output: null,
    },
  ],
});
