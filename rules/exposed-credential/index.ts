import { CUSTOM_RESOURCE, defineRule, isRecord, type Path } from '../../engine';
import { credentialIn } from '../_lib/credentials';
import { SCHEMA_KINDS } from '../_lib/k8s-schema';

/** `kubectl apply` keeps a copy of the whole object here: a credential in it is reported where it is written. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Strings longer than this are not searched (a bundled file or a certificate chain, not a credential). */
const MAX_LENGTH = 256 * 1024;

export default defineRule({
  meta: {
    id: 'exposed-credential',
    title: 'Credential written into a manifest',
    category: 'code',
    goals: ['confidentiality', 'possession', 'authenticity'],
    severity: 'error',
    // every built-in kind but Secrets (where a credential belongs), and custom resources
    appliesTo: [...SCHEMA_KINDS.filter((k) => k !== 'Secret' && k !== 'SecretList'), CUSTOM_RESOURCE],
    profiles: ['recommended'],
    layer: 'application',
    principle: 'zero trust',
    // a literal credential env var and a ConfigMap credential have their own rule and explanation
    yieldsTo: ['secret-in-env', 'configmap-credentials'],
    docs: {
      summary: 'A token or private key written into a manifest is readable by everyone who can read the repository, the object and their history; whoever copies it acts as its owner until it is revoked.',
      recipe: 'Revoke the credential, issue a new one, keep it in a Secret (or an external secret store) and reference it from the workload; remove it from the repository history.',
    },
    peers: {
      datree: [
        'ALL_EXPOSED_SECRET_BITBUCKET', 'ALL_EXPOSED_SECRET_DATADOG', 'ALL_EXPOSED_SECRET_GCP', 'ALL_EXPOSED_SECRET_AWS',
        'ALL_EXPOSED_SECRET_GITHUB', 'ALL_EXPOSED_SECRET_GITLAB', 'ALL_EXPOSED_SECRET_TERRAFORM', 'ALL_EXPOSED_SECRET_HEROKU',
        'ALL_EXPOSED_SECRET_JWT', 'ALL_EXPOSED_SECRET_LAUNCHDARKLY', 'ALL_EXPOSED_SECRET_NEWRELIC', 'ALL_EXPOSED_SECRET_NPM',
        'ALL_EXPOSED_SECRET_OKTA', 'ALL_EXPOSED_SECRET_STRIPE', 'ALL_EXPOSED_SECRET_SUMOLOGIC', 'ALL_EXPOSED_SECRET_TWILIO',
        'ALL_EXPOSED_SECRET_VAULT', 'ALL_EXPOSED_SECRET_PRIVATEKEY',
      ],
    },
    messages: {
      exposed: '{{kind}} {{name}}: {{where}} holds {{provider}}; revoke it and keep the new one in a Secret.',
    },
  },
  check(ctx) {
    walk(ctx.object.value, [], undefined, (value, path, key) => {
      if (path.length === 3 && path[0] === 'metadata' && path[1] === 'annotations' && path[2] === LAST_APPLIED) return;
      const found = credentialIn(value, key);
      if (found) ctx.report({ messageId: 'exposed', data: { where: pathText(path), provider: found.provider }, path });
    });
  },
});

/** `spec.containers[0].args[2]` */
function pathText(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');
}

/**
 * Calls `visit` for every string in `v` with its path and the name it is stored under: the map key, or for an
 * item of an env-style list (`{name, value}`), the item's `name`.
 */
function walk(v: unknown, path: Path, key: string | undefined, visit: (value: string, path: Path, key: string | undefined) => void): void {
  if (typeof v === 'string') {
    if (v.length <= MAX_LENGTH) visit(v, path, key);
    return;
  }
  if (Array.isArray(v)) {
    v.forEach((x, i) => walk(x, [...path, i], key, visit));
    return;
  }
  if (!isRecord(v)) return;
  const named = typeof v.name === 'string' ? v.name : undefined;
  for (const [k, x] of Object.entries(v)) walk(x, [...path, k], k === 'value' && named ? named : k, visit);
}
