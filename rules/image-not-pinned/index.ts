import { defineRule } from '../../engine';
import { isValidDigest, parseImage } from '../_lib/image';

export default defineRule({
  meta: {
    id: 'image-not-pinned',
    title: 'Image is not pinned by digest',
    category: 'chain',
    goals: ['integrity', 'authenticity'],
    severity: 'info',
    appliesTo: ['podSpec'],
    // too noisy for the default profile: most teams pin by tag and rely on registry immutability
    profiles: [],
    layer: 'application',
    docs: {
      summary: 'A tag can be moved to other content at any time; only a digest names exactly the image that was built, scanned and approved.',
      recipe: 'Reference the image by digest (`registry.example.com/app:1.4.2@sha256:<64 hex digits>`), and let a bot such as Renovate keep the digest current.',
    },
    peers: {
      checkov: ['CKV_K8S_43'],
      kubescape: ['C-0306'],
      datree: ['CONTAINERS_MISSING_IMAGE_VALUE_DIGEST'],
    },
    messages: {
      notPinned: '{{kind}} {{name}}: container "{{container}}" uses image "{{image}}", which is not pinned by digest.',
      badDigest: '{{kind}} {{name}}: container "{{container}}" uses image "{{image}}" whose digest is malformed, so it pins nothing.',
    },
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      if (typeof c.value.image !== 'string') continue;
      const ref = parseImage(c.value.image);
      // not an image reference at all (placeholder, empty): nothing to pin
      if (!ref || (ref.digest && isValidDigest(ref.digest))) continue;
      ctx.report({
        messageId: ref.digest ? 'badDigest' : 'notPinned',
        data: { container: c.name, image: c.value.image.trim() },
        path: [...c.path, 'image'],
      });
    }
  },
});
