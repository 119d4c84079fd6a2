import { defineRule } from '../../engine';
import { findGrants, grantPath, rolesGranting } from '../_lib/rbac-rules';

const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'];

/** Objects that decide where traffic goes and who may send it. */
const NETWORKING: ReadonlyArray<readonly [string, string]> = [
  ['', 'services'], ['', 'endpoints'], ['discovery.k8s.io', 'endpointslices'],
  ['networking.k8s.io', 'networkpolicies'], ['extensions', 'networkpolicies'],
  ['networking.k8s.io', 'ingresses'], ['extensions', 'ingresses'],
];

export default defineRule({
  meta: {
    id: 'rbac-network-write',
    title: 'Role can change Services, Endpoints, Ingresses or NetworkPolicies',
    category: 'cluster',
    goals: ['integrity', 'confidentiality', 'availability'],
    severity: 'info',
    appliesTo: ['Role', 'ClusterRole'],
    yieldsTo: ['rbac-wildcard:everything'],
    profiles: [],
    layer: 'orchestrator',
    principle: 'least privilege',
    docs: {
      summary: 'Services, Endpoints, EndpointSlices, Ingresses and NetworkPolicies decide where traffic goes and who may send it; whoever can change them can divert a service\'s traffic to a pod of their own, expose internal services, or lift network isolation.',
      recipe: 'Give write verbs on these resources only to the deploy pipeline and the controllers that own them; give people and applications read-only access.',
    },
    peers: {
      trivy: ['KSV-0056'],
    },
    messages: {
      write: '{{kind}} {{name}}: rule {{rule}} lets its subjects {{verbs}} {{resource}}.',
    },
  },
  check(ctx) {
    const grants = rolesGranting(ctx.object, (r) => (r.resourceNames.length ? undefined : findGrants(r, NETWORKING, WRITE_VERBS)));
    for (const g of grants) ctx.report({ messageId: 'write', data: { rule: g.rule.index + 1, verbs: g.verbs.join('/'), resource: g.resource }, path: grantPath(g) });
  },
});
