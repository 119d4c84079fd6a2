import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'ordinary settings and names of credentials', code: `apiVersion: v1
kind: ConfigMap
metadata: {name: app-config}
data:
  LOG_LEVEL: info
  DB_USER: postgres
  TOKEN_FILE: /var/run/secrets/token
  secret-name: db-credentials
  token-ttl: 1h
  enableTokenAuth: "true"
  api_key: "\${API_KEY}"
` },
  ],
  invalid: [
    {
      name: 'password, AWS key id and private key',
      code: `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  LOG_LEVEL: info
  DB_USER: app
  DB_PASSWORD: s3cr3t-Pa55
  TOKEN_FILE: /var/run/secrets/token
  enableTokenAuth: "true"
  aws.conf: "aws_access_key_id = AKIAIOSFODNN7EXAMPLE"
  tls.key: |
    -----BEGIN RSA PRIVATE KEY-----
    MIIEowIBAAKCAQEA
    -----END RSA PRIVATE KEY-----
`,
      errors: [
        { messageId: 'sensitiveKey', range: [7, 2, 7, 26] },
        { messageId: 'cloudKey', range: [10, 2, 10, 54] },
        { messageId: 'privateKey', range: [11, 2, 15, 0] },
      ],
      output: null,
    },
  ],
});
