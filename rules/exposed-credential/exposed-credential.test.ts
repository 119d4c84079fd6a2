import * as assert from 'node:assert/strict';
import rule from '.';
import { lintText, makeRuleSet } from '../../engine';
import configMapCredentials from '../configmap-credentials';
import secretInEnv from '../secret-in-env';
import { ruleTester } from '../../test/rule-tester';

// Credential-shaped test values are assembled at run time so that this file itself holds no token a secret
// scanner would (rightly) flag.
const GH = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0'.repeat(2).slice(0, 36);
const AWS = 'AKIA' + 'Q7RZ2M4N6P8T3V5W';
const GLPAT = 'glpat-' + 'Zx9Yw8Vu7Ts6Rq5Po4Nm';
const JWT = 'eyJhbGciOiJIUzI1NiJ9' + '.' + 'eyJzdWIiOiJib3QifQ' + '.' + 'c2lnbmF0dXJlLXNpZ25hdHVyZQ';
const DD = 'f'.repeat(8) + '0123456789abcdef' + 'a'.repeat(8);

ruleTester(rule, {
  valid: [
    { name: 'a Secret is where credentials belong', code: `apiVersion: v1
kind: Secret
metadata:
  name: git
stringData:
  token: ${GH}
` },
    { name: 'documentation placeholders, ids that are not secrets, and a 32-hex value under an unrelated key', code: `apiVersion: v1
kind: ConfigMap
metadata:
  name: docs
data:
  example: "aws_access_key_id = AKIAIOSFODNN7EXAMPLE"
  checksum: ${DD}
  twilio-account: AC0123456789abcdef0123456789abcdef
` },
  ],
  invalid: [
    {
      name: 'a token in args, in an env var with an innocent name, and in an annotation',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: sync
  annotations:
    ci/notes: "pushed with ${GLPAT}"
    kubectl.kubernetes.io/last-applied-configuration: '{"token":"${GLPAT}"}'
spec:
  selector:
    matchLabels: {app: sync}
  template:
    metadata:
      labels: {app: sync}
    spec:
      containers:
        - name: sync
          image: example/sync:2.0
          args: ["--repo=https://github.com/acme/app", "--auth=${GH}"]
          env:
            - name: GIT_REMOTE_HEADER
              value: "Authorization: Bearer ${JWT}"
`,
      errors: [
        { messageId: 'exposed', range: [5, 4, 5, 54] },
        { messageId: 'exposed', range: [17, 55, 17, 104] },
        { messageId: 'exposed', range: [20, 14, 20, 111] },
      ],
      output: null,
    },
    {
      name: 'a custom resource: a Slack token, and a 32-hex value that only its key marks as a Datadog key',
      code: `apiVersion: example.com/v1
kind: Notifier
metadata:
  name: hook
spec:
  slack:
    token: xoxb-2048-1234567890-ABCDEFghijkl
  datadogKey: "${DD}"
`,
      errors: [
        { messageId: 'exposed', range: [6, 4, 6, 44] },
        { messageId: 'exposed', range: [7, 2, 7, 48] },
      ],
      output: null,
    },
  ],
});

describe('exposed-credential yields to the rules that explain the same value', () => {
  const code = `apiVersion: v1
kind: Pod
metadata:
  name: bot
spec:
  containers:
    - name: bot
      image: example/bot:1.0
      env:
        - name: GITHUB_TOKEN
          value: ${GH}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cloud
data:
  aws.ini: ${AWS}
`;
  const found = (rules: Array<typeof rule>) => lintText(code, makeRuleSet(rules.map((r) => ({ rule: r, severity: r.meta.severity, options: {} }))))
    .findings.map((f) => [f.ruleId, f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character]);
  it('alone, it reports the token in the env var and the key in the ConfigMap', () => {
    assert.deepEqual(found([rule]), [['exposed-credential', 10, 10, 10, 57], ['exposed-credential', 17, 2, 17, 31]]);
  });
  it('with secret-in-env and configmap-credentials on, each value gets one finding, theirs', () => {
    assert.deepEqual(found([rule, secretInEnv, configMapCredentials]), [['secret-in-env', 10, 10, 10, 57], ['configmap-credentials', 17, 2, 17, 31]]);
  });
});
