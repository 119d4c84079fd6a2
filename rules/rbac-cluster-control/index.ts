import { defineRule } from '../../engine';
import { findGrant, grantPath, rolesGranting, type Grant, type PolicyRule } from '../_lib/rbac-rules';

const ADM = 'admissionregistration.k8s.io';
const CERTS = 'certificates.k8s.io';
const WRITE = ['create', 'update', 'patch', 'delete', 'deletecollection'];

const CHECKS: ReadonlyArray<{ id: string; test: (r: PolicyRule) => Grant | undefined }> = [
  { id: 'webhooks', test: (r) => findGrant(r, [[ADM, 'mutatingwebhookconfigurations'], [ADM, 'validatingwebhookconfigurations'], [ADM, 'validatingadmissionpolicies'], [ADM, 'validatingadmissionpolicybindings']], WRITE) },
  { id: 'csr', test: (r) => findGrant(r, [[CERTS, 'certificatesigningrequests/approval']], ['update', 'patch']) ?? findGrant(r, [[CERTS, 'signers']], ['approve']) },
  { id: 'token', test: (r) => findGrant(r, [['', 'serviceaccounts/token']], ['create']) },
  { id: 'pv', test: (r) => findGrant(r, [['', 'persistentvolumes']], ['create']) },
];

export default defineRule({
  meta: {
    id: 'rbac-cluster-control',
    title: 'Role controls admission webhooks, certificate approval, service-account tokens or PersistentVolumes',
    category: 'cluster',
    goals: ['possession', 'integrity', 'authenticity'],
    severity: 'warning',
    appliesTo: ['Role', 'ClusterRole'],
    profiles: [],
    layer: 'orchestrator',
    principle: 'least privilege',
    docs: {
      summary: 'Writing admission webhooks lets a subject see or rewrite every object sent to the API server; approving CSRs mints client certificates for any identity; creating service-account tokens impersonates those accounts; creating PersistentVolumes can mount any host path.',
      recipe: 'Grant these rights only to the one controller that needs each of them (for example, a webhook\'s own caBundle injector, restricted with `resourceNames`).',
    },
    peers: {
      checkov: ['CKV_K8S_155', 'CKV_K8S_156'],
      kubescape: ['C-0280', 'C-0281', 'C-0282', 'C-0278'],
      trivy: ['KSV-0114'],
    },
    messages: {
      webhooks: '{{kind}} {{name}}: rule {{rule}} can change admission webhooks or policies, which see and rewrite every API request.',
      csr: '{{kind}} {{name}}: rule {{rule}} can approve certificate signing requests, minting credentials for any identity.',
      token: '{{kind}} {{name}}: rule {{rule}} can create service-account tokens, acting as those service accounts.',
      pv: '{{kind}} {{name}}: rule {{rule}} can create PersistentVolumes, which may mount any host path.',
    },
  },
  check(ctx) {
    for (const c of CHECKS) {
      for (const g of rolesGranting(ctx.object, c.test)) {
        if (c.id === 'webhooks' && g.rule.resourceNames.length && !g.verbs.includes('create')) continue; // scoped caBundle patching
        ctx.report({ messageId: c.id, data: { rule: g.rule.index + 1 }, path: grantPath(ctx.object, g.rule) });
      }
    }
  },
});
