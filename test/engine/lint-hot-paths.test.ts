import * as assert from 'node:assert/strict';
import { applyEdits, defineRule, dropYielded, fixEdits, lintText, makeRuleSet, peerAnnotationSuppresses, type FixOp, type Path, type Rule, type RuleMeta } from '../../engine';

// The engine's per-finding work (message templates, peer annotations, path -> range lookups, fix plans) is done
// through cached and short-cut paths; these pin what they give.

function rule(id: string, report: (kind: string) => { path: Path; data?: Record<string, string | number>; ops?: FixOp[]; at?: 'key' | 'value' }, extra: Partial<RuleMeta> = {}): Rule {
  return defineRule({
    meta: {
      id, title: id, category: 'container', goals: ['integrity'], severity: 'warning', appliesTo: ['podSpec'], profiles: [],
      docs: { summary: 's', recipe: 'r' }, peers: {},
      messages: { m: '{{kind}} {{name}}: {{ field }} is {{value}}; {{missing}} stays, {{field}} again.', plain: 'no placeholders' },
      ...extra,
    },
    check(ctx) {
      const r = report(ctx.object.kind);
      ctx.report({ messageId: r.data ? 'm' : 'plain', data: r.data, path: r.path, at: r.at, fix: r.ops ? { title: 'fix it', safety: 'safe', ops: r.ops } : undefined });
    },
  });
}

function lint(r: Rule, text: string, suppressedBy?: Parameters<typeof makeRuleSet>[1]) {
  const res = lintText(text, makeRuleSet([{ rule: r, severity: 'warning', options: {} }], suppressedBy));
  assert.deepEqual(res.errors, []);
  return res;
}

const fixedText = (res: ReturnType<typeof lint>, i = 0): string => applyEdits(res.parsed.text, fixEdits(res.parsed, res.findings[i])!);
const at = (res: ReturnType<typeof lint>, i = 0) => { const r = res.findings[i].range; return [r.start.line, r.start.character, r.end.line, r.end.character]; };

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx\n';

