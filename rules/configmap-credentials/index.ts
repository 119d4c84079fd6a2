import { defineRule, isRecord } from '../../engine';
import { configMapCredential } from '../_lib/credentials';

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
      const found = configMapCredential(key, v);
      if (found) ctx.report({ messageId: found, data: { key }, path });
    }
  },
});
