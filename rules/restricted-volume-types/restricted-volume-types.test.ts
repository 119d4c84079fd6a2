import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "every allowed volume type, a volume with no source, and hostPath (the baseline rule's finding)", code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
  volumes:
    - name: bare
    - {name: a, configMap: {name: cfg}}
    - {name: b, csi: {driver: secrets-store.csi.k8s.io}}
    - {name: c, downwardAPI: {items: []}}
    - {name: d, emptyDir: {}}
    - {name: e, ephemeral: {volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce]}}}}
    - {name: f, image: {reference: "example.com/data:1"}}
    - {name: g, persistentVolumeClaim: {claimName: data}}
    - {name: h, projected: {sources: []}}
    - {name: i, secret: {secretName: tls}}
    - {name: j, hostPath: {path: /var/log}}
` },
  ],
  invalid: [
    {
      name: "nfs and gitRepo in a Job",
      code: `apiVersion: batch/v1
kind: Job
metadata:
  name: import
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: import
          image: busybox:1.36
      volumes:
        - name: share
          nfs:
            server: nfs.example.com
            path: /exports/data
        - name: code
          gitRepo: {repository: "https://example.com/repo.git"}
        - name: scratch
          emptyDir: {}
`,
      errors: [
        { messageId: 'volume', range: [13, 10, 13, 13] },
        { messageId: 'volume', range: [17, 10, 17, 63] },
      ],
      output: null,
    },
  ],
});
