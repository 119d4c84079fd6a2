import { defineRule } from '../../engine';
import { isDashboardImage, isDashboardLabels, labelsMatching } from '../_lib/addons';

export default defineRule({
  meta: {
    id: 'kubernetes-dashboard-deployed',
    title: 'Kubernetes Dashboard is deployed',
    category: 'components',
    goals: ['confidentiality', 'integrity', 'possession'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    profiles: [],
    layer: 'orchestrator',
    principle: 'minimal attack surface',
    docs: {
      summary: 'The Kubernetes Dashboard is a web UI that acts on the cluster with the token it is given or, when installed with broad rights or skip-login, with its own service account; exposed dashboards are a classic entry point into clusters.',
      recipe: 'Do not run the Dashboard in production clusters; use `kubectl`, or a UI that runs on the operator\'s machine with their own credentials. If it must stay, keep it unexposed (port-forward only), with login required and a service account without rights.',
    },
    peers: {
      checkov: ['CKV_K8S_33'],
    },
    messages: {
      image: '{{kind}} {{name}}: container "{{container}}" runs the Kubernetes Dashboard ({{image}}).',
      labelled: '{{kind}} {{name}}: labelled as the Kubernetes Dashboard.',
    },
  },
  check(ctx) {
    const found = ctx.containers().filter((c) => isDashboardImage(c.value.image));
    for (const c of found) ctx.report({ messageId: 'image', data: { container: c.name, image: String(c.value.image) }, path: [...c.path, 'image'] });
    if (found.length) return;
    const labels = labelsMatching(ctx.object, ctx.podSpec(), isDashboardLabels);
    if (labels) ctx.report({ messageId: 'labelled', path: labels.path });
  },
});
