import { defineRule } from '../../engine';
import { findGrants, grantPath, rolesGranting } from '../_lib/rbac-rules';

const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'];

export default defineRule({
  meta: {
    id: 'rbac-configmaps-write',
    title: 'Role can change ConfigMaps',
    category: 'cluster',
    goals: ['integrity', 'availability'],
    severity: 'info',
    appliesTo: ['Role', 'ClusterRole'],
    yieldsTo: ['rbac-wildcard:everything'],
    profiles: [],
    layer: 'orchestrator',
    principle: 'least privilege',
    docs: {
      summary: 'ConfigMaps steer the programs that read them — application settings, CoreDNS zones, kube-proxy, the EKS `aws-auth` map — so whoever can create, change or delete any ConfigMap in a scope can redirect or break what runs there.',
      recipe: 'Give write verbs on `configmaps` only to the deploy pipeline; narrow other grants with `resourceNames` to the ConfigMaps the subject owns, or make them read-only.',
    },
    peers: {
      trivy: ['KSV-0049'],
    },
    messages: {
      write: '{{kind}} {{name}}: rule {{rule}} lets its subjects {{verbs}} any ConfigMap{{scope}}.',
    },
  },
  check(ctx) {
    const { object } = ctx;
    const scope = object.kind === 'ClusterRole' ? '' : object.namespace ? ` of namespace ${object.namespace}` : ' of its namespace';
    // resourceNames narrows update/patch/delete to named ConfigMaps (and never grants create): the remedy.
    const grants = rolesGranting(object, (r) => (r.resourceNames.length ? undefined : findGrants(r, [['', 'configmaps']], WRITE_VERBS)));
    for (const g of grants) ctx.report({ messageId: 'write', data: { rule: g.rule.index + 1, verbs: g.verbs.join('/'), scope }, path: grantPath(g) });
  },
});
