import * as assert from 'node:assert/strict';
import { PEER_TOOLS } from '../../engine';
import { rules } from '../../rules';
import { kubehex } from './helpers';

interface RuleJson {
  id: string;
  messageIds: string[];
  peers: Record<string, string[]>;
  peerMessages: Record<string, Record<string, string[]>>;
}

describe('cli: kubehex rules --format json exposes what outside tools need to score kubehex', () => {
  let out: RuleJson[];
  before(() => {
    const r = kubehex(['rules', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    out = JSON.parse(r.stdout) as RuleJson[];
  });
  const rule = (id: string) => out.find((r) => r.id === id)!;

  it('lists the messageIds of each rule', () => {
    assert.deepEqual(rule('namespace-quota-missing').messageIds, ['quota', 'limitRange']);
    assert.deepEqual(rule('privileged-container').messageIds, ['privileged']);
  });

  it('maps a peer check that matches only some messages to those messageIds (declared in the rule metadata)', () => {
    assert.deepEqual(rule('namespace-quota-missing').peerMessages, { trivy: { 'KSV-0039': ['limitRange'], 'KSV-0040': ['quota'] } });
    assert.deepEqual(rule('probe-misconfigured').peerMessages, {
      'kube-linter': { 'liveness-port': ['unknownPort'], 'readiness-port': ['unknownPort'], 'startup-port': ['unknownPort'] },
      'kube-score': { 'pod-probes-identical': ['identical'] },
    });
    assert.deepEqual(rule('dangling-reference').peerMessages, {
      'kube-linter': { 'dangling-service': ['service'], 'dangling-ingress': ['ingress', 'legacyBackend'], 'dangling-horizontalpodautoscaler': ['hpa'] },
      'kube-score': { 'service-targets-pod': ['service'], 'ingress-targets-service': ['ingress', 'legacyBackend'], 'horizontalpodautoscaler-has-target': ['hpa'] },
      kubescape: { 'C-0293': ['service'], 'C-0298': ['ingress', 'legacyBackend'], 'C-0300': ['hpa'], 'C-0302': ['route'] },
    });
    assert.deepEqual(rule('ingress-nginx-snippet').peerMessages, {
      checkov: { CKV_K8S_152: ['snippet'], CKV_K8S_153: ['snippet'], CKV_K8S_154: ['snippet'] },
      kubescape: { 'C-0059': ['snippet', 'allowSnippets'] },
      trivy: { 'KCV-0093': ['snippet', 'allowSnippets'] },
      datree: { CONFIGMAP_CVE2021_25742_INCORRECT_SNIPPET_ANNOTATIONS_VALUE: ['allowSnippets'], INGRESS_CVE2021_25742_INCORRECT_SERVER_SNIPPET_KEY: ['snippet'] },
    });
    // KSV-0106 (drop ALL, add only NET_BIND_SERVICE) and the PSS control cover both messages
    assert.deepEqual(rule('capabilities-not-dropped').peerMessages, {
      kubesec: { CapDropAll: ['dropAllMissing'] },
      checkov: { CKV_K8S_37: ['dropAllMissing'] },
      trivy: { 'KSV-0003': ['dropAllMissing'], 'KSV-0106': ['dropAllMissing', 'addNotAllowed'] },
      pss: { capabilities_restricted: ['dropAllMissing', 'addNotAllowed'] },
    });
  });

  it('maps every other peer check to all of the rule\'s messageIds', () => {
    assert.deepEqual(rule('privileged-container').peerMessages, {
      'kube-linter': { 'privileged-container': ['privileged'] },
      polaris: { runAsPrivileged: ['privileged'] },
      'kube-score': { 'container-security-context-privileged': ['privileged'] },
      checkov: { CKV_K8S_16: ['privileged'] },
      kubescape: { 'C-0057': ['privileged'] },
      kubesec: { Privileged: ['privileged'] },
      trivy: { 'KSV-0017': ['privileged'] },
      datree: { CONTAINERS_INCORRECT_PRIVILEGED_VALUE_TRUE: ['privileged'] },
      pss: { privileged: ['privileged'] },
    });
  });

  it('has one peerMessages entry per declared peer id, for every rule', () => {
    for (const r of out) {
      for (const tool of PEER_TOOLS) {
        assert.deepEqual(Object.keys(r.peerMessages[tool] ?? {}), r.peers[tool], `${r.id} ${tool}`);
      }
    }
  });
});

describe('rule metadata: peerMessages', () => {
  for (const r of rules) {
    const m = r.meta;
    if (!m.peerMessages) continue;
    it(`${m.id}: names only declared peer ids and the rule's own messageIds`, () => {
      for (const [tool, map] of Object.entries(m.peerMessages!)) {
        for (const [check, ids] of Object.entries(map ?? {})) {
          assert.ok((m.peers[tool as keyof typeof m.peers] ?? []).includes(check), `${tool} ${check} is one of the rule's peers`);
          assert.ok(ids.length > 0, `${tool} ${check}: at least one messageId`);
          for (const id of ids) assert.ok(id in m.messages, `${tool} ${check}: messageId ${id} is one of the rule's messages`);
        }
      }
    });
  }
});
