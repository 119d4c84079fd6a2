import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'images from the organisation\'s own and per-account cloud registries', code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      initContainers:
        - name: migrate
          image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/web/migrate:1.4
      containers:
        - name: web
          image: registry.example.com/mirror/nginx:1.27
        - name: side
          image: acme.azurecr.io/envoy@sha256:8b8f8b2b0a3c6d3a6b1c8f4e7d9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a
        - name: templ
          image: "{{ .Values.image }}"
` },
  ],
  invalid: [
    {
      name: 'Docker Hub by short name, and the public hosts in a CronJob',
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          initContainers:
            - name: fetch
              image: curlimages/curl:8.10.1
          containers:
            - name: report
              image: ghcr.io/acme/report:2.0
            - name: proxy
              image: registry.k8s.io/pause:3.10
`,
      errors: [
        { messageId: 'public', range: [13, 14, 13, 43] },
        { messageId: 'public', range: [16, 14, 16, 44] },
        { messageId: 'public', range: [18, 14, 18, 47] },
      ],
      output: null,
    },
    {
      name: 'the default registry written out, and its index alias',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: a
      image: docker.io/library/busybox:1.36
    - name: b
      image: index.docker.io/library/alpine:3.20
`,
      errors: [
        { messageId: 'public', range: [7, 6, 7, 43] },
        { messageId: 'public', range: [9, 6, 9, 48] },
      ],
      output: null,
    },
  ],
});
