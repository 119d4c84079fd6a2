import { defineRule, type K8sObject } from '../../engine';

/** Namespaced policy kinds that isolate pods of their own namespace. */
const NAMESPACED = new Set(['NetworkPolicy', 'CiliumNetworkPolicy']);
/** Cluster-scoped policy kinds: one of them counts for every namespace. */
const CLUSTERWIDE = 'CiliumClusterwideNetworkPolicy';

function coversNamespace(o: K8sObject, ns: string): boolean {
  if (o.kind === CLUSTERWIDE) return true;
  return NAMESPACED.has(o.kind) && o.namespace === ns;
}

export default defineRule({
  meta: {
    id: 'namespace-network-policy-missing',
    title: 'Namespace has no NetworkPolicy',
    category: 'cluster',
    goals: ['confidentiality', 'integrity', 'availability'],
    severity: 'warning',
    appliesTo: ['Namespace'],
    reads: ['NetworkPolicy', 'CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy'],
    profiles: [],
    layer: 'orchestrator',
    principle: 'defence in depth',
    docs: {
      summary: 'A namespace without any NetworkPolicy leaves every pod in it open to connections from, and free to connect to, every pod of the cluster: one compromised pod anywhere can reach and map it.',
      recipe: 'Ship a default-deny NetworkPolicy (`podSelector: {}`, `policyTypes: [Ingress, Egress]`) with each namespace, then allow the traffic its workloads need with narrower policies.',
    },
    peers: {
      kubescape: ['C-0206', 'C-0054', 'C-0049'],
    },
    messages: {
      none: '{{kind}} {{name}}: no NetworkPolicy for this namespace in the scanned manifests, so all traffic to and from its pods is allowed.',
    },
  },
  check(ctx) {
    const ns = ctx.object.name;
    if (!ns || ns.startsWith('kube-')) return;
    if (ctx.objects.some((o) => coversNamespace(o, ns))) return;
    ctx.report({ messageId: 'none', path: ['metadata', 'name'] });
  },
});