describe('engine hot paths: messages, peer annotations, ranges and fix plans', () => {
  it('fills a message template from the data, then the object\'s kind and name, and leaves unknown names as written', () => {
    const res = lint(rule('tmpl', () => ({ path: ['spec', 'containers', 0, 'image'], data: { field: 'image', value: 3, name: 'data wins' } })), POD);
    assert.equal(res.findings.length, 1);
    assert.equal(res.findings[0].ruleId, 'tmpl');
    assert.equal(res.findings[0].message, 'Pod data wins: image is 3; {{missing}} stays, image again.');
    assert.deepEqual(at(res), [7, 6, 7, 18]);
    const plain = lint(rule('tmpl', () => ({ path: ['spec'] })), POD);
    assert.equal(plain.findings[0].message, 'no placeholders');
    // a data key inherited from Object.prototype reads as it does on any object
    const proto = lint(rule('tmpl', () => ({ path: ['spec'], data: {} }), { messages: { m: '{{toString}}|{{kind}}' } }), POD);
    assert.equal(proto.findings[0].message, `${String(Object.prototype.toString)}|Pod`);
  });

  it('a peer tool\'s annotation on the pod template suppresses the rule it maps to; unrelated annotations do not', () => {
    const deploy = (annotations: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    metadata:\n      annotations:\n${annotations}    spec:\n      containers:\n        - name: app\n          image: nginx\n`;
    const r = rule('peer', () => ({ path: ['spec', 'template', 'spec', 'containers', 0] }), { peers: { 'kube-linter': ['some-check'], checkov: ['CKV_K8S_1'] } });
    assert.deepEqual(lint(r, deploy('        ignore-check.kube-linter.io/some-check: "why"\n'), peerAnnotationSuppresses).findings, []);
    assert.deepEqual(lint(r, deploy('        checkov.io/skip3: CKV_K8S_1=ok\n'), peerAnnotationSuppresses).findings, []);
    const kept = lint(r, deploy('        ignore-check.kube-linter.io/other-check: "why"\n        team: web\n'), peerAnnotationSuppresses);
    assert.deepEqual(kept.findings.map((f) => [f.ruleId, ...at(kept)]), [['peer', 12, 10, 12, 19]]);
    const none = lint(r, deploy('        team: web\n'), peerAnnotationSuppresses);
    assert.deepEqual(none.findings.map((f) => [f.ruleId, ...at(none)]), [['peer', 11, 10, 11, 19]]);
  });

  it('finds a key through a merge key, and the last of a key written twice', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - &c\n      name: app\n      image: nginx\n  initContainers:\n    - <<: *c\n      name: init\n';
    const res = lint(rule('merge', () => ({ path: ['spec', 'initContainers', 0, 'image'], at: 'value' })), text);
    assert.deepEqual(at(res), [8, 13, 8, 18]);
  });

  it('plans a nested insertion at the parent map\'s own indentation step', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n    name: web\nspec:\n    containers:\n        -   name: app\n            image: nginx\n';
    const path: Path = ['spec', 'securityContext', 'runAsNonRoot'];
    const res = lint(rule('indent', () => ({ path, ops: [{ op: 'set', path, value: true }] })), text);
    assert.equal(res.findings[0].fix?.title, 'fix it');
    assert.deepEqual(at(res), [4, 0, 4, 4]);
    assert.equal(fixedText(res), `${text}    securityContext:\n        runAsNonRoot: true\n`);
    // under a list item the step is the default two
    const inItem: Path = ['spec', 'containers', 0, 'securityContext', 'runAsNonRoot'];
    const item = lint(rule('indent', () => ({ path: inItem, ops: [{ op: 'set', path: inItem, value: true }] })), text);
    assert.equal(fixedText(item), `${text}            securityContext:\n              runAsNonRoot: true\n`);
  });

  it('a `*` in another document leaves this one\'s fix in place; an alias in its own moves the fix off the shared node', () => {
    const other = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {glob: "*.txt"}\n---\n';
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx\n      securityContext: {privileged: true}\n';
    const set: FixOp[] = [{ op: 'set', path: ['spec', 'containers', 0, 'securityContext', 'privileged'], value: false }];
    const r = rule('shared', () => ({ path: ['spec', 'containers', 0, 'securityContext', 'privileged'], ops: set }));
    const plain = lint(r, other + pod);
    assert.equal(fixedText(plain), other + pod.replace('privileged: true', 'privileged: false'));
    const aliased = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx\n      securityContext: &sc {privileged: true}\n  initContainers:\n    - name: init\n      image: nginx\n      securityContext: *sc\n';
    const res = lint(r, aliased);
    assert.equal(res.findings[0].ruleId, 'shared');
    assert.deepEqual(at(res), [8, 28, 8, 44]);
    assert.equal(fixedText(res), aliased.replace('securityContext: &sc {privileged: true}', 'securityContext: {privileged: false}').replace('securityContext: *sc', 'securityContext: {privileged: true}'));
  });

  it('a rule yields to another rule\'s finding, or to one of its messages, on the same range only', () => {
    const target = (messageId: string, path: Path) => defineRule({
      meta: { id: 'target', title: 't', category: 'container', goals: ['integrity'], severity: 'warning', appliesTo: ['podSpec'], profiles: [], docs: { summary: 's', recipe: 'r' }, peers: {}, messages: { m1: 'one', m2: 'two' } },
      check(ctx) { ctx.report({ messageId, path }); },
    });
    const yielding = rule('yielding', () => ({ path: ['spec', 'containers', 0] }), { yieldsTo: ['target:m2'] });
    const here: Path = ['spec', 'containers', 0];
    const run = (t: Rule, keep = false) => {
      const set = makeRuleSet([{ rule: t, severity: 'warning', options: {} }, { rule: yielding, severity: 'warning', options: {} }]);
      const res = lintText(POD, keep ? { ...set, keepYielded: new Set(['yielding']) } : set);
      return res.findings.map((f) => `${f.ruleId}:${f.messageId}@${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}${f.yielded ? ' yielded' : ''}`);
    };
    assert.deepEqual(run(target('m2', here)), ['target:m2@6:6-6:15']);
    assert.deepEqual(run(target('m2', here), true), ['target:m2@6:6-6:15', 'yielding:plain@6:6-6:15 yielded']);
    assert.deepEqual(run(target('m1', here)), ['target:m1@6:6-6:15', 'yielding:plain@6:6-6:15']);
    assert.deepEqual(run(target('m2', ['spec'])), ['target:m2@4:0-4:4', 'yielding:plain@6:6-6:15']);
    // merged again (the server's passes): a marked finding stays, and absorbs nothing
    const set = { ...makeRuleSet([{ rule: target('m2', here), severity: 'warning', options: {} }, { rule: yielding, severity: 'warning', options: {} }]), keepYielded: new Set(['yielding']) };
    const once = lintText(POD, set).findings;
    assert.deepEqual(dropYielded(once, set).map((f) => `${f.ruleId}:${f.yielded ?? false}`), ['target:false', 'yielding:true']);
  });
});
