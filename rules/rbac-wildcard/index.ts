import { defineRule } from '../../engine';
import { RBAC_ROLE_KINDS, isPlatformRbac, policyRules, type ListItem } from '../_lib/rbac';
import { grantsEverything } from '../_lib/rbac-rules';

/** `*` alone, or `*` as one side of a `resource/subresource` pair (`pods/*`, `*\/scale`). */
function isWildcardResource(v: string): boolean {
  return v === '*' || v.split('/').includes('*');
}

export default defineRule({
  meta: {
    id: 'rbac-wildcard',
    title: 'RBAC rule uses a wildcard',
    category: 'cluster',
    goals: ['possession', 'confidentiality', 'integrity'],
    severity: 'warning',
    appliesTo: [...RBAC_ROLE_KINDS],
    profiles: ['recommended'],
    layer: 'orchestrator',
    principle: 'least privilege',
    docs: {
      summary: 'A `*` in a Role or ClusterRole rule grants every verb, resource or API group, including ones added to the cluster later.',
      recipe: 'Replace each `*` with the explicit verbs, resources and API groups the subject needs.',
    },
    peers: {
      'kube-linter': ['wildcard-in-rules'],
      checkov: ['CKV_K8S_49'],
      kubescape: ['C-0187'],
      trivy: ['KSV-0044', 'KSV-0045', 'KSV-0046', 'KSV-0112'],
      datree: ['CIS_INVALID_WILDCARD_ROLE'],
    },
    messages: {
      verbs: '{{kind}} {{name}}: rule {{rule}} grants every verb ("*").',
      resources: '{{kind}} {{name}}: rule {{rule}} grants a wildcard resource "{{value}}".',
      apiGroups: '{{kind}} {{name}}: rule {{rule}} applies to every API group ("*").',
      everything: '{{kind}} {{name}}: rule {{rule}} grants every verb on every resource of every API group ("*"): like cluster-admin, full control{{scope}}.',
    },
  },
  check(ctx) {
    if (isPlatformRbac(ctx.object)) return;
    const { object } = ctx;
    const scope = object.kind === 'ClusterRole' ? ' of the cluster when bound by a ClusterRoleBinding' : object.namespace ? ` of namespace ${object.namespace}` : ' of its namespace';
    for (const r of policyRules(object)) {
      // One finding for the rule entry, at error: the narrower rules (secrets, exec, escalation, ...) yield to it there.
      const names = (l: ListItem[]) => l.map((x) => x.value);
      if (grantsEverything({ apiGroups: names(r.apiGroups), resources: names(r.resources), verbs: names(r.verbs), resourceNames: names(r.resourceNames) })) {
        ctx.report({ messageId: 'everything', data: { rule: r.index + 1, scope }, path: r.path, severity: 'error' });
        continue;
      }
      const report = (messageId: 'verbs' | 'resources' | 'apiGroups', it: ListItem) =>
        ctx.report({ messageId, data: { rule: r.index + 1, value: it.value }, path: [...r.path, messageId, it.index] });
      for (const it of r.apiGroups) if (it.value === '*') report('apiGroups', it);
      for (const it of r.resources) if (isWildcardResource(it.value)) report('resources', it);
      for (const it of r.verbs) if (it.value === '*') report('verbs', it);
    }
  },
});
