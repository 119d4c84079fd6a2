import { defineRule } from '../../engine';
import { BASELINE_CAPABILITIES, capabilityList } from '../_lib/container';

/**
 * Capabilities that let a container break its isolation: kernel code or memory (SYS_MODULE, SYS_RAWIO, BPF,
 * PERFMON), other processes (SYS_PTRACE), any file (DAC_READ_SEARCH), the host's network, clock, logs or boot
 * (NET_ADMIN, SYS_TIME, SYSLOG, SYS_BOOT), the LSM that confines it (MAC_ADMIN, MAC_OVERRIDE), or everything
 * (SYS_ADMIN, ALL). Reported as errors; other capabilities outside the baseline set are warnings.
 */
const ISOLATION_BREAKERS: ReadonlySet<string> = new Set([
  'ALL', 'SYS_ADMIN', 'NET_ADMIN', 'SYS_PTRACE', 'SYS_MODULE', 'DAC_READ_SEARCH', 'BPF', 'PERFMON', 'SYS_RAWIO',
  'SYS_BOOT', 'MAC_ADMIN', 'MAC_OVERRIDE', 'SYS_TIME', 'SYSLOG',
]);

export default defineRule({
  meta: {
    id: 'dangerous-capabilities',
    title: 'Container adds a dangerous Linux capability',
    category: 'container',
    goals: ['possession', 'integrity', 'confidentiality'],
    severity: 'error',
    appliesTo: ['podSpec'],
    profiles: ['recommended', 'pss-baseline', 'pss-restricted'],
    pss: 'baseline: Capabilities',
    layer: 'system',
    principle: 'least privilege',
    docs: {
      summary: 'Capabilities outside the Pod Security baseline set (SYS_ADMIN, NET_ADMIN, SYS_PTRACE, NET_RAW, ALL, …) give a container kernel powers that lead to escaping onto the node or spying on its network.',
      recipe: 'Remove the capability from `securityContext.capabilities.add`; if the workload truly needs it, isolate it on dedicated nodes and suppress the finding with a reason.',
    },
    peers: {
      polaris: ['dangerousCapabilities'],
      kubesec: ['CapSysAdmin'],
      checkov: ['CKV_K8S_39'],
      kubescape: ['C-0046'],
      trivy: ['KSV-0005', 'KSV-0022', 'KSV-0119', 'KSV-0120'],
      datree: ['CONTAINERS_INVALID_CAPABILITIES_VALUE'],
      pss: ['capabilities_baseline'],
    },
    messages: {
      breaksIsolation: '{{kind}} {{name}}: container "{{container}}" adds capability {{capability}}, which lets it break out of its isolation (kernel, node or other containers).',
      dangerous: '{{kind}} {{name}}: container "{{container}}" adds capability {{capability}}, which is outside the Pod Security baseline set.',
    },
  },
  check(ctx) {
    for (const c of ctx.containers()) {
      const add = capabilityList(c, 'add') ?? [];
      for (const e of add) {
        // exact, case-sensitive names as the API server compares them: `chown` and `CAP_CHOWN` are not CHOWN
        if (BASELINE_CAPABILITIES.has(e.value)) continue;
        // graded: capabilities that break isolation are errors, the other non-baseline ones warnings
        const breaks = ISOLATION_BREAKERS.has(e.value.toUpperCase().replace(/^CAP_/, ''));
        ctx.report({
          messageId: breaks ? 'breaksIsolation' : 'dangerous',
          severity: breaks ? 'error' : 'warning',
          data: { container: c.name, capability: e.value },
          path: e.path,
          fix: { title: `Remove ${e.value} from capabilities.add`, safety: 'review', ops: [{ op: 'remove', path: e.path }] },
        });
      }
    }
  },
});
