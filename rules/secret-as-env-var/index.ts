import { defineRule, isRecord } from '../../engine';

export default defineRule({
  meta: {
    id: 'secret-as-env-var',
    title: 'Secret is passed to a container as environment variables',
    category: 'code',
    goals: ['confidentiality', 'possession'],
    severity: 'info',
    appliesTo: ['podSpec'],
    profiles: [],
    layer: 'application',
    docs: {
      summary: 'Environment variables leak: they are inherited by every child process, printed by crash handlers and debug endpoints, and visible in the process table; a Secret mounted as a file does not travel that way and can be rotated without a restart.',
      recipe: 'Mount the Secret as a volume (read-only) and have the application read the file; keep environment variables for non-secret configuration.',
    },
    peers: {
      'kube-linter': ['read-secret-from-env-var'],
      kubesec: ['SecretsAsEnvironmentVariables'],
      checkov: ['CKV_K8S_35'],
      kubescape: ['C-0207'],
      datree: ['CIS_INVALID_KEY_SECRETKEYREF_SECRETREF'],
    },
    messages: {
      secretKeyRef: '{{kind}} {{name}}: container "{{container}}" reads Secret "{{secret}}" into environment variable {{env}}.',
      secretRef: '{{kind}} {{name}}: container "{{container}}" loads every key of Secret "{{secret}}" into its environment.',
    },
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const env = Array.isArray(c.value.env) ? c.value.env : [];
      env.forEach((e, i) => {
        if (!isRecord(e) || !isRecord(e.valueFrom) || !isRecord(e.valueFrom.secretKeyRef)) return;
        const secret = String(e.valueFrom.secretKeyRef.name ?? '');
        ctx.report({ messageId: 'secretKeyRef', data: { container: c.name, secret, env: String(e.name) }, path: [...c.path, 'env', i, 'valueFrom', 'secretKeyRef'] });
      });
      const envFrom = Array.isArray(c.value.envFrom) ? c.value.envFrom : [];
      envFrom.forEach((e, i) => {
        if (!isRecord(e) || !isRecord(e.secretRef)) return;
        ctx.report({ messageId: 'secretRef', data: { container: c.name, secret: String(e.secretRef.name ?? '') }, path: [...c.path, 'envFrom', i, 'secretRef'] });
      });
    }
  },
});
