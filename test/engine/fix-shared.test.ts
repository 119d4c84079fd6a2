import * as assert from 'node:assert/strict';
import { applyEdits, applyFixes, fixEdits, lintText, makeRuleSet, parseManifest, planFix, resolveRules, verifyFix, type FixOp, type Rule } from '../../engine';
import { rules } from '../../rules';

const rule = (id: string): Rule => rules.find((r) => r.meta.id === id)!;
const only = (...ids: string[]) => makeRuleSet(ids.map((id) => ({ rule: rule(id), severity: 'error' as const, options: {} })));

/** The first finding's fix applied alone (the editor's quick fix and one step of --fix); undefined when none. */
function quickFix(id: string, text: string): string | undefined {
  const res = lintText(text, only(id));
  assert.ok(res.findings.length, `${id} reports`);
  const edits = fixEdits(res.parsed, res.findings[0]);
  return edits && applyEdits(text, edits);
}

describe('engine: fixes never change a value seen through another path (issue 14: fix-edits-shared-anchors)', () => {
  it('an anchored scalar: the fixed key loses the anchor, the first alias becomes the old value and takes it', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: a
spec:
  containers:
  - name: c
    image: nginx:1.27
    securityContext:
      privileged: &yes true
      readOnlyRootFilesystem: *yes
      runAsNonRoot: *yes
`;
    assert.equal(quickFix('privileged-container', text), text.replace('privileged: &yes true', 'privileged: false').replace('readOnlyRootFilesystem: *yes', 'readOnlyRootFilesystem: &yes true'));
    // with one alias the anchor is not needed any more; CRLF and flow style kept
    const flow = 'apiVersion: v1\r\nkind: Pod\r\nmetadata: {name: f}\r\nspec:\r\n  containers:\r\n  - name: c\r\n    image: nginx:1.27\r\n    securityContext: {privileged: &p true, readOnlyRootFilesystem: *p}\r\n';
    assert.equal(quickFix('privileged-container', flow), flow.replace('{privileged: &p true, readOnlyRootFilesystem: *p}', '{privileged: false, readOnlyRootFilesystem: true}'));
  });

  it('a map reached through an alias: the key goes into a copy written in place of the alias (the unused anchor goes), and the result passes unknown-field', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: b
spec:
  securityContext: &sc
    runAsNonRoot: true   # all of the pod
  containers:
  - name: c
    image: nginx:1.27
    securityContext: *sc
`;
    const out = quickFix('privilege-escalation-allowed', text);
    // the anchor named nothing else: it goes too
    assert.equal(out, text.replace('securityContext: &sc\n', 'securityContext:\n').replace('    securityContext: *sc\n', '    securityContext:\n      runAsNonRoot: true   # all of the pod\n      allowPrivilegeEscalation: false\n'));
    assert.deepEqual(lintText(out!, only('unknown-field')).findings, []);
  });

  it('an anchored map with two aliases: the pod-level fix moves the anchor to the first alias, the second still names it', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: b
spec:
  securityContext: &sc
    runAsNonRoot: true
  containers:
  - name: c
    image: nginx:1.27
    securityContext: *sc
  - name: d
    image: nginx:1.27
    securityContext: *sc
`;
    assert.equal(quickFix('seccomp-profile-missing', text), `apiVersion: v1
kind: Pod
metadata:
  name: b
spec:
  securityContext:
    runAsNonRoot: true
    seccompProfile:
      type: RuntimeDefault
  containers:
  - name: c
    image: nginx:1.27
    securityContext: &sc
      runAsNonRoot: true
  - name: d
    image: nginx:1.27
    securityContext: *sc
`);
  });

  it('a container anchored and merged (`<<`) into another: the merging map gets the old value as its own key', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: m
spec:
  containers:
  - &base
    name: c
    image: nginx:1.27
    securityContext:
      privileged: true
  - <<: *base
    name: d
`;
    assert.equal(quickFix('privileged-container', text), text.replace('      privileged: true\n', '      privileged: false\n') + '    securityContext:\n      privileged: true\n');
    // a merging map that overrides the key already is left alone
    const overridden = text + '    securityContext: {privileged: false}\n';
    assert.equal(quickFix('privileged-container', overridden), overridden.replace('      privileged: true\n', '      privileged: false\n'));
  });

  it('a key a map takes from a merge source becomes the map\'s own key; removing a merged key is not offered', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: k
spec:
  containers:
  - name: c
    image: nginx:1.27
    securityContext: &sc
      privileged: true
  - name: d
    image: nginx:1.27
    securityContext:
      <<: *sc
      runAsNonRoot: true
`;
    const res = lintText(text, only('privileged-container'));
    const second = res.findings.find((f) => f.path[2] === 1)!;
    assert.equal(applyEdits(text, fixEdits(res.parsed, second)!), text.replace('      runAsNonRoot: true\n', '      runAsNonRoot: true\n      privileged: false\n'));
    const doc = parseManifest(text).docs[0].doc!;
    assert.equal(planFix(text, doc, [{ op: 'remove', path: ['spec', 'containers', 1, 'securityContext', 'privileged'] }]), undefined);
  });

  it('offers no fix inside a recursive alias', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: loop\nspec: &a\n  containers:\n  - name: c\n    image: nginx:1.27\n    securityContext:\n      privileged: true\n  nodeSelector:\n    team: *a\n';
    assert.equal(quickFix('privileged-container', text), undefined);
  });

  it('the verifier compares every path: an in-place edit of a shared node is rejected, the unshared one accepted', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: v}\nspec:\n  containers:\n  - name: c\n    securityContext:\n      privileged: &yes true\n      runAsNonRoot: *yes\n';
    const pd = parseManifest(text).docs[0];
    const ops: FixOp[] = [{ op: 'set', path: ['spec', 'containers', 0, 'securityContext', 'privileged'], value: false }];
    const naive = planFix(text, pd.doc!, ops, undefined, { shared: 'in-place' })!;
    assert.equal(verifyFix(applyEdits(text, naive), ops), true, 'the target alone looks fixed');
    assert.equal(verifyFix(applyEdits(text, naive), ops, pd.doc), false, 'runAsNonRoot changed with it');
    assert.equal(verifyFix(applyEdits(text, planFix(text, pd.doc!, ops)!), ops, pd.doc), true);
  });

  it('fixing every path that shares a node edits the node once (fix all, harden)', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  containers:
  - name: a
    image: nginx:1.27
    securityContext: &sc
      privileged: true
  - name: b
    image: nginx:1.27
    securityContext: *sc
`;
    const r = applyFixes(text, only('privileged-container'), () => true);
    assert.equal(r.text, text.replace('privileged: true', 'privileged: false'));
    assert.equal(r.applied.length, 2);
  });
});

