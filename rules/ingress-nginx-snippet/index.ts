import { defineRule, isRecord } from '../../engine';

const SNIPPETS = ['server-snippet', 'configuration-snippet', 'auth-snippet', 'stream-snippet', 'modsecurity-snippet'];

export default defineRule({
  meta: {
    id: 'ingress-nginx-snippet',
    title: 'ingress-nginx snippet annotation injects raw NGINX configuration',
    category: 'components',
    goals: ['confidentiality', 'possession', 'integrity'],
    severity: 'warning',
    appliesTo: ['Ingress', 'ConfigMap'],
    profiles: ['recommended'],
    layer: 'orchestrator',
    docs: {
      summary: 'Snippet annotations paste text into the shared NGINX configuration of ingress-nginx; whoever can write an Ingress can then read the controller\'s service-account token and every Secret it can see (CVE-2021-25742).',
      recipe: 'Replace the snippet with the dedicated annotation for the setting, and keep `allow-snippet-annotations: "false"` in the controller\'s ConfigMap.',
    },
    peers: {
      checkov: ['CKV_K8S_152', 'CKV_K8S_153', 'CKV_K8S_154'],
      kubescape: ['C-0059'],
      trivy: ['KCV-0093'],
      datree: ['CONFIGMAP_CVE2021_25742_INCORRECT_SNIPPET_ANNOTATIONS_VALUE', 'INGRESS_CVE2021_25742_INCORRECT_SERVER_SNIPPET_KEY'],
    },
    // Checkov's three and Datree's Ingress check read Ingress annotations; Datree's ConfigMap check the controller's setting
    peerMessages: {
      checkov: { CKV_K8S_152: ['snippet'], CKV_K8S_153: ['snippet'], CKV_K8S_154: ['snippet'] },
      datree: { CONFIGMAP_CVE2021_25742_INCORRECT_SNIPPET_ANNOTATIONS_VALUE: ['allowSnippets'], INGRESS_CVE2021_25742_INCORRECT_SERVER_SNIPPET_KEY: ['snippet'] },
    },
    messages: {
      snippet: '{{kind}} {{name}}: annotation "{{annotation}}" injects raw NGINX configuration into the shared controller (CVE-2021-25742).',
      allowSnippets: '{{kind}} {{name}}: allow-snippet-annotations is "true", so any Ingress author can inject NGINX configuration (CVE-2021-25742).',
    },
  },
  check(ctx) {
    const o = ctx.object;
    if (o.kind === 'ConfigMap') {
      const data = isRecord(o.value.data) ? o.value.data : {};
      if (String(data['allow-snippet-annotations']).toLowerCase() === 'true') {
        ctx.report({
          messageId: 'allowSnippets',
          path: ['data', 'allow-snippet-annotations'],
          fix: { title: 'Set allow-snippet-annotations: "false"', safety: 'review', ops: [{ op: 'set', path: ['data', 'allow-snippet-annotations'], value: 'false' }] },
        });
      }
      return;
    }
    const ann = isRecord(o.metadata.annotations) ? o.metadata.annotations : {};
    for (const key of Object.keys(ann)) {
      const m = /^([a-z0-9.-]+)\/(.+)$/.exec(key);
      if (!m || !m[1].startsWith('nginx.ingress.kubernetes.io') || !SNIPPETS.includes(m[2])) continue;
      const path = ['metadata', 'annotations', key];
      ctx.report({ messageId: 'snippet', data: { annotation: key }, path, fix: { title: `Remove ${key}`, safety: 'review', ops: [{ op: 'remove', path }] } });
    }
  },
});
