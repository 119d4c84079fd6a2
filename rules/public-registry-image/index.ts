import { defineRule } from '../../engine';
import { resolveImage } from '../_lib/image';

/**
 * Registry hosts run by third parties on the public internet. Cloud registries that are private per
 * account (`*.azurecr.io`, `*.dkr.ecr.*.amazonaws.com`, `*-docker.pkg.dev`) and self-hosted ones are not
 * listed: what they serve is the organisation's own copy.
 */
const PUBLIC: ReadonlySet<string> = new Set([
  'docker.io', 'ghcr.io', 'quay.io', 'gcr.io', 'us.gcr.io', 'eu.gcr.io', 'asia.gcr.io', 'k8s.gcr.io', 'registry.k8s.io',
  'public.ecr.aws', 'mcr.microsoft.com', 'registry.gitlab.com', 'docker.elastic.co', 'nvcr.io', 'cgr.dev', 'lscr.io',
  'registry.access.redhat.com',
]);

export default defineRule({
  meta: {
    id: 'public-registry-image',
    title: 'Image pulled from a public registry',
    category: 'chain',
    goals: ['availability', 'integrity', 'authenticity'],
    severity: 'info',
    appliesTo: ['podSpec'],
    profiles: [],
    layer: 'system',
    docs: {
      summary: 'An image pulled straight from a public registry depends on a third party at every pod start: it can be rate-limited or unreachable, and what a tag points to is decided by whoever controls the public repository.',
      recipe: 'Mirror the images your workloads use into a registry your organisation controls (a pull-through cache or a copied, scanned image) and reference them there, pinned by digest.',
    },
    peers: {
      trivy: ['KSV-0034'],
    },
    messages: {
      public: '{{kind}} {{name}}: container "{{container}}" pulls {{image}} from {{registry}}, a public registry run by a third party; use a mirror your organisation controls.',
    },
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const image = c.value.image;
      if (typeof image !== 'string') continue;
      const ref = resolveImage(image);
      if (!ref || !PUBLIC.has(ref.registry)) continue;
      const registry = ref.registry;
      ctx.report({ messageId: 'public', data: { container: c.name, image, registry }, path: [...c.path, 'image'] });
    }
  },
});
