import { defineRule, type ContainerRef, type Fix, type Path } from '../../engine';
import { isTillerLabels, labelsMatching, tillerContainers } from '../_lib/addons';

const LOCAL = 'localhost:44134';

/** Hosts that keep Tiller's gRPC port inside its own pod. */
const isLoopback = (host: string) => host === 'localhost' || /^127(\.\d{1,3}){3}$/.test(host) || host === '[::1]';

interface ListenFlag { value: string; path: Path; form: 'joined' | 'split' }

/** The last `--listen` flag in the container's command and args (the one Tiller uses). */
function listenFlag(c: ContainerRef): ListenFlag | undefined {
  let found: ListenFlag | undefined;
  for (const field of ['command', 'args'] as const) {
    const list = c.value[field];
    if (!Array.isArray(list)) continue;
    list.forEach((item, i) => {
      if (typeof item !== 'string') return;
      if (item.startsWith('--listen=')) found = { value: item.slice('--listen='.length), path: [...c.path, field, i], form: 'joined' };
      else if (item === '--listen' && typeof list[i + 1] === 'string') found = { value: list[i + 1] as string, path: [...c.path, field, i + 1], form: 'split' };
    });
  }
  return found;
}

export default defineRule({
  meta: {
    id: 'helm-tiller-listening',
    title: 'Helm v2 Tiller listens on every pod interface',
    category: 'components',
    goals: ['integrity', 'possession', 'authenticity'],
    severity: 'error',
    appliesTo: ['podSpec'],
    profiles: [],
    layer: 'orchestrator',
    principle: 'least privilege',
    docs: {
      summary: 'Tiller listens on `:44134`, every interface of its pod, unless started with `--listen=localhost:44134`; any pod in the cluster can then call its unauthenticated gRPC API and install charts with Tiller\'s (often cluster-admin) rights.',
      recipe: 'Remove Tiller by migrating to Helm 3; until then start it with `--listen=localhost:44134`, so only `helm` through `kubectl port-forward` reaches it.',
    },
    peers: {
      checkov: ['CKV_K8S_45'],
    },
    messages: {
      missing: '{{kind}} {{name}}: Tiller container "{{container}}" has no --listen flag, so it listens on every interface (:44134).',
      open: '{{kind}} {{name}}: Tiller container "{{container}}" listens on "{{listen}}", reachable from other pods.',
    },
  },
  check(ctx) {
    const labelled = labelsMatching(ctx.object, ctx.podSpec(), isTillerLabels) !== undefined;
    for (const c of tillerContainers(ctx.containers(), labelled)) {
      const flag = listenFlag(c);
      const data = { container: c.name };
      if (!flag) {
        const path = [...c.path, 'args'];
        const fix: Fix = { title: 'Listen on localhost only', safety: 'review', ops: [{ op: 'append', path, value: `--listen=${LOCAL}` }] };
        ctx.report({ messageId: 'missing', data, path, fix });
        continue;
      }
      const colon = flag.value.lastIndexOf(':');
      const host = colon >= 0 ? flag.value.slice(0, colon) : flag.value;
      if (isLoopback(host)) continue;
      const value = flag.form === 'joined' ? `--listen=${LOCAL}` : LOCAL;
      ctx.report({ messageId: 'open', data: { ...data, listen: flag.value }, path: flag.path, fix: { title: 'Listen on localhost only', safety: 'review', ops: [{ op: 'set', path: flag.path, value }] } });
    }
  },
});
