import rule from '.';
import { ruleTester } from '../../test/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'credential read from a Secret', code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: shop}
spec:
  template:
    spec:
      containers:
        - name: app
          image: shop:1.4
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: {name: shop-db, key: password}
` },
    { name: 'names that are about a credential, not the credential; references and placeholders', code: `apiVersion: v1
kind: Pod
metadata: {name: shop}
spec:
  containers:
    - name: app
      image: shop:1.4
      env:
        - {name: PASSWORD_FILE, value: /run/secrets/db-password}
        - {name: GOOGLE_APPLICATION_CREDENTIALS, value: /var/secrets/google/key.json}
        - {name: DB_SECRET_NAME, value: shop-db}
        - {name: TOKEN_URL, value: "https://auth.example.com/token"}
        - {name: AWS_ACCESS_KEY_ID, value: AKIAEXAMPLE}
        - {name: SESSION_TOKEN_TTL, value: "3600"}
        - {name: API_PASSWORD, value: "$(DB_PASSWORD)"}
        - {name: SMTP_PASSWORD, value: "\${SMTP_PASSWORD}"}
        - {name: REDIS_PASSWORD, value: ""}
        - {name: PWD, value: /app}
        - {name: TOKENIZER_MODEL, value: bert-base}
        - {name: CACHE_KEY, value: v2}
        - {name: REQUIRE_TOKEN, value: "true"}
        - {name: GREETING, value: hello}
