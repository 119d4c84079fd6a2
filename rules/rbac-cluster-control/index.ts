import { defineRule } from '../../engine';
import { findGrant, findGrants, grantPath, policyRules, rolesGranting, type Grant, type PolicyRule } from '../_lib/rbac-rules';

const ADM = 'admissionregistration.k8s.io';
const CERTS = 'certificates.k8s.io';
const WRITE = ['create', 'update', 'patch', 'delete', 'deletecollection'];
const WEBHOOKS: ReadonlyArray<readonly [string, string]> = [[ADM, 'mutatingwebhookconfigurations'], [ADM, 'validatingwebhookconfigurations'], [ADM, 'validatingadmissionpolicies'], [ADM, 'validatingadmissionpolicybindings']];
const APPROVAL: ReadonlyArray<readonly [string, string]> = [[CERTS, 'certificatesigningrequests/approval']];

/**
 * Webhook configurations, CSRs (and their signers) and PersistentVolumes are cluster-scoped: only a ClusterRole can
 * grant rights on them. Service-account tokens are namespaced: a Role grants them in its namespace.
 */
const CHECKS: ReadonlyArray<{ id: string; clusterOnly: boolean; test: (r: PolicyRule) => Grant[] }> = [
  // a webhook's own caBundle injector, limited with resourceNames and without create, is the accepted pattern
  { id: 'webhooks', clusterOnly: true, test: (r) => findGrants(r, WEBHOOKS, WRITE).filter((g) => !r.resourceNames.length || g.verbs.includes('create')) },
  { id: 'csr', clusterOnly: true, test: (r) => findGrants(r, APPROVAL, ['update', 'patch']) },
  { id: 'token', clusterOnly: false, test: (r) => findGrants(r, [['', 'serviceaccounts/token']], ['create']) },
  { id: 'pv', clusterOnly: true, test: (r) => findGrants(r, [['', 'persistentvolumes']], ['create']) },
];

export default defineRule({
  meta: {
    id: 'rbac-cluster-control',
    title: 'Role controls admission webhooks, certificate approval, service-account tokens or PersistentVolumes',
    category: 'cluster',
    goals: ['possession', 'integrity', 'authenticity'],
    severity: 'warning',
    appliesTo: ['Role', 'ClusterRole'],
    yieldsTo: ['rbac-wildcard:everything'],
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
      csr: '{{kind}} {{name}}: rule {{rule}} grants {{verbs}} on certificatesigningrequests/approval{{via}}, and with approve on signers in rule {{signerRule}} its subjects can approve certificate signing requests, minting credentials for any identity.',
      csrApproval: '{{kind}} {{name}}: rule {{rule}} grants {{verbs}} on certificatesigningrequests/approval{{via}}, the first of the two rights that approve certificate signing requests (the other, approve on signers, may come from another role).',
      token: '{{kind}} {{name}}: rule {{rule}} can create service-account tokens, acting as those service accounts.',
      pv: '{{kind}} {{name}}: rule {{rule}} can create PersistentVolumes, which may mount any host path.',
    },
  },
  check(ctx) {
    const o = ctx.object;
    // approving also takes `approve` on the CSR's signer (any rule of this role; RBAC adds up the roles of a subject)
    const signer = policyRules(o).find((r) => findGrant(r, [[CERTS, 'signers']], ['approve']));
    for (const c of CHECKS) {
      if (c.clusterOnly && o.kind !== 'ClusterRole') continue;
      for (const g of rolesGranting(o, c.test)) {
        const item = g.rule.resources[g.item];
        const via = item === g.resource ? '' : ` (through "${item}")`;
        const messageId = c.id === 'csr' && !signer ? 'csrApproval' : c.id;
        const data = { rule: g.rule.index + 1, verbs: g.rule.verbs.includes('*') ? '"*"' : g.verbs.map((v) => `"${v}"`).join(', '), via, signerRule: signer ? signer.index + 1 : 0 };
        ctx.report({ messageId, data, path: grantPath(g) });
      }
    }
  },
});
