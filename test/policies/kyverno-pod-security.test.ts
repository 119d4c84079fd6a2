import * as assert from 'node:assert/strict';
import { objectsOf, parseManifest } from '../../engine';
import { evaluateUnit, loadPolicies, makeEnv, podSecurityCheck } from '../../policies';
import { rules } from '../../rules';

const TEXT = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: pss
spec:
  validationFailureAction: Enforce
  rules:
    - name: baseline
      match:
        any:
          - resources:
              kinds: [Pod]
      validate:
        message: "baseline for {{ request.object.metadata.name }}"
        podSecurity:
          level: baseline
          version: latest
    - name: restricted-but-capabilities
      match:
        any:
          - resources:
              kinds: [Pod]
      validate:
        podSecurity:
          level: restricted
          version: latest
          exclude:
            - controlName: Capabilities
              images: ["*"]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      hostNetwork: true
      containers:
        - name: web
          image: nginx:1.27
          securityContext:
            privileged: true
            capabilities:
              add: [NET_ADMIN]
`;

describe('policies: Kyverno podSecurity judged by the Pod Security Standards rules', () => {
  it('reports the first failing control of the level, with its message, on the controller\'s template', () => {
    const all = parseManifest(TEXT, {}).docs.flatMap((pd) => (pd.doc ? objectsOf(pd) : []));
    const { units } = loadPolicies(all, { podSecurity: podSecurityCheck(rules) });
    const env = makeEnv(all);
    const out: string[] = [];
    // twice: the second time from what the first worked out (rule verdicts and messages are kept per object)
    for (let round = 0; round < 2; round++) for (const u of units) for (const o of all) for (const v of evaluateUnit(u, o, round ? env : makeEnv(all)).violations) out.push(`${u.id}: ${v.path.join('.')} ${v.message}`);
    const want = [
      'kyverno:pss/baseline: spec.template.spec.containers.0.securityContext.capabilities.add.0 baseline for null (Capabilities: Pod web: container "web" adds capability NET_ADMIN, which lets it break out of its isolation (kernel, node or other containers).)',
      "kyverno:pss/restricted-but-capabilities: spec.template.spec.hostNetwork Host Namespaces: Pod web: the pod joins the node's network namespace (hostNetwork: true), so every container in it can reach node-local services and sniff node traffic, bypassing NetworkPolicy.",
    ];
    assert.deepEqual(out, [...want, ...want]);
  });
});
