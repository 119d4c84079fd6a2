import { defineRule } from '../../engine';
import { resolveImage } from '../_lib/image';

/** Is the image under one of the allowed prefixes? A prefix is a registry host, or a host followed by a path. */
function allowed(image: string, prefixes: string[]): boolean {
  const ref = resolveImage(image);
  if (!ref) return true; // a template expression: not ours to judge
  const full = `${ref.registry}/${ref.repository}`;
  return prefixes.some((p) => {
    const want = p.trim().replace(/\/+$/, '').toLowerCase();
    if (!want) return false;
    const norm = resolveImage(`${want}/x`);
    const host = norm ? norm.registry : want;
    const path = norm ? norm.repository.replace(/\/?x$/, '').replace(/^library$/, '') : '';
    const prefix = path ? `${host}/${path}` : host;
    return full === prefix || full.startsWith(`${prefix}/`);
  });
}

export default defineRule({
  meta: {
    id: 'allowed-registries',
    title: 'Image comes from a registry that is not allowed',
    category: 'chain',
    goals: ['authenticity', 'integrity'],
    severity: 'error',
    appliesTo: ['podSpec'],
    profiles: ['recommended'],
    layer: 'system',
    docs: {
      summary: 'Images from registries your organisation does not control or mirror can change under the same tag, disappear, or be replaced by look-alikes; an allow-list keeps every workload on vetted sources.',
      recipe: 'Pull the image through an allowed registry (mirror or copy it there), or add the registry to the `registries` option if it is trusted.',
    },
    peers: {
      kubescape: ['C-0078'],
      trivy: ['KSV-0125'],
    },
    defaultOptions: { registries: [] },
    messages: {
      registry: '{{kind}} {{name}}: container "{{container}}" uses image "{{image}}" from {{registry}}, which is not in the allowed registries.',
    },
  },
  check(ctx) {
    const list = Array.isArray(ctx.options.registries) ? ctx.options.registries.filter((x): x is string => typeof x === 'string') : [];
    if (!list.length) return; // off until configured
    for (const c of ctx.containers()) {
      const image = c.value.image;
      if (typeof image !== 'string' || allowed(image, list)) continue;
      ctx.report({ messageId: 'registry', data: { container: c.name, image, registry: resolveImage(image)?.registry ?? '?' }, path: [...c.path, 'image'] });
    }
  },
});
