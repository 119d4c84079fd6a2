import { isPlaceholderValue } from '../../engine';

/**
 * Credentials written into manifests: the token formats that identify a provider's credential by their
 * shape alone (a fixed prefix and length), and the few that need the key name to tell them from an id.
 */
export interface TokenFormat {
  /** Who issued the credential, for the message. */
  provider: string;
  re: RegExp;
  /** When set, the value counts only under a key (map key or env var name) that matches. */
  key?: RegExp;
}

/** A PEM private key block (`BEGIN PRIVATE KEY`, `BEGIN RSA PRIVATE KEY`, `BEGIN OPENSSH PRIVATE KEY`, …). */
const PRIVATE_KEY = /-{3,}\s*BEGIN\s+(?:[A-Z0-9]+\s+)*PRIVATE\s+KEY\s*-{3,}/;
/** An AWS access key id (long-term `AKIA`, temporary `ASIA`). */
const AWS_KEY_ID = /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/;

export const TOKEN_FORMATS: ReadonlyArray<TokenFormat> = [
  { provider: 'a private key', re: PRIVATE_KEY },
  { provider: 'an AWS access key id', re: AWS_KEY_ID },
  { provider: 'a GitHub token', re: /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82})\b/ },
  { provider: 'a GitLab token', re: /\bglpat-[A-Za-z0-9_-]{20}\b/ },
  { provider: 'a Bitbucket app password', re: /\bATBB[A-Za-z0-9_=.-]{32,}/ },
  { provider: 'a Google API key', re: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { provider: 'a Stripe live key', re: /\b(?:sk|rk)_live_[0-9A-Za-z]{24,}\b/ },
  { provider: 'a Twilio API key', re: /\bSK[0-9a-f]{32}\b/ },
  { provider: 'an npm token', re: /\bnpm_[A-Za-z0-9]{36}\b/ },
  { provider: 'a New Relic key', re: /\b(?:NRAK-[A-Z0-9]{27}|[a-f0-9]{36}NRAL)\b/ },
  { provider: 'a Vault token', re: /\bhv[sb]\.[A-Za-z0-9_-]{24,}/ },
  { provider: 'a Terraform Cloud token', re: /\b[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_-]{60,}/ },
  { provider: 'a LaunchDarkly key', re: /\b(?:sdk|api)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/ },
  { provider: 'a Slack token', re: /\bxox[abprs]-[0-9A-Za-z-]{10,}/ },
  { provider: 'a JSON Web Token', re: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/ },
  { provider: 'a Datadog key', re: /^(?:[0-9a-f]{32}|[0-9a-f]{40})$/, key: /datadog|(?:^|[^a-z])dd[_-]?(?:api|app)[_-]?key/i },
  { provider: 'a Heroku API key', re: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, key: /heroku/i },
  { provider: 'an Okta API token', re: /^00[A-Za-z0-9_-]{40}$/, key: /okta/i },
  { provider: 'a Sumo Logic access key', re: /^[A-Za-z0-9]{64}$/, key: /sumo/i },
];

