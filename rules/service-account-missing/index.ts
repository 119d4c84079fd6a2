import { defineRule } from '../../engine';
import { findServiceAccount, podServiceAccount } from '../_lib/rbac';
import { sameScope } from '../_lib/selectors';

export default defineRule({
  meta: {
    id: 'service-account-missing',
    title: 'Pod runs as a ServiceAccount that the manifests do not create',
    category: 'cluster',
    goals: ['availability', 'utility'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    reads: ['ServiceAccount'],
    profiles: ['recommended'],
    layer: 'orchestrator',
    docs: {
      summary: 'The API server refuses to create a pod whose ServiceAccount does not exist, so a misspelt or forgotten `serviceAccountName` leaves the workload with no pods at all.',
      recipe: 'Create the ServiceAccount alongside the workload, or fix the name in `serviceAccountName`.',
    },
    peers: {
      kubescape: ['C-0307'],
      'kube-linter': ['non-existent-service-account'],
    },
    /**
     * `wholeApplication`: the scan is the whole application, so a ServiceAccount it does not create does not exist,
     * even when the scan creates no ServiceAccount at all (reported as info). Off by default, where a scan without
     * any ServiceAccount is taken to rely on ones created elsewhere; on in the exhaustive `all` profile.
     */
    defaultOptions: { wholeApplication: false },
    profileOptions: { all: { wholeApplication: true } },
    messages: {
      missing: '{{kind}} {{name}}: ServiceAccount "{{account}}" is not among the ServiceAccounts in the scanned manifests, so its pods would be refused.',
      noneInScan: '{{kind}} {{name}}: ServiceAccount "{{account}}" is not in the scanned manifests, which create no ServiceAccount at all; unless it is created elsewhere, its pods would be refused.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (!pod) return;
    const sa = podServiceAccount(pod);
    // `default` is created in every namespace by the controller manager
    if (sa.from === 'unset' || sa.name === 'default') return;
    const o = ctx.object;
    if (findServiceAccount(sa.name, o, ctx.objects)) return;
    // with no ServiceAccount of this application in the scan, they are usually managed elsewhere
    if (!ctx.objectsOfKind('ServiceAccount').some((x) => sameScope(o, x))) {
      if (ctx.options.wholeApplication === true) ctx.report({ messageId: 'noneInScan', data: { account: sa.name }, path: sa.path, severity: 'info' });
      return;
    }
    ctx.report({ messageId: 'missing', data: { account: sa.name }, path: sa.path });
  },
});
