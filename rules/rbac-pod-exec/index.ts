import { defineRule } from '../../engine';
import { findGrant, grantPath, rolesGranting } from '../_lib/rbac-rules';

const SUBRESOURCES = ['pods/exec', 'pods/attach', 'pods/portforward'];

export default defineRule({
  meta: {
    id: 'rbac-pod-exec',
    title: 'Role can exec into, attach to or port-forward to pods',
    category: 'cluster',
    goals: ['confidentiality', 'possession', 'integrity'],
    severity: 'warning',
    appliesTo: ['Role', 'ClusterRole'],
    profiles: ['recommended'],
    layer: 'orchestrator',
    principle: 'least privilege',
    docs: {
      summary: '`pods/exec`, `pods/attach` and `pods/portforward` give a shell or a network tunnel into running containers: their files, their mounted secrets and their service-account token.',
      recipe: 'Remove `pods/exec`, `pods/attach` and `pods/portforward` (and `*` resources) from the role, or keep them in a separate break-glass role bound only to operators.',
    },
    peers: {
      polaris: ['clusterrolePodExecAttach', 'rolePodExecAttach'],
      checkov: ['CKV2_K8S_2'],
      kubescape: ['C-0002', 'C-0063'],
      trivy: ['KSV-0053', 'KSV-0054'],
      datree: ['CONTAINERS_INCORRECT_RESOURCES_VERBS_VALUE'],
    },
    messages: {
      exec: '{{kind}} {{name}}: rule {{rule}} grants {{resources}}, a shell or tunnel into running containers.',
    },
  },
  check(ctx) {
    const grants = rolesGranting(ctx.object, (r) => {
      // the API server authorizes exec/attach/portforward as `create` (SPDY) or `get` (WebSocket)
      const hits = SUBRESOURCES.filter((s) => findGrant(r, [['', s]], ['create', 'get']));
      return hits.length ? { rule: r, group: '', resource: hits.join(', '), verbs: [] } : undefined;
    });
    for (const g of grants) ctx.report({ messageId: 'exec', data: { rule: g.rule.index + 1, resources: g.resource }, path: grantPath(ctx.object, g.rule) });
  },
});
