import { defineRule } from '../../engine';
import { isDashboardImage, isDashboardLabels, isDashboardScraperImage, labelsMatching } from '../_lib/addons';
import { podServiceAccount, roleRefOf } from '../_lib/rbac';
import { subjectsOf } from '../_lib/rbac-rules';

const DASHBOARD = 'kubernetes-dashboard';

export default defineRule({
  meta: {
    id: 'kubernetes-dashboard-access',
    title: 'Something other than the Kubernetes Dashboard uses its identity',
    category: 'cluster',
    goals: ['possession', 'authenticity', 'confidentiality'],
    severity: 'warning',
    appliesTo: ['RoleBinding', 'ClusterRoleBinding', 'podSpec'],
    profiles: [],
    layer: 'orchestrator',
    principle: 'least privilege',
    docs: {
      summary: 'The Dashboard\'s `kubernetes-dashboard` role and service account carry the Dashboard\'s rights (often far more than a user should have); binding that role to other subjects, or running other workloads as that account, hands those rights to them.',
      recipe: 'Bind the `kubernetes-dashboard` role only to the Dashboard\'s own service account, and run only the Dashboard\'s own pods as that account; give users and other workloads roles and accounts of their own.',
    },
    peers: {
      kubescape: ['C-0014'],
    },
    messages: {
      subject: '{{kind}} {{name}}: binds the Dashboard\'s {{roleKind}} kubernetes-dashboard to {{subjectKind}} {{subject}}, which gets the Dashboard\'s rights.',
      workload: '{{kind}} {{name}}: runs as the Dashboard\'s service account kubernetes-dashboard without being the Dashboard, so it gets the Dashboard\'s rights.',
    },
  },
  check(ctx) {
    const o = ctx.object;
    if (o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding') {
      const ref = roleRefOf(o);
      if (!ref || ref.name !== DASHBOARD) return;
      for (const s of subjectsOf(o)) {
        if (s.kind === 'ServiceAccount' && s.name === DASHBOARD) continue;
        ctx.report({ messageId: 'subject', data: { roleKind: ref.kind, subjectKind: s.kind, subject: s.name }, path: [...s.path, 'name'] });
      }
      return;
    }
    const pod = ctx.podSpec();
    if (!pod) return;
    const sa = podServiceAccount(pod);
    if (sa.name !== DASHBOARD) return;
    // The Dashboard itself, and its metrics scraper, which the upstream manifests run as the same account.
    if (ctx.containers().some((c) => isDashboardImage(c.value.image) || isDashboardScraperImage(c.value.image))) return;
    if (labelsMatching(o, pod, isDashboardLabels)) return;
    ctx.report({ messageId: 'workload', path: sa.path });
  },
});
