import { defineRule } from '../../engine';

/** The tag of an image reference, '' when there is none (a digest counts as pinned). */
function tagOf(image: string): string | undefined {
  if (image.includes('@')) return undefined;
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? image.slice(colon + 1) : '';
}

export default defineRule({
  meta: {
    id: 'image-pull-policy',
    title: 'Image is not pulled on every start',
    category: 'container',
    goals: ['authenticity', 'confidentiality'],
    severity: 'info',
    appliesTo: ['podSpec'],
    profiles: [],
    layer: 'system',
    docs: {
      summary: 'With `IfNotPresent` or `Never` a node reuses whatever image it cached under that tag: a tag moved to a fixed build is not picked up, and a pod on a shared node can use a private image without presenting the pull secret.',
      recipe: 'Set `imagePullPolicy: Always` (the registry is only asked for the digest when the layers are cached), or pin images by digest.',
    },
    peers: {
      polaris: ['pullPolicyNotAlways'],
      'kube-score': ['container-image-pull-policy'],
      checkov: ['CKV_K8S_15'],
    },
    messages: {
      policy: '{{kind}} {{name}}: container "{{container}}" uses imagePullPolicy {{policy}}, so a cached image may be used without checking the registry.',
    },
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const image = typeof c.value.image === 'string' ? c.value.image : undefined;
      const explicit = c.value.imagePullPolicy;
      const path = [...c.path, 'imagePullPolicy'];
      let policy: string;
      if (typeof explicit === 'string') policy = explicit;
      else {
        if (!image) continue;
        const tag = tagOf(image);
        if (tag === undefined) continue; // pinned by digest: the cache cannot be stale
        policy = tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
        if (policy === 'IfNotPresent') policy = 'IfNotPresent (the default for a tagged image)';
      }
      if (policy === 'Always') continue;
      if (typeof explicit === 'string' && image && tagOf(image) === undefined) continue;
      ctx.report({ messageId: 'policy', data: { container: c.name, policy }, path: typeof explicit === 'string' ? path : c.path, fix: { title: 'Set imagePullPolicy: Always', safety: 'review', ops: [{ op: 'set', path, value: 'Always' }] } });
    }
  },
});
