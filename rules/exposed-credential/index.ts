import { CUSTOM_RESOURCE, defineRule, isRecord, walkValue, type Path } from '../../engine';
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
      // its token and private-key values; the credential-by-name half is secret-in-env's and configmap-credentials'
      kubescape: ['C-0012'],
    },
    messages: {
      exposed: '{{kind}} {{name}}: {{where}} holds {{provider}}; revoke it and keep the new one in a Secret.',
    },
  },
  check(ctx) {
    walk(ctx.object.value, (value, path, key) => {
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
 * Calls `visit` for every string in `v` with its path and the name it is stored under: the map key (for an item
 * of a list, the list's key), or for the `value` of an env-style item (`{name, value}`), the item's `name`. The
 * engine's walk: a value shared through an alias is searched (and reported) once, a recursive alias never loops.
 */
function walk(v: unknown, visit: (value: string, path: Path, key: string | undefined) => void): void {
  walkValue(v, (e) => {
    if (typeof e.value !== 'string' || e.value.length > MAX_LENGTH) return;
    const parent = e.parent;
    const named = e.key === 'value' && isRecord(parent) && typeof parent.name === 'string' ? parent.name : undefined;
    visit(e.value, [...e.path], named ?? lastKey(e.path));
  });
}

function lastKey(path: Path): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return undefined;
}