` },
    { name: 'obvious fill-me-in values are placeholders, not credentials', code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: etcd}
spec:
  template:
    spec:
      containers:
        - name: member
          image: etcd:3.5
          env:
            - {name: ETCD_INITIAL_CLUSTER_TOKEN, value: INSERT_ETCD_INITIAL_CLUSTER_TOKEN}
            - {name: GOOGLE_API_KEY, value: GOOGLE_API_KEY_VAL}
            - {name: OAUTH2_PROXY_COOKIE_SECRET, value: SECRET}
            - {name: DB_PASSWORD, value: "<your database password>"}
            - {name: MYSQL_ROOT_PASSWORD, value: yourpassword}
            - {name: SIGNING_TOKEN, value: CHANGEME00000000}
            - {name: ADMIN_PASSWORD, value: __ADMIN_PASSWORD__}
            - {name: API_TOKEN, value: xxxxxxxx}
` },
    { name: 'names where JWT or BEARER is not the last word; Authorization values without the credential', code: `apiVersion: v1
kind: Pod
metadata: {name: gateway}
spec:
  containers:
    - name: gateway
      image: gateway:2.1
      env:
        - {name: JWT_AUDIENCE, value: api.internal}
        - {name: JWT_EXPIRY, value: 1h}
        - {name: BEARER_HEADER, value: Authorization}
        - {name: AUTH_SCHEME, value: Bearer}
        - {name: EXTRA_HEADER, value: "Authorization: Bearer \${TOKEN}"}
        - {name: DOC_HEADER, value: "Authorization: Bearer EXAMPLE_TOKEN_EXAMPLE"}
        - {name: PARTITION_KEY, value: customerId}
` },
    { name: 'no env at all', code: `apiVersion: v1
kind: Pod
metadata: {name: shop}
spec:
  containers: [{name: app, image: "shop:1.4"}]
` },
  ],
  invalid: [
    {
      name: 'a token in an Authorization value whatever the name; JWT or BEARER as the last word; keys qualified by a cipher',
      code: `apiVersion: v1
kind: Pod
metadata: {name: gateway}
spec:
  containers:
    - name: gateway
      image: gateway:2.1
      env:
        - {name: UPSTREAM_HEADERS, value: "Authorization: Bearer 3f9a1c0e7b2d4a6f8e1c"}
        - {name: PROBE_AUTH, value: "Basic YWRtaW46czNjcjN0"}
        - {name: SERVICE_JWT, value: s3rvice-jwt-v4lue}
        - {name: AUTH_BEARER, value: abcdef0123456789}
        - {name: AES_KEY, value: 00112233445566778899aabbccddeeff}
`,
      errors: [
        { messageId: 'authorization', range: [8, 35, 8, 86], message: 'Pod gateway: container "gateway" sets UPSTREAM_HEADERS to an HTTP Authorization value with its token or password; a credential belongs in a Secret.' },
        { messageId: 'authorization', range: [9, 29, 9, 60] },
        { messageId: 'credential', range: [10, 30, 10, 54], message: 'Pod gateway: container "gateway" sets SERVICE_JWT to a literal value; a credential belongs in a Secret.' },
        { messageId: 'credential', range: [11, 30, 11, 53] },
        { messageId: 'credential', range: [12, 26, 12, 65] },
      ],
      output: null,
    },
    {
      name: 'weak literal credentials are still credentials; a value that only looks like a fill-in word is not a placeholder',
      code: `apiVersion: v1
kind: Pod
metadata: {name: grafana}
spec:
  containers:
    - name: grafana
      image: grafana/grafana:11.0.0
      env:
        - {name: GF_SECURITY_ADMIN_PASSWORD, value: admin}
        - {name: SESSION_SECRET, value: todolist-2024}
        - {name: API_KEY, value: "your key"}
`,
      errors: [
        { messageId: 'credential', range: [8, 45, 8, 57], message: 'Pod grafana: container "grafana" sets GF_SECURITY_ADMIN_PASSWORD to a literal value; a credential belongs in a Secret.' },
        { messageId: 'credential', range: [9, 33, 9, 53], message: 'Pod grafana: container "grafana" sets SESSION_SECRET to a literal value; a credential belongs in a Secret.' },
        { messageId: 'credential', range: [10, 26, 10, 43], message: 'Pod grafana: container "grafana" sets API_KEY to a literal value; a credential belongs in a Secret.' },
      ],
      output: null,
    },
    {
      name: 'env shared by anchor between an init and a regular container; ephemeral container; private key',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  template:
    spec:
      initContainers:
        - name: migrate
          image: migrate:4.17
          env: &dbenv
            - name: DB_HOST
              value: postgres
            - name: DB_PASSWORD
              value: hunter2 # TODO move to a Secret
      containers:
        - name: app
          image: shop:1.4
          env: *dbenv
      ephemeralContainers:
        - name: debug
          image: busybox:1.36
          env:
            - {name: stripeApiKey, value: sk_live_abc123}
            - name: PASSWORD_FILE
              value: /run/secrets/db
            - name: TLS_KEY
              value: |
                -----BEGIN RSA PRIVATE KEY-----
                MIIEow
                -----END RSA PRIVATE KEY-----
`,
      errors: [
        { messageId: 'credential', range: [14, 14, 14, 28] },
        { messageId: 'credential', range: [14, 14, 14, 28] },
        { messageId: 'credential', range: [23, 35, 23, 56] },
        { messageId: 'privateKey', range: [27, 14, 31, 0] },
      ],
      output: null,
    },
    {
      name: 'CronJob in JSON: run-together name, a number value',
      code: `{
  "apiVersion": "batch/v1",
  "kind": "CronJob",
  "metadata": {"name": "backup"},
  "spec": {"schedule": "@daily", "jobTemplate": {"spec": {"template": {"spec": {
    "restartPolicy": "Never",
    "containers": [{"name": "dump", "image": "pg:16", "env": [{"name": "PGPASSWORD", "value": "s3cr3t"}, {"name": "REDIS_AUTH_TOKEN", "value": 12345}]}]
  }}}}}
}
`,
      errors: [
        { messageId: 'credential', range: [6, 85, 6, 102] },
        { messageId: 'credential', range: [6, 134, 6, 148] },
      ],
      output: null,
    },
    {
      name: 'kind: List; `y` is a YAML 1.1 boolean, not a literal credential',
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: grafana}
    spec:
      containers:
        - name: grafana
          image: grafana/grafana:11.2.0
          env:
            - name: GF_SECURITY_ADMIN_PASSWORD
              value: admin
            - name: GF_SECURITY_SECRET_KEY
              value: y
`,
      errors: [
        { messageId: 'credential', range: [12, 14, 12, 26] },
      ],
      output: null,
    },
  ],
});
