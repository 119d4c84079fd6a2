import { defineRule, isRecord } from '../../engine';

/** Name words that on their own mark a credential. */
const CREDENTIAL_WORDS = new Set([
  'PASSWORD', 'PASSWORDS', 'PASSWD', 'PASSPHRASE', 'PASS', 'PWD', 'SECRET', 'SECRETS', 'TOKEN', 'TOKENS',
  'CREDENTIAL', 'CREDENTIALS', 'CREDS', 'APIKEY', 'ACCESSKEY', 'SECRETKEY', 'PRIVATEKEY', 'CLIENTSECRET',
]);
/** Words that make a following `KEY` a credential (`API_KEY`, `ACCOUNT_KEY`, `BATCH_KEY`). */
const KEY_QUALIFIERS = new Set([
  'API', 'ACCESS', 'SECRET', 'PRIVATE', 'ENCRYPTION', 'SIGNING', 'MASTER', 'ACCOUNT', 'STORAGE', 'BATCH',
  'CLIENT', 'AUTH', 'SHARED', 'HMAC', 'LICENSE', 'SERVICE', 'SUBSCRIPTION', 'CLI', 'SSH', 'DEPLOY', 'WEBHOOK',
]);
/**
 * A name ending in one of these words is about a credential, not the credential itself:
 * `PASSWORD_FILE` (a path), `SECRET_NAME`, `TOKEN_URL`, `AWS_ACCESS_KEY_ID`, `TOKEN_TTL`.
 */
const NOT_THE_VALUE = new Set([
  'FILE', 'FILES', 'PATH', 'DIR', 'FILENAME', 'LOCATION', 'NAME', 'URL', 'URI', 'ENDPOINT', 'HOST', 'PORT',
  'REF', 'ID', 'TTL', 'TIMEOUT', 'EXPIRY', 'EXPIRATION', 'LIFETIME', 'LENGTH', 'HEADER', 'TYPE', 'MODE', 'ENABLED',
  'DISABLED', 'REQUIRED', 'AUDIENCE', 'ISSUER', 'ALGORITHM', 'POLICY', 'ROTATION', 'VERSION', 'PREFIX',
  'FORMAT', 'KEYS', 'FIELD', 'PROVIDER', 'SOURCE', 'STORE', 'MOUNT', 'VOLUME',
]);

/** Splits an env var name into upper-case words: `dbPassword`, `DB_PASSWORD`, `db.password` → DB, PASSWORD. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toUpperCase());
}

function looksLikeCredentialName(name: string): boolean {
  const w = words(name);
  if (!w.length || NOT_THE_VALUE.has(w[w.length - 1])) return false;
  // `PWD` alone is the shell's working directory, `PASS` alone rarely a password.
  if (w.length === 1 && (w[0] === 'PWD' || w[0] === 'PASS')) return false;
  for (let i = 0; i < w.length; i++) {
    if (CREDENTIAL_WORDS.has(w[i])) return true;
    // Run-together names: PGPASSWORD, MYSQLPASSWD, GITHUBTOKEN, OAUTHSECRET.
    if (/PASSWORD|PASSWD|PASSPHRASE/.test(w[i]) || /(SECRET|TOKEN|APIKEY)$/.test(w[i])) return true;
    if (w[i] === 'KEY' && i > 0 && KEY_QUALIFIERS.has(w[i - 1])) return true;
    if (w[i] === 'KEY' && w[i + 1] === 'CONTENT') return true;
  }
  return false;
}

const PRIVATE_KEY = /-{3,}\s*BEGIN\s+(?:[A-Z0-9]+\s+)*PRIVATE\s+KEY\s*-{3,}/;

/** Values that are not a credential although the name says so: references, templates, file paths, booleans. */
function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (!v) return true;
  if (/^\$\([A-Za-z_][A-Za-z0-9_]*\)$/.test(v)) return true; // Kubernetes dependent variable: $(OTHER_VAR)
  if (v.includes('${') || v.includes('{{')) return true; // envsubst / Helm / Go template placeholder
  if (/^\/[^\s]*$/.test(v)) return true; // an absolute file path (e.g. GOOGLE_APPLICATION_CREDENTIALS)
  return /^(true|false|yes|no|on|off|none|null|<[^>]*>)$/i.test(v);
}

export default defineRule({
  meta: {
    id: 'secret-in-env',
    title: 'Credential written in an environment variable',
    category: 'cluster',
    goals: ['confidentiality', 'possession'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    profiles: ['recommended'],
    layer: 'application',
    principle: 'zero trust',
    docs: {
      summary: 'A password, token or key written literally in a manifest is readable by everyone with access to the repository, the API object and its history, and cannot be rotated without a deploy.',
      recipe: 'Store the value in a Secret (or an external secret manager) and reference it with `valueFrom.secretKeyRef`, or mount it as a file.',
    },
    peers: {
      'kube-linter': ['env-var-secret'],
      polaris: ['sensitiveContainerEnvVar'],
      kubescape: ['C-0259'],
    },
    messages: {
      credential: '{{kind}} {{name}}: container "{{container}}" sets {{env}} to a literal value; a credential belongs in a Secret.',
      privateKey: '{{kind}} {{name}}: container "{{container}}" puts a private key in {{env}}; a credential belongs in a Secret.',
    },
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const env = c.value.env;
      if (!Array.isArray(env)) continue;
      env.forEach((e, i) => {
        if (!isRecord(e) || (e.valueFrom !== undefined && e.valueFrom !== null)) return;
        const raw = e.value;
        if (typeof raw !== 'string' && typeof raw !== 'number') return;
        const value = String(raw);
        const envName = typeof e.name === 'string' ? e.name : '';
        const data = { container: c.name, env: envName || `env[${i}]` };
        const path = [...c.path, 'env', i, 'value'];
        if (PRIVATE_KEY.test(value)) ctx.report({ messageId: 'privateKey', data, path });
        else if (envName && looksLikeCredentialName(envName) && !isPlaceholder(value)) ctx.report({ messageId: 'credential', data, path });
      });
    }
  },
});
