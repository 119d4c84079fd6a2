import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'the NGINX Inc. controller and plain nginx are other projects', code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: edge
spec:
  template:
    spec:
      containers:
        - name: controller
          image: nginx/nginx-ingress:5.2.1
        - name: web
          image: registry.k8s.io/nginx:1.27
` },
    { name: "the project's webhook certificate job is not the controller", code: `apiVersion: batch/v1
kind: Job
metadata:
  name: certgen
spec:
  template:
    spec:
      restartPolicy: OnFailure
      containers:
        - name: create
          image: registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.5.2
` },
  ],
  invalid: [
    {
      name: 'the controller by tag and digest, in a DaemonSet',
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ingress-nginx-controller
  namespace: ingress-nginx
spec:
  selector:
    matchLabels: {app: ingress-nginx}
  template:
    metadata:
      labels: {app: ingress-nginx}
    spec:
      containers:
        - name: controller
          image: registry.k8s.io/ingress-nginx/controller:v1.12.1@sha256:d2fbc4ec70d8aa2050dd91a91506e998765e86c96f32cffb56c503c9c34eed5b
`,
      errors: [
        { messageId: 'retired', range: [14, 10, 14, 137] },
      ],
      output: null,
    },
    {
      name: 'old registries and the chroot variant',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: old
spec:
  containers:
    - name: a
      image: quay.io/kubernetes-ingress-controller/nginx-ingress-controller:0.33.0
    - name: b
      image: "k8s.gcr.io/ingress-nginx/controller-chroot:v1.9.6"
`,
      errors: [
        { messageId: 'retired', range: [7, 6, 7, 82] },
        { messageId: 'retired', range: [9, 6, 9, 64] },
      ],
      output: null,
    },
  ],
});
