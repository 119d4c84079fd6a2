import { defineRule } from '../../engine';
import { parseImage } from '../_lib/image';

export default defineRule({
  meta: {
    id: 'image-latest-pull-policy',
    title: 'Latest-tagged image is not pulled on every start',
    category: 'container',
    goals: ['integrity', 'authenticity'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    profiles: [],
    layer: 'system',
    docs: {
      summary: 'An image tagged `latest` (or untagged) with `imagePullPolicy` other than `Always` runs whatever build each node cached under that tag: replicas on different nodes run different code, and a fixed build is never picked up.',
      recipe: 'Pin the image to a version tag or digest; until then remove `imagePullPolicy` (it defaults to `Always` for `latest`) or set it to `Always`.',
    },
    peers: {
      kubescape: ['C-0075'],
    },
    messages: {
      policy: '{{kind}} {{name}}: container "{{container}}" runs {{image}} with imagePullPolicy {{policy}}, so each node keeps whatever build it cached.',
    },
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const policy = c.value.imagePullPolicy;
      // Unset, the policy defaults to Always for latest and untagged images.
      if (typeof policy !== 'string' || policy === 'Always' || typeof c.value.image !== 'string') continue;
      const ref = parseImage(c.value.image);
      if (!ref || ref.digest || (ref.tag !== undefined && ref.tag !== 'latest')) continue;
      const path = [...c.path, 'imagePullPolicy'];
      ctx.report({
        messageId: 'policy', data: { container: c.name, image: ref.raw, policy }, path,
        fix: { title: 'Set imagePullPolicy: Always', safety: 'review', ops: [{ op: 'set', path, value: 'Always' }] },
      });
    }
  },
});
