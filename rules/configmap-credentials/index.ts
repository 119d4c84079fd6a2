import { defineRule, isRecord } from '../../engine';

/** Words that make a key name a credential. */
const SECRET_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase', 'secret', 'token', 'apikey', 'credential', 'credentials']);
/** Word pairs that make a key name a credential (`API_KEY`, `PRIVATE_KEY`, `AWS_SECRET_ACCESS_KEY`, `AZURE_BATCH_KEY`, …). */
const SECRET_PAIRS = [['api', 'key'], ['private', 'key'], ['access', 'key'], ['batch', 'key'], ['account', 'key'], ['key', 'content'], ['client', 'secret'], ['auth', 'key'], ['signing', 'key']];
/** Words that show the key names where a credential is, or a setting about it, not the credential itself. */
const META_WORDS = new Set(['file', 'path', 'name', 'ref', 'ttl', 'length', 'enabled', 'enable', 'disable', 'disabled', 'url', 'uri', 'endpoint', 'header', 'expiry', 'expiration', 'lifetime', 'type', 'mode', 'dir', 'location', 'secretname', 'policy', 'audience', 'issuer', 'timeout', 'duration', 'refresh', 'source', 'env', 'id', 'field', 'key', 'keys', 'selector', 'provider', 'store', 'namespace', 'annotation', 'min', 'max', 'size', 'algorithm', 'format', 'hash', 'param', 'query', 'cookie', 'scope', 'scopes', 'reviewer', 'webhook', 'method', 'methods']);

const PRIVATE_KEY = /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/;
const AWS_KEY_ID = /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/;

function words(key: string): string[] {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/** Does the key name say it holds a credential? */
export function credentialKey(key: string): boolean {
  const w = words(key);
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

export default defineRule({
  meta: {
    id: 'configmap-credentials',
    title: 'ConfigMap holds a credential',
    category: 'code',
    goals: ['confidentiality', 'possession'],
    severity: 'warning',
    appliesTo: ['ConfigMap'],
    profiles: ['recommended'],
    layer: 'application',
    docs: {
      summary: 'ConfigMaps are readable by anyone with ordinary read access to the namespace, are not encrypted at rest, and end up in Git and in logs: a password, token or private key there is public to everyone who can see the configuration.',
      recipe: 'Move the value into a Secret (or an external secret store) and reference it from the workload; keep only non-secret settings in the ConfigMap.',
    },
    peers: {
      polaris: ['sensitiveConfigmapContent'],
      kubescape: ['C-0012'],
      trivy: ['KSV-01010', 'KSV-0109'],
    },
    messages: {
      privateKey: '{{kind}} {{name}}: "{{key}}" contains a private key.',
      cloudKey: '{{kind}} {{name}}: "{{key}}" contains an AWS access key id.',
      sensitiveKey: '{{kind}} {{name}}: "{{key}}" looks like a credential; ConfigMaps are not secret.',
    },
  },
  check(ctx) {
    const data = ctx.object.value.data;
    if (!isRecord(data)) return;
    for (const [key, raw] of Object.entries(data)) {
      if (raw === null || raw === undefined || typeof raw === 'object') continue;
      const v = String(raw);
      const path = ['data', key];
      if (PRIVATE_KEY.test(v)) ctx.report({ messageId: 'privateKey', data: { key }, path });
      else if (AWS_KEY_ID.test(v)) ctx.report({ messageId: 'cloudKey', data: { key }, path });
      else if (!v.includes('\n') && credentialKey(key) && looksLikeValue(v)) ctx.report({ messageId: 'sensitiveKey', data: { key }, path });
    }
  },
});