describe('engine: applying many fixes (issue 14: slow-codeaction-many-findings)', () => {
  const deployment = (n: number) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels: {app: d}\n  template:\n    metadata:\n      labels: {app: d}\n    spec:\n      containers:\n` +
    Array.from({ length: n }, (_, i) => `      - name: c${i}\n        image: nginx:latest\n        securityContext:\n          privileged: true\n        ports:\n        - containerPort: 80\n          hostPort: ${8000 + i}\n`).join('');
  const set = resolveRules(rules, undefined, 'recommended');

  it('takes as many lint rounds for 12 containers as for 2, applies every fix, and leaves nothing fixable', () => {
    const small = applyFixes(deployment(2), set, () => true);
    const big = applyFixes(deployment(12), set, () => true);
    assert.equal(big.rounds, small.rounds);
    // 7 since the resource rules offer fixes too (limits and requests both add a block under the same container)
    assert.ok(big.rounds <= 7, `rounds: ${big.rounds}`);
    assert.equal(big.incomplete, undefined);
    assert.equal(big.applied.length, 12 * (small.applied.length - 1) / 2 + 1);
    assert.deepEqual(lintText(big.text, set).findings.filter((f) => f.fix).map((f) => f.ruleId), []);
  });

  it('says when the round limit stopped it with fixes left, instead of stopping silently', () => {
    const r = applyFixes(deployment(3), set, () => true, 1);
    assert.equal(r.incomplete, true);
    assert.equal(r.rounds, 2);
    const rest = applyFixes(r.text, set, () => true);
    assert.equal(rest.incomplete, undefined);
    assert.ok(rest.applied.length > 0);
  });
});
