import { defineRule } from '../../engine';
import { RBAC_ROLE_KINDS, isPlatformRbac, coversCoreGroup, hasItem, policyRules, resourceMatch, type ListItem } from '../_lib/rbac';
import { grantsEverything } from '../_lib/rbac-rules';

const READ_VERBS = ['get', 'list', 'watch'];

export default defineRule({
  meta: {
    id: 'rbac-secrets-access',
    title: 'Role can read Secrets',
    category: 'cluster',
    goals: ['confidentiality', 'possession'],
    severity: 'warning',
    appliesTo: [...RBAC_ROLE_KINDS],
    yieldsTo: ['rbac-wildcard:everything'],
    profiles: ['recommended'],
    layer: 'orchestrator',
    principle: 'least privilege',
    docs: {
      summary: 'A Role or ClusterRole that can get, list or watch Secrets hands every credential in its scope (service account tokens, TLS keys, passwords) to whoever it is bound to.',
      recipe: 'Drop `secrets` from the rule, or narrow it with `resourceNames` to the few Secrets the subject must read; avoid `list` and `watch`, which return every Secret with its data.',
    },
    peers: {
      'kube-linter': ['access-to-secrets'],
      kubescape: ['C-0015', 'C-0186'],
      trivy: ['KSV-0041', 'KSV-0113'],
      datree: ['CIS_INVALID_VERB_SECRETS'],
    },
    messages: {
      secrets: '{{kind}} {{name}}: rule {{rule}} lets its subjects {{verbs}} Secrets{{scope}}.',
      wildcard: '{{kind}} {{name}}: rule {{rule}} grants "*" resources of the core group, so its subjects can {{verbs}} Secrets{{scope}}.',
    },
  },
  check(ctx) {
    if (isPlatformRbac(ctx.object)) return;
    const { object } = ctx;
    const scope = object.kind === 'ClusterRole' ? ' (in every namespace when bound by a ClusterRoleBinding)' : object.namespace ? ` in namespace ${object.namespace}` : ' in its namespace';
    for (const r of policyRules(object)) {
      // resourceNames narrows the grant to named Secrets: the remedy this rule recommends.
      if (r.resourceNames.length || !coversCoreGroup(r)) continue;
      const res = resourceMatch(r, 'secrets');
      if (!res) continue;
      const verbs = hasItem(r.verbs, '*') ? READ_VERBS : READ_VERBS.filter((v) => hasItem(r.verbs, v));
      if (!verbs.length) continue;
      const names = (l: ListItem[]) => l.map((x) => x.value);
      const everything = grantsEverything({ apiGroups: names(r.apiGroups), resources: names(r.resources), verbs: names(r.verbs), resourceNames: [] });
      ctx.report({
        messageId: res.value === '*' ? 'wildcard' : 'secrets',
        data: { rule: r.index + 1, verbs: verbs.join('/'), scope },
        path: everything ? r.path : [...r.path, 'resources', res.index],
      });
    }
  },
});
