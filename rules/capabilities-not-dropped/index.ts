import { defineRule } from '../../engine';
import { BASELINE_CAPABILITIES, RESTRICTED_ADDABLE, capabilityList, containerScPath, isWindowsPod } from '../_lib/container';

export default defineRule({
  meta: {
    id: 'capabilities-not-dropped',
    title: 'Container keeps Linux capabilities it does not need',
    category: 'container',
    goals: ['possession', 'integrity'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    profiles: ['recommended', 'pss-restricted'],
    // a container without any securityContext gets one finding naming every gap: no-security-context's
    yieldsTo: ['no-security-context'],
    pss: 'restricted: Capabilities',
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'Without `drop: [ALL]` a container keeps the runtime\'s default capabilities (CHOWN, SETUID, NET_RAW on some runtimes, …), more privilege than almost any application uses.',
      recipe: 'Add `ALL` to `securityContext.capabilities.drop` on every container and add back only `NET_BIND_SERVICE` when the process binds a port below 1024.',
    },
    peers: {
      kubesec: ['CapDropAll'],
      checkov: ['CKV_K8S_37'],
      trivy: ['KSV-0003', 'KSV-0106'],
      pss: ['capabilities_restricted'],
    },
    // these peers check only the missing `drop: [ALL]`; KSV-0106 and the PSS control also restrict what is added
    peerMessages: {
      kubesec: { CapDropAll: ['dropAllMissing'] },
      checkov: { CKV_K8S_37: ['dropAllMissing'] },
      trivy: { 'KSV-0003': ['dropAllMissing'] },
    },
    messages: {
      dropAllMissing: '{{kind}} {{name}}: container "{{container}}" does not drop ALL capabilities.',
      addNotAllowed: '{{kind}} {{name}}: container "{{container}}" adds capability {{capability}}; the restricted level allows adding only NET_BIND_SERVICE.',
    },
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      if (isWindowsPod(c.pod)) continue;
      const data = { container: c.name };
      const drop = capabilityList(c, 'drop');
      if (!drop?.some((e) => e.value === 'ALL')) {
        const path = containerScPath(c, 'capabilities', 'drop');
        ctx.report({ messageId: 'dropAllMissing', data, path, fix: { title: 'Drop ALL capabilities', safety: 'review', ops: [{ op: 'append', path, value: 'ALL' }] } });
      }
      // Adds outside the baseline set are dangerous-capabilities' findings; only the baseline-allowed
      // ones (CHOWN, SETUID, ...) are reported here, so each `add` entry gets one finding.
      const add = capabilityList(c, 'add') ?? [];
      for (const e of add) {
        if (e.value === RESTRICTED_ADDABLE || !BASELINE_CAPABILITIES.has(e.value)) continue;
        ctx.report({ messageId: 'addNotAllowed', data: { ...data, capability: e.value }, path: e.path, fix: { title: `Remove ${e.value} from capabilities.add`, safety: 'review', ops: [{ op: 'remove', path: e.path }] } });
      }
    }
  },
});
