import { defineRule } from '../../engine';
import { findServiceAccount, podServiceAccount } from '../_lib/rbac';

export default defineRule({
  meta: {
    id: 'service-account-token-automount',
    title: 'Service account token is mounted into the pod',
    category: 'cluster',
    goals: ['confidentiality', 'possession', 'authenticity'],
    severity: 'warning',
    appliesTo: ['podSpec'],
    reads: ['ServiceAccount'],
    profiles: ['recommended'],
    layer: 'orchestrator',
    principle: 'least privilege',
    docs: {
      summary: 'Unless token mounting is turned off, every container gets a credential for the Kubernetes API; anyone who compromises the container can act as the pod\'s service account.',
      recipe: 'Set `automountServiceAccountToken: false` in the pod spec (or on its ServiceAccount); a pod that really calls the API mounts a projected token volume with a short lifetime and a specific audience instead.',
    },
    peers: {
      polaris: ['automountServiceAccountToken'],
      kubesec: ['AutomountServiceAccountToken'],
      checkov: ['CKV_K8S_38'],
      kubescape: ['C-0034', 'C-0190'],
      trivy: ['KSV-0036'],
      datree: ['SRVACC_INCORRECT_AUTOMOUNTSERVICEACCOUNTTOKEN_VALUE'],
    },
    messages: {
      enabled: '{{kind}} {{name}} explicitly sets automountServiceAccountToken: true{{overrides}}, so every container gets the API token of service account "{{serviceAccount}}"; keep it only if the workload calls the Kubernetes API.',
      notDisabled: '{{kind}} {{name}} does not set automountServiceAccountToken: false, so every container gets the API token of service account "{{serviceAccount}}".',
      serviceAccountEnabled: '{{kind}} {{name}} does not set automountServiceAccountToken: false and its ServiceAccount "{{serviceAccount}}" does not either, so every container gets its API token.',
    },
  },
  check(ctx) {
    const pod = ctx.podSpec();
    if (!pod) return;
    const own = pod.value.automountServiceAccountToken;
    if (own === false) return;
    const sa = podServiceAccount(pod);
    const path = [...pod.path, 'automountServiceAccountToken'];
    const fix = { title: 'Set automountServiceAccountToken: false', safety: 'review' as const, ops: [{ op: 'set' as const, path, value: false }] };
    const data = { serviceAccount: sa.name };
    const account = findServiceAccount(sa.name, ctx.object, ctx.objects);
    if (own === true) {
      // a deliberate decision (an operator that needs the API), not an omission: info, to review once
      const overrides = account?.value.automountServiceAccountToken === false ? ` (overriding its ServiceAccount's false)` : '';
      ctx.report({ messageId: 'enabled', data: { ...data, overrides }, path, fix, severity: 'info' });
      return;
    }
    // Unset (or not a boolean): Kubernetes falls back to the ServiceAccount's setting.
    if (account?.value.automountServiceAccountToken === false) return;
    ctx.report({ messageId: account ? 'serviceAccountEnabled' : 'notDisabled', data, path, fix });
  },
});
