import { defineRule } from '../../engine';
import { resolveImage } from '../_lib/image';

/**
 * Repositories of the community ingress-nginx controller (kubernetes/ingress-nginx), under every registry
 * the project published to. The NGINX Inc. controller (`nginx/nginx-ingress`) is a different, maintained
 * project and is not listed.
 */
const RETIRED = new Set([
  'registry.k8s.io/ingress-nginx/controller',
  'registry.k8s.io/ingress-nginx/controller-chroot',
  'k8s.gcr.io/ingress-nginx/controller',
  'k8s.gcr.io/ingress-nginx/controller-chroot',
  'us.gcr.io/k8s-artifacts-prod/ingress-nginx/controller',
  'us.gcr.io/k8s-artifacts-prod/ingress-nginx/controller-chroot',
  'quay.io/kubernetes-ingress-controller/nginx-ingress-controller',
]);

export default defineRule({
  meta: {
    id: 'ingress-nginx-retired',
    title: 'Retired ingress-nginx controller',
    category: 'components',
    goals: ['integrity', 'confidentiality', 'availability'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    profiles: ['recommended'],
    layer: 'application',
    docs: {
      summary: 'The community ingress-nginx controller was retired in March 2026: no releases and no security fixes any more, for a component that faces the internet and reads every Secret with a certificate.',
      recipe: 'Move the routes to a maintained controller, preferably a Gateway API implementation, or to another maintained Ingress controller; until then keep snippets off and the admission webhook unreachable from workloads.',
    },
    peers: {
      kubescape: ['C-0292'],
    },
    messages: {
      retired: '{{kind}} {{name}}: container "{{container}}" runs the community ingress-nginx controller ({{image}}), retired in March 2026 with no further security fixes; migrate to a maintained controller.',
    },
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const image = c.value.image;
      if (typeof image !== 'string') continue;
      const ref = resolveImage(image);
      if (!ref || !RETIRED.has(`${ref.registry}/${ref.repository}`)) continue;
      ctx.report({ messageId: 'retired', data: { container: c.name, image }, path: [...c.path, 'image'] });
    }
  },
});
