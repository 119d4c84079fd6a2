import * as assert from 'node:assert/strict';
import rule, { keyProblem, valueProblem } from '.';
import { ruleTester } from '../../test/rule-tester';

describe('label-value-invalid: label syntax', () => {
  it('accepts the keys and values the API server accepts', () => {
    for (const k of ['app', 'app.kubernetes.io/name', 'example.com/tier_1', 'A-b.C_d', 'x']) assert.equal(keyProblem(k), undefined, k);
    for (const v of ['', 'web', 'v1.2.3', 'a_b-c.d', 'A'.repeat(63)]) assert.equal(valueProblem(v), undefined, v);
  });
  it('refuses the others', () => {
    for (const k of ['-app', 'app-', 'Example.com/name', 'example.com/', 'a/b/c', 'n'.repeat(64), 'with space']) assert.ok(keyProblem(k), k);
    for (const v of ['-web', 'web-', 'has space', 'a/b', 'v1:2', 'x'.repeat(64), '.hidden']) assert.ok(valueProblem(v), v);
  });
});

ruleTester(rule, {
  valid: [
    { name: 'recommended labels, selector and template', code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app.kubernetes.io/name: web
    app.kubernetes.io/version: "1.27.0"
    empty: ""
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
` },
    { name: "a non-string value is invalid-field-type's concern; placeholders are filled in before apply", code: `apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  labels:
    enabled: true
    environment: \${cluster_env:=dev}
    release: "{{ .Release.Name }}"
` },
  ],
  invalid: [
    {
      name: 'free text in a value, a bad key, and the template and selector of a Deployment',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    owner: "Team Web <web@example.com>"
    Example.com/tier: web
spec:
  selector:
    matchLabels: {app: web-}
  template:
    metadata:
      labels:
        app: web-
        version: v1/2
    spec:
      containers:
        - name: web
          image: nginx:1.27
`,
      errors: [
        { messageId: 'value', range: [5, 4, 5, 39] },
        { messageId: 'key', range: [6, 4, 6, 25] },
        { messageId: 'value', range: [13, 8, 13, 17] },
        { messageId: 'value', range: [14, 8, 14, 21] },
        { messageId: 'value', range: [9, 18, 9, 27] },
      ],
      output: null,
    },
    {
      name: 'a Service selector and a 64-character value',
      code: `apiVersion: v1
kind: Service
metadata:
  name: web
  labels:
    build: ${'b'.repeat(64)}
spec:
  selector:
    app: "web server"
  ports: [{port: 80}]
`,
      errors: [
        { messageId: 'value', range: [5, 4, 5, 75] },
        { messageId: 'value', range: [8, 4, 8, 21] },
      ],
      output: null,
    },
  ],
});