/** The words of a key or variable name, lower case: `dbPassword`, `DB_PASSWORD`, `db.password` -> db, password. */
function nameWords(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/** Documentation placeholders shaped like a real credential (AWS's `AKIAIOSFODNN7EXAMPLE`, `xxxx` fillers). */
const PLACEHOLDER = /example|x{8}|0{16}|\*{4}/i;

/** The first credential format `value` matches (under `key`, when known), or undefined. */
export function credentialIn(value: string, key?: string): TokenFormat | undefined {
  if (value.length < 20) return undefined;
  for (const f of TOKEN_FORMATS) {
    if (f.key && !(key && f.key.test(key))) continue;
    const m = f.re.exec(value);
    if (m && !PLACEHOLDER.test(m[0])) return f;
  }
  return undefined;
}

// ---- credentials in environment variables (secret-in-env) -------------------------------------

/** Name words that on their own mark a credential. */
const CREDENTIAL_WORDS = new Set([
  'PASSWORD', 'PASSWORDS', 'PASSWD', 'PASSPHRASE', 'PASS', 'PWD', 'SECRET', 'SECRETS', 'TOKEN', 'TOKENS',
  'CREDENTIAL', 'CREDENTIALS', 'CREDS', 'APIKEY', 'ACCESSKEY', 'SECRETKEY', 'PRIVATEKEY', 'CLIENTSECRET',
]);
/** Words that make a following `KEY` a credential (`API_KEY`, `ACCOUNT_KEY`, `BATCH_KEY`). */
const KEY_QUALIFIERS = new Set([
  'API', 'ACCESS', 'SECRET', 'PRIVATE', 'ENCRYPTION', 'SIGNING', 'MASTER', 'ACCOUNT', 'STORAGE', 'BATCH',
  'CLIENT', 'AUTH', 'SHARED', 'HMAC', 'LICENSE', 'LICENCE', 'SERVICE', 'SUBSCRIPTION', 'CLI', 'SSH', 'DEPLOY', 'WEBHOOK',
  'CRYPTO', 'CIPHER', 'AES', 'DECRYPTION', 'JWT',
]);
/** Words that name a credential when they end the name (`SERVICE_JWT`, `AUTH_BEARER`), not before a qualifier (`JWT_AUDIENCE`). */
const TRAILING_CREDENTIAL_WORDS = new Set(['JWT', 'BEARER']);
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
function envWords(name: string): string[] {
  return nameWords(name).map((w) => w.toUpperCase());
}

function looksLikeCredentialName(name: string): boolean {
  const w = envWords(name);
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
  return TRAILING_CREDENTIAL_WORDS.has(w[w.length - 1]);
}


/** Values that are not a credential although the name says so: references, templates, file paths, booleans. */
function isPlaceholder(value: string, name: string): boolean {
  const v = value.trim();
  if (!v) return true;
  if (/^\$\([A-Za-z_][A-Za-z0-9_]*\)$/.test(v)) return true; // Kubernetes dependent variable: $(OTHER_VAR)
  // envsubst / Helm / Go template placeholder, or an obvious fill-me-in value (INSERT_…, …_VAL, <…>, CHANGEME)
  if (isPlaceholderValue(v)) return true;
  // the variable's own name, or one of its words, in capitals: COOKIE_SECRET=SECRET, API_KEY=API_KEY
  if (/^[A-Z][A-Z0-9_]*$/.test(v) && `_${envWords(name).join('_')}_`.includes(`_${v}_`)) return true;
  if (/^\/[^\s]*$/.test(v)) return true; // an absolute file path (e.g. GOOGLE_APPLICATION_CREDENTIALS)
  return /^(true|false|yes|no|on|off|none|null|<[^>]*>)$/i.test(v);
}

/**
 * An HTTP `Authorization` value that carries its credential: `Bearer <token>` or `Basic <base64 user:password>`,
 * whatever the variable is called (`AUTH_HEADER`, `EXTRA_HEADERS`).
 */
const AUTHORIZATION_VALUE = /(?:^|[\s:"'])(?:Bearer\s+[A-Za-z0-9._~+/-]{16,}=*|Basic\s+[A-Za-z0-9+/]{12,}={0,2})(?:$|[\s"',;])/i;

/**
 * What `secret-in-env` reports for a literal env value: a private key, a credential by its name, an authorization
 * header value by its shape, or nothing.
 */
export function envReportsCredential(name: string, value: string): 'privateKey' | 'credential' | 'authorization' | undefined {
  if (PRIVATE_KEY.test(value)) return 'privateKey';
  if (name && looksLikeCredentialName(name) && !isPlaceholder(value, name)) return 'credential';
  if (AUTHORIZATION_VALUE.test(value) && !isPlaceholderValue(value) && !PLACEHOLDER.test(value)) return 'authorization';
  return undefined;
}

// ---- credentials in ConfigMap data (configmap-credentials) -------------------------------------

/** Words that make a key name a credential. */
const SECRET_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase', 'secret', 'token', 'apikey', 'credential', 'credentials']);
/** Word pairs that make a key name a credential (`API_KEY`, `PRIVATE_KEY`, `AWS_SECRET_ACCESS_KEY`, `AZURE_BATCH_KEY`, …). */
const SECRET_PAIRS = [['api', 'key'], ['private', 'key'], ['access', 'key'], ['batch', 'key'], ['account', 'key'], ['key', 'content'], ['client', 'secret'], ['auth', 'key'], ['signing', 'key']];
/** Words that show the key names where a credential is, or a setting about it, not the credential itself. */
const META_WORDS = new Set(['file', 'path', 'name', 'ref', 'ttl', 'length', 'enabled', 'enable', 'disable', 'disabled', 'url', 'uri', 'endpoint', 'header', 'expiry', 'expiration', 'lifetime', 'type', 'mode', 'dir', 'location', 'secretname', 'policy', 'audience', 'issuer', 'timeout', 'duration', 'refresh', 'source', 'env', 'id', 'field', 'key', 'keys', 'selector', 'provider', 'store', 'namespace', 'annotation', 'min', 'max', 'size', 'algorithm', 'format', 'hash', 'param', 'query', 'cookie', 'scope', 'scopes', 'reviewer', 'webhook', 'method', 'methods']);



/** Does the key name say it holds a credential? */
export function credentialKey(key: string): boolean {
  const w = nameWords(key);
  const last = w[w.length - 1];
  const hasWord = w.some((x) => SECRET_WORDS.has(x));
  const hasPair = SECRET_PAIRS.some(([a, b]) => w.some((x, i) => x === a && w[i + 1] === b));
  if (!hasWord && !hasPair) return false;
  // `token_file`, `password_path`, `secret_name`: the last word says what the value is
  if (last && META_WORDS.has(last) && !(hasPair && last === 'key')) return false;
  return true;
}

function looksLikeValue(v: string): boolean {
  const t = v.trim();
  if (!t || t.length < 4) return false;
  if (/^(true|false|none|null|\*+|<.*>|\$\{.*\}|\{\{.*\}\}|\$\(.*\))$/i.test(t)) return false; // a switch or a placeholder
  if (t.startsWith('/') || /^[a-z]+:\/\/[^@]*$/i.test(t)) return false; // a path or a URL without credentials
  return true;
}

/** What `configmap-credentials` reports for one data entry: a private key, an AWS key id, a credential by its key name, or nothing. */
export function configMapCredential(key: string, value: string): 'privateKey' | 'cloudKey' | 'sensitiveKey' | undefined {
  if (PRIVATE_KEY.test(value)) return 'privateKey';
  if (AWS_KEY_ID.test(value)) return 'cloudKey';
  if (!value.includes('\n') && credentialKey(key) && looksLikeValue(value)) return 'sensitiveKey';
  return undefined;
}
