import { defineRule, type K8sObject } from '../../engine';
import { policyDirections, podSelectorOf } from '../_lib/netpol';
import { podLabels, sameNamespace, selectorMatches, WORKLOAD_KINDS } from '../_lib/selectors';

/**
 * Where the rule looked, said as it is: the namespace when the workload has one (written, or set by the
 * kustomization that built it); otherwise its folder, or the build of its kustomization or chart (rendered
 * objects carry the root as `ROOT/`), whose namespace is unknown until it is applied.
 */
function scopeOf(o: K8sObject): string {
  if (o.namespace !== undefined) return `no NetworkPolicy for namespace ${o.namespace} in the scanned manifests`;
  const file = o.file ?? '';
  if (/[/\\]$/.test(file)) return 'it has no namespace, and no NetworkPolicy of the same build (kustomization or chart)';
  return 'it has no namespace, and no NetworkPolicy in its folder';
}

export default defineRule({
  meta: {
    id: 'network-policy-missing',
    title: 'Workload is not isolated by any NetworkPolicy',
    category: 'cluster',
    goals: ['confidentiality', 'integrity', 'availability'],
    severity: 'warning',
    appliesTo: WORKLOAD_KINDS,
    reads: ['NetworkPolicy'],
    profiles: [],
    layer: 'orchestrator',
    principle: 'defence in depth',
    docs: {
      summary: 'A pod that no NetworkPolicy selects accepts connections from, and opens connections to, every pod in the cluster: one compromised pod can reach it.',
      recipe: 'Add a default-deny NetworkPolicy to the namespace (`podSelector: {}`, `policyTypes: [Ingress, Egress]`) and allow the traffic each workload needs with narrower policies.',
    },
    peers: {
      'kube-linter': ['non-isolated-pod'],
      polaris: ['missingNetworkPolicy'],
      'kube-score': ['pod-networkpolicy'],
      checkov: ['CKV2_K8S_6'],
      kubescape: ['C-0260', 'C-0030'],
    },
    messages: {
      none: '{{kind}} {{name}}: {{scope}} selects its pods, so all traffic to and from them is allowed.',
      ingress: '{{kind}} {{name}}: the NetworkPolicies that select its pods restrict only egress; all incoming traffic is allowed.',
      egress: '{{kind}} {{name}}: the NetworkPolicies that select its pods restrict only ingress; all outgoing traffic is allowed.',
    },
  },
  check(ctx) {
    const labels = podLabels(ctx.object);
    if (!labels) return;
    let ingress = false;
    let egress = false;
    let selected = false;
    for (const np of ctx.objectsOfKind('NetworkPolicy')) {
      if (!sameNamespace(np, ctx.object)) continue;
      if (!selectorMatches(podSelectorOf(np) ?? {}, labels)) continue;
      selected = true;
      const d = policyDirections(np);
      ingress ||= d.ingress;
      egress ||= d.egress;
    }
    const path = ['metadata', 'name'];
    if (!selected) ctx.report({ messageId: 'none', path, data: { scope: scopeOf(ctx.object) } });
    else if (!ingress) ctx.report({ messageId: 'ingress', path });
    else if (!egress) ctx.report({ messageId: 'egress', path });
  },
});
