import { defineRule } from '../../engine';
import { parseImage } from '../_lib/image';

export default defineRule({
  meta: {
    id: 'image-tag-latest',
    title: 'Image uses the latest tag or no tag',
    category: 'chain',
    goals: ['integrity', 'authenticity', 'availability'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    profiles: ['recommended'],
    layer: 'application',
    docs: {
      summary: 'An image without a tag means `:latest`, which moves: two nodes can run different code from the same manifest, and a rollback cannot go back.',
      recipe: 'Use an explicit, immutable version tag (`nginx:1.27.3`), or better a digest (`nginx@sha256:…`).',
    },
    peers: {
      'kube-linter': ['latest-tag'],
      polaris: ['tagNotSpecified'],
      'kube-score': ['container-image-tag'],
      checkov: ['CKV_K8S_14'],
      trivy: ['KSV-0013'],
      datree: ['CONTAINERS_MISSING_IMAGE_VALUE_VERSION'],
    },
    messages: {
      latest: '{{kind}} {{name}}: container "{{container}}" uses image "{{image}}" with the moving tag "latest".',
      untagged: '{{kind}} {{name}}: container "{{container}}" uses image "{{image}}" without a tag or digest, which means "latest".',
    },
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      if (typeof c.value.image !== 'string') continue;
      const ref = parseImage(c.value.image);
      // a digest pins the content whatever the tag says
      if (!ref || ref.digest) continue;
      if (ref.tag !== undefined && ref.tag !== 'latest') continue;
      ctx.report({
        messageId: ref.tag === 'latest' ? 'latest' : 'untagged',
        data: { container: c.name, image: ref.raw },
        path: [...c.path, 'image'],
      });
    }
  },
});
