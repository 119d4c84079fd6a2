import { defineRule } from '../../engine';

export default defineRule({
  meta: {
    id: 'deprecated-registry',
    title: 'Image comes from the frozen k8s.gcr.io registry',
    category: 'chain',
    goals: ['availability', 'integrity'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    profiles: ['recommended'],
    layer: 'system',
    docs: {
      summary: 'k8s.gcr.io stopped receiving images in April 2023 and is being shut down: no security fixes are published there, and pulls from it will fail.',
      recipe: 'Replace `k8s.gcr.io/` with `registry.k8s.io/`, which serves the same images and every newer release.',
    },
    peers: {
      kubescape: ['C-0253'],
    },
    messages: {
      frozen: '{{kind}} {{name}}: container "{{container}}" pulls from k8s.gcr.io, which is frozen and being shut down; use registry.k8s.io.',
    },
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const image = c.value.image;
      if (typeof image !== 'string') continue;
      const m = /^(?:([a-z0-9-]+)\.)?k8s\.gcr\.io\//.exec(image.trim());
      if (!m) continue;
      const fixed = image.trim().replace(/^(?:[a-z0-9-]+\.)?k8s\.gcr\.io\//, 'registry.k8s.io/');
      const path = [...c.path, 'image'];
      ctx.report({ messageId: 'frozen', data: { container: c.name }, path, fix: { title: 'Pull from registry.k8s.io', safety: 'safe', ops: [{ op: 'set', path, value: fixed }] } });
    }
  },
});
