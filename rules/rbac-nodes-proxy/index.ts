import { defineRule } from '../../engine';
import { findGrants, grantPath, rolesGranting } from '../_lib/rbac-rules';

export default defineRule({
  meta: {
    id: 'rbac-nodes-proxy',
    title: 'Role can reach the kubelet API through nodes/proxy',
    category: 'cluster',
    goals: ['possession', 'integrity', 'confidentiality'],
    severity: 'error',
    // nodes are cluster-scoped: a namespaced Role cannot grant nodes/proxy (the API server ignores it there)
    appliesTo: ['ClusterRole'],
    yieldsTo: ['rbac-wildcard:everything'],
    profiles: ['recommended'],
    layer: 'orchestrator',
    principle: 'least privilege',
    docs: {
      summary: '`nodes/proxy` forwards requests to the kubelet API, which can run commands in any container on the node and bypasses admission control and audit of pod exec.',
      recipe: 'Remove `nodes/proxy` (and `*` resources) from the role; for metrics, grant `nodes/metrics` or `nodes/stats` instead.',
    },
    peers: {
      checkov: ['CKV2_K8S_2'],
      kubescape: ['C-0279'],
      trivy: ['KSV-0047'],
    },
    messages: {
      proxy: '{{kind}} {{name}}: rule {{rule}} grants {{verbs}} on nodes/proxy{{via}}, the kubelet API of every node.',
    },
  },
  check(ctx) {
    // the kubelet API is reached with GET (reads, websocket exec) and POST/PUT/PATCH/DELETE (create, update, ...)
    const grants = rolesGranting(ctx.object, (r) => findGrants(r, [['', 'nodes/proxy']], ['get', 'create', 'update', 'patch', 'delete', 'list', 'watch']));
    for (const g of grants) {
      const verbs = g.rule.verbs.includes('*') ? '"*"' : g.verbs.map((v) => `"${v}"`).join(', ');
      const via = g.rule.resources[g.item] === 'nodes/proxy' ? '' : ` (through "${g.rule.resources[g.item]}")`;
      ctx.report({ messageId: 'proxy', data: { rule: g.rule.index + 1, verbs, via }, path: grantPath(g) });
    }
  },
});
