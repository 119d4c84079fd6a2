import { defineRule, isRecord, type Path } from '../../engine';
import { podSelectorOf } from '../_lib/netpol';
import { isEmptySelector, sameNamespace, sameScope, selectorMatches, workloadsIn } from '../_lib/selectors';

export default defineRule({
  meta: {
    id: 'network-policy-unmatched',
    title: 'NetworkPolicy selector matches no workload',
    category: 'core',
    goals: ['confidentiality', 'utility'],
    severity: 'warning',
    appliesTo: ['NetworkPolicy'],
    reads: ['podSpec'],
    profiles: [],
    layer: 'orchestrator',
    docs: {
      summary: 'A NetworkPolicy whose pod selector matches none of the workloads it ships with protects nothing (or, as a peer selector, allows nothing); the labels have usually drifted apart.',
      recipe: 'Make the selector\'s labels match the pod template labels of the workload it is meant for (or remove the policy).',
    },
    peers: {
      'kube-linter': ['dangling-networkpolicy', 'dangling-networkpolicypeer-podselector'],
      'kube-score': ['networkpolicy-targets-pod'],
      kubescape: ['C-0299'],
    },
    peerMessages: {
      'kube-linter': { 'dangling-networkpolicy': ['target'], 'dangling-networkpolicypeer-podselector': ['peer'] },
      'kube-score': { 'networkpolicy-targets-pod': ['target'] },
      kubescape: { 'C-0299': ['target'] },
    },
    messages: {
      target: '{{kind}} {{name}}: podSelector matches no pods of the workloads in the scanned manifests, so the policy applies to nothing.',
      peer: '{{kind}} {{name}}: the {{direction}} peer podSelector matches no pods of the workloads in the scanned manifests.',
    },
  },
  check(ctx) {
    const np = ctx.object;
    const workloads = workloadsIn(ctx.objects).filter((w) => sameScope(np, w.object));
    // With no workload in the scan at all (a policy kept in its own file or repository), we cannot judge.
    if (!workloads.length) return;
    const matches = (sel: unknown) => workloads.some((w) => sameNamespace(w.object, np) && selectorMatches(sel, w.labels));
    const sel = podSelectorOf(np);
    if (isRecord(sel) && !isEmptySelector(sel) && !matches(sel)) ctx.report({ messageId: 'target', path: ['spec', 'podSelector'] });
    const spec = isRecord(np.value.spec) ? np.value.spec : {};
    for (const [dir, key, peerKey] of [['ingress', 'ingress', 'from'], ['egress', 'egress', 'to']] as const) {
      const rules = spec[key];
      if (!Array.isArray(rules)) continue;
      rules.forEach((r, i) => {
        if (!isRecord(r) || !Array.isArray(r[peerKey])) return;
        (r[peerKey] as unknown[]).forEach((peer, j) => {
          // a peer with a namespaceSelector selects pods of other namespaces, which the scan may not hold
          if (!isRecord(peer) || !isRecord(peer.podSelector) || peer.namespaceSelector !== undefined) return;
          if (isEmptySelector(peer.podSelector) || matches(peer.podSelector)) return;
          const path: Path = ['spec', key, i, peerKey, j, 'podSelector'];
          ctx.report({ messageId: 'peer', data: { direction: dir }, path });
        });
      });
    }
  },
});
