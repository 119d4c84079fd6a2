import { defineRule } from '../../engine';
import { findGrants, grantPath, isAuthorsRole, policyRules, verbPath } from '../_lib/rbac-rules';

const DELETE = ['delete', 'deletecollection'];
const RECORDS: ReadonlyArray<readonly [string, string]> = [['', 'events'], ['events.k8s.io', 'events'], ['', 'pods/log']];

export default defineRule({
  meta: {
    id: 'rbac-destructive',
    title: 'Role can erase events, pod logs or whole collections',
    category: 'core',
    goals: ['integrity', 'availability', 'authenticity'],
    severity: 'info',
    appliesTo: ['Role', 'ClusterRole'],
    yieldsTo: ['rbac-wildcard:everything'],
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
    if (!isAuthorsRole(o)) return;
    for (const rule of policyRules(o)) {
      // deletecollection on every resource says the most: the entry's events and logs are part of it
      const all = rule.apiGroups.includes('*') && rule.resources.includes('*') ? rule.verbs.findIndex((v) => v === 'deletecollection' || v === '*') : -1;
      if (all >= 0) {
        ctx.report({ messageId: 'collections', data: { rule: rule.index + 1 }, path: verbPath(rule, all) });
        continue;
      }
      for (const g of findGrants(rule, RECORDS, DELETE)) {
        ctx.report({ messageId: g.resource === 'pods/log' ? 'logs' : 'events', data: { rule: rule.index + 1 }, path: grantPath(g) });
      }
    }
  },
});
