import { defineRule } from '../../engine';
import { findGrant, grantPath, grantedVerbs, rolesGranting } from '../_lib/rbac-rules';

export default defineRule({
  meta: {
    id: 'rbac-destructive',
    title: 'Role can erase events, pod logs or whole collections',
    category: 'core',
    goals: ['integrity', 'availability', 'authenticity'],
    severity: 'info',
    appliesTo: ['Role', 'ClusterRole'],
    profiles: [],
    layer: 'orchestrator',
    principle: 'least privilege',
    docs: {
      summary: 'Deleting events or pod logs erases the trail an investigation needs, and `deletecollection` on every resource wipes a namespace in one call.',
      recipe: 'Drop `delete`/`deletecollection` on events and pods/log, and replace `deletecollection` on `*` with the specific resources the subject must clean up.',
    },
    peers: {
      kubescape: ['C-0007', 'C-0031'],
      trivy: ['KSV-0042'],
    },
    messages: {
      events: '{{kind}} {{name}}: rule {{rule}} can delete events, erasing the record of what happened.',
      logs: '{{kind}} {{name}}: rule {{rule}} can delete pod logs, erasing the record of what happened.',
      collections: '{{kind}} {{name}}: rule {{rule}} grants deletecollection on every resource, wiping a namespace in one call.',
    },
  },
  check(ctx) {
    const o = ctx.object;
    for (const r of rolesGranting(o, (x) => ({ rule: x, group: '', resource: '', verbs: [] }))) {
      const rule = r.rule;
      const del = ['delete', 'deletecollection'];
      let id: string | undefined;
      if (rule.apiGroups.includes('*') && rule.resources.includes('*') && grantedVerbs(rule, ['deletecollection']).length) id = 'collections';
      else if (findGrant(rule, [['', 'events'], ['events.k8s.io', 'events']], del)) id = 'events';
      else if (findGrant(rule, [['', 'pods/log']], del)) id = 'logs';
      if (id) ctx.report({ messageId: id, data: { rule: rule.index + 1 }, path: grantPath(o, rule) });
    }
  },
});
