import { defineRule, isRecord } from '../../engine';
import { envReportsCredential } from '../_lib/credentials';

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
      kubescape: ['C-0259', 'C-0012'],
    },
    messages: {
      credential: '{{kind}} {{name}}: container "{{container}}" sets {{env}} to a literal value; a credential belongs in a Secret.',
      privateKey: '{{kind}} {{name}}: container "{{container}}" puts a private key in {{env}}; a credential belongs in a Secret.',
      authorization: '{{kind}} {{name}}: container "{{container}}" sets {{env}} to an HTTP Authorization value with its token or password; a credential belongs in a Secret.',
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
        const found = envReportsCredential(envName, value);
        if (found) ctx.report({ messageId: found, data, path });
      });
    }
  },
});
