import * as assert from 'node:assert/strict';
import { applyEdits, fixEdits, lintText, makeRuleSet, parseManifest, planFix, rangeForPath, defineRule, type FixOp } from '../../engine';

function doc(text: string) {
  const parsed = parseManifest(text);
  const d = parsed.docs[0].doc;
  assert.ok(d);
  return { parsed, d };
}

function rename(text: string, ops: FixOp[]): string | undefined {
  const { parsed, d } = doc(text);
  const edits = planFix(text, d, ops, parsed.lines);
  return edits && applyEdits(text, edits);
}

describe('engine: rename fix op', () => {
  const pod = `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  securityContex:   # typo
    runAsNonRoot: true
  containers:
    - name: app
      securityContext: {runAsNonroot: true}
`;

  it('replaces only the text of a block key, keeping value, comment and spacing', () => {
    assert.equal(rename(pod, [{ op: 'rename', path: ['spec', 'securityContex'], to: 'securityContext' }]),
      pod.replace('securityContex:   # typo', 'securityContext:   # typo'));
  });

  it('renames a key inside a flow map', () => {
    assert.equal(rename(pod, [{ op: 'rename', path: ['spec', 'containers', 0, 'securityContext', 'runAsNonroot'], to: 'runAsNonRoot' }]),
      pod.replace('{runAsNonroot: true}', '{runAsNonRoot: true}'));
  });

  it('keeps quoting: JSON keys and quoted YAML keys stay quoted', () => {
    const json = '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}, "spec": {"hostNetwrok": false}}\n';
    assert.equal(rename(json, [{ op: 'rename', path: ['spec', 'hostNetwrok'], to: 'hostNetwork' }]), json.replace('"hostNetwrok"', '"hostNetwork"'));
    const quoted = "apiVersion: v1\nkind: Pod\nspec:\n  'hostPID': true\n";
    assert.equal(rename(quoted, [{ op: 'rename', path: ['spec', 'hostPID'], to: 'hostIPC' }]), quoted.replace("'hostPID'", "'hostIPC'"));
  });

  it('refuses when the target key exists, when the path is missing or is a sequence item', () => {
    const both = 'apiVersion: v1\nkind: Pod\nspec:\n  hostPID: true\n  hostPid: false\n';
    assert.equal(rename(both, [{ op: 'rename', path: ['spec', 'hostPid'], to: 'hostPID' }]), undefined);
    assert.equal(rename(pod, [{ op: 'rename', path: ['spec', 'nothing'], to: 'x' }]), undefined);
    assert.equal(rename(pod, [{ op: 'rename', path: ['spec', 'containers', 0], to: 'x' }]), undefined);
  });

  it('is verified by re-parsing when offered through a finding (CRLF kept)', () => {
    const rule = defineRule({
      meta: {
        id: 'test-rename', title: 't', category: 'chain', goals: ['integrity'], severity: 'error', appliesTo: ['Pod'],
        profiles: [], docs: { summary: 's', recipe: 'r' }, peers: {}, messages: { m: 'm' },
      },
      check(ctx) {
        ctx.report({ messageId: 'm', path: ['spec', 'securityContex'], at: 'key', fix: { title: 't', safety: 'review', ops: [{ op: 'rename', path: ['spec', 'securityContex'], to: 'securityContext' }] } });
      },
    });
    const crlf = pod.replace(/\n/g, '\r\n');
    const res = lintText(crlf, makeRuleSet([{ rule, severity: 'error', options: {} }]));
    assert.equal(res.findings.length, 1);
    const f = res.findings[0];
    assert.deepEqual([f.range.start, f.range.end], [{ line: 4, character: 2 }, { line: 4, character: 16 }]);
    const edits = fixEdits(res.parsed, f);
    assert.ok(edits);
    assert.equal(applyEdits(crlf, edits), crlf.replace('securityContex:', 'securityContext:'));
  });
});

describe('engine: report ranges narrowed to the key or the value', () => {
  const text = `apiVersion: v1
kind: Pod
spec:
  hostNetwork: "yes"   # quoted
  containers:
    - name: app
      ports: [{containerPort: 80}]
`;
  const { d } = doc(text);
  const slice = (r: [number, number]) => text.slice(r[0], r[1]);

  it('key: only the key; value: only the scalar or flow value', () => {
    assert.equal(slice(rangeForPath(d, ['spec', 'hostNetwork'])), 'hostNetwork: "yes"');
    assert.equal(slice(rangeForPath(d, ['spec', 'hostNetwork'], 'key')), 'hostNetwork');
    assert.equal(slice(rangeForPath(d, ['spec', 'hostNetwork'], 'value')), '"yes"');
    assert.equal(slice(rangeForPath(d, ['spec', 'containers', 0, 'ports'], 'value')), '[{containerPort: 80}]');
    assert.equal(slice(rangeForPath(d, ['spec', 'containers', 0, 'ports', 0, 'containerPort'], 'value')), '80');
  });

  it('a block collection value falls back to its key; a missing path to the nearest ancestor', () => {
    assert.equal(slice(rangeForPath(d, ['spec', 'containers'], 'value')), 'containers');
    assert.equal(slice(rangeForPath(d, ['spec', 'missing'], 'key')), 'spec');
  });
});
