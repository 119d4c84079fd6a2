import * as assert from 'node:assert/strict';
import { applyEdits, applyFixes, defineRule, fixEdits, lintText, makeRuleSet, parseConfig, parseManifest, objectsOf, type Finding, type FixOp, type Path, type Rule } from '../../engine';

/** A probe rule: reports the given path on every pod-spec carrier, optionally with fix ops. */
function probe(path: (kind: string) => Path, ops?: (p: Path) => FixOp[], appliesTo: string[] = ['podSpec']): Rule {
  return defineRule({
    meta: {
      id: 'probe', title: 'probe', category: 'container', goals: ['integrity'], severity: 'warning', appliesTo, profiles: [],
      docs: { summary: 's', recipe: 'r' }, peers: {}, messages: { m: 'probe' },
    },
    check(ctx) {
      const p = path(ctx.object.kind);
      ctx.report({ messageId: 'm', path: p, fix: ops ? { title: 't', safety: 'safe', ops: ops(p) } : undefined });
    },
  });
}

function run(rule: Rule, text: string): { findings: Finding[]; text: string } {
  const res = lintText(text, makeRuleSet([{ rule, severity: 'warning', options: {} }]));
  assert.deepEqual(res.errors, []);
  return { findings: res.findings, text };
}

function rangeText(text: string, f: Finding): string { return text.slice(f.offsets[0], f.offsets[1]); }

function fixed(rule: Rule, text: string): string {
  const res = lintText(text, makeRuleSet([{ rule, severity: 'warning', options: {} }]));
  const f = res.findings[0];
  const edits = fixEdits(res.parsed, f);
  assert.ok(edits, 'a fix is offered');
  return applyEdits(text, edits!);
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        runAsUser: 1000   # uid
`;

describe('engine: parsing with Kubernetes semantics', () => {
  it('reads YAML 1.1 booleans and octals like the API server, without base-60 or timestamps', () => {
    const p = parseManifest('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {}\na: yes\nb: on\nc: y\nd: 0644\ne: 22:22\nf: 2001-12-14\ng: "yes"\n');
    const v = p.docs[0].value as Record<string, unknown>;
    assert.deepEqual([v.a, v.b, v.c, v.d, v.e, v.f, v.g], [true, true, true, 420, '22:22', '2001-12-14', 'yes']);
  });
  it('splits several documents, List items and JSON manifests into objects', () => {
    const text = `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: a}\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: b}\n---\n{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "c"}}\n---\nnot: kubernetes\n`;
    const p = parseManifest(text);
    const objs = p.docs.flatMap((d) => objectsOf(d));
    assert.deepEqual(objs.map((o) => `${o.kind}/${o.name}@${o.path.join('.')}`), ['Pod/a@items.0', 'Service/b@items.1', 'Pod/c@']);
  });
  it('composes only documents of the kinds asked for', () => {
    const p = parseManifest('apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: b}\n', { kinds: new Set(['Pod']) });
    assert.ok(p.docs[0].doc);
    assert.equal(p.docs[1].doc, undefined);
    assert.equal(p.docs[1].kind, 'CustomResourceDefinition');
  });
  it('resolves anchors, aliases and merge keys before judging', () => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n    - &c\n      name: one\n      image: x:1\n      securityContext: &sc\n        privileged: true\n    - name: two\n      image: x:1\n      securityContext:\n        <<: *sc\n`;
    const p = parseManifest(text);
    const v = p.docs[0].value as { spec: { containers: Array<{ securityContext: { privileged: boolean } }> } };
    assert.equal(v.spec.containers[1].securityContext.privileged, true);
  });
});

describe('engine: one place turns a path into a range', () => {
  it('value present: the `key: value`', () => {
    const r = run(probe(() => ['spec', 'containers', 0, 'securityContext', 'runAsUser']), POD);
    assert.equal(rangeText(POD, r.findings[0]), 'runAsUser: 1000');
    assert.deepEqual(r.findings[0].range, { start: { line: 9, character: 8 }, end: { line: 9, character: 23 } });
  });
  it('missing under a container: its `name:` entry', () => {
    const r = run(probe(() => ['spec', 'containers', 0, 'resources', 'limits']), POD);
    assert.equal(rangeText(POD, r.findings[0]), 'name: app');
  });
  it('missing under an existing map: that map\'s key', () => {
    const r = run(probe(() => ['spec', 'containers', 0, 'securityContext', 'privileged']), POD);
    assert.equal(rangeText(POD, r.findings[0]), 'securityContext');
  });
  it('missing at the top: the `kind:` pair', () => {
    const r = run(probe(() => ['spec', 'nope'].slice(1)), POD);
    assert.equal(rangeText(POD, r.findings[0]), 'kind: Pod');
  });
  it('a block collection value is shown by its key only', () => {
    const r = run(probe(() => ['spec', 'containers', 0, 'securityContext']), POD);
    assert.equal(rangeText(POD, r.findings[0]), 'securityContext');
  });
  it('the last of duplicate keys is the one Kubernetes uses', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  hostPID: false\n  hostPID: true\n';
    const r = run(probe(() => ['spec', 'hostPID']), text);
    assert.equal(r.findings[0].range.start.line, 5);
  });
  it('List items and CronJob nesting get real positions', () => {
    const text = `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: batch/v1\n    kind: CronJob\n    metadata: {name: c}\n    spec:\n      jobTemplate:\n        spec:\n          template:\n            spec:\n              hostPID: true\n`;
    const r = run(probe(() => ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'hostPID']), text);
    assert.equal(rangeText(text, r.findings[0]), 'hostPID: true');
    assert.deepEqual(r.findings[0].path, ['items', 0, 'spec', 'jobTemplate', 'spec', 'template', 'spec', 'hostPID']);
  });
});

describe('engine: fixes are minimal text edits', () => {
  const sc = ['spec', 'containers', 0, 'securityContext'];
  it('replaces a scalar in place, keeping the trailing comment', () => {
    const out = fixed(probe(() => [...sc, 'runAsUser'], (p) => [{ op: 'set', path: p, value: 2000 }]), POD);
    assert.equal(out, POD.replace('runAsUser: 1000   # uid', 'runAsUser: 2000   # uid'));
  });
  it('inserts a missing key into an existing block map with its indentation', () => {
    const out = fixed(probe(() => [...sc, 'allowPrivilegeEscalation'], (p) => [{ op: 'set', path: p, value: false }]), POD);
    assert.equal(out, POD + '        allowPrivilegeEscalation: false\n');
  });
  it('creates missing parents as block lines under a container', () => {
    const out = fixed(probe(() => ['spec', 'containers', 0, 'resources', 'limits', 'memory'], (p) => [{ op: 'set', path: p, value: '256Mi' }]), POD);
    assert.equal(out, POD + '      resources:\n        limits:\n          memory: 256Mi\n');
  });
  it('inserts into a flow map, and quotes keys and strings in JSON', () => {
    const flow = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: c, image: i, securityContext: {runAsUser: 1}}]}\n';
    assert.equal(fixed(probe(() => [...sc, 'privileged'], (p) => [{ op: 'set', path: p, value: false }]), flow),
      flow.replace('{runAsUser: 1}', '{runAsUser: 1, privileged: false}'));
    const json = '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"},\n "spec": {"containers": [{"name": "c", "image": "i"}]}}\n';
    assert.equal(fixed(probe(() => [...sc, 'seccompProfile', 'type'], (p) => [{ op: 'set', path: p, value: 'RuntimeDefault' }]), json),
      json.replace('"image": "i"}', '"image": "i", "securityContext": {"seccompProfile": {"type": "RuntimeDefault"}}}'));
  });
  it('keeps CRLF line endings and a file without a final newline', () => {
    const crlf = POD.replace(/\n/g, '\r\n');
    assert.equal(fixed(probe(() => [...sc, 'privileged'], (p) => [{ op: 'set', path: p, value: false }]), crlf), crlf + '        privileged: false\r\n');
    const noEol = POD.slice(0, -1);
    assert.equal(fixed(probe(() => [...sc, 'privileged'], (p) => [{ op: 'set', path: p, value: false }]), noEol), noEol + '\n        privileged: false\n');
  });
  it('fills an empty `key:` value', () => {
    const text = POD.replace('      securityContext:\n        runAsUser: 1000   # uid\n', '      securityContext:\n');
    assert.equal(fixed(probe(() => [...sc, 'privileged'], (p) => [{ op: 'set', path: p, value: false }]), text),
      text.replace('      securityContext:\n', '      securityContext:\n        privileged: false\n'));
  });
  it('removes whole lines for a block key or item, and the comma in flow', () => {
    const text = POD.replace('        runAsUser: 1000   # uid\n', '        runAsUser: 1000   # uid\n        capabilities:\n          add:\n            - NET_ADMIN\n            - SYS_TIME\n');
    assert.equal(fixed(probe(() => [...sc, 'capabilities', 'add', 0], (p) => [{ op: 'remove', path: p }]), text), text.replace('            - NET_ADMIN\n', ''));
    assert.equal(fixed(probe(() => [...sc, 'runAsUser'], (p) => [{ op: 'remove', path: p }]), text), text.replace('        runAsUser: 1000   # uid\n', ''));
    const flow = 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: c, image: i, securityContext: {capabilities: {add: [NET_ADMIN, SYS_TIME]}}}]}\n';
    assert.equal(fixed(probe(() => [...sc, 'capabilities', 'add', 1], (p) => [{ op: 'remove', path: p }]), flow), flow.replace('[NET_ADMIN, SYS_TIME]', '[NET_ADMIN]'));
  });
  it('appends to a block or flow sequence, or creates it', () => {
    const text = POD + '        capabilities:\n          drop:\n            - NET_RAW\n';
    assert.equal(fixed(probe(() => [...sc, 'capabilities', 'drop'], (p) => [{ op: 'append', path: p, value: 'ALL' }]), text), text + '            - ALL\n');
    assert.equal(fixed(probe(() => [...sc, 'capabilities', 'drop'], (p) => [{ op: 'append', path: p, value: 'ALL' }]), POD), POD + '        capabilities:\n          drop: [ALL]\n');
  });
  it('leaves other documents byte-identical', () => {
    const other = '# first\napiVersion: v1\nkind: Service\nmetadata: {name: s}   # keep\n---\n';
    const out = fixed(probe(() => [...sc, 'privileged'], (p) => [{ op: 'set', path: p, value: false }]), other + POD);
    assert.equal(out, other + POD + '        privileged: false\n');
  });
});

describe('engine: suppressions', () => {
  const rule = probe(() => ['spec', 'containers', 0, 'securityContext', 'runAsUser']);
  it('disable-next-line skips blank and comment lines; other rules still report', () => {
    const text = POD.replace('        runAsUser', '        # kubehex-disable-next-line probe -- reviewed\n\n        # note\n        runAsUser');
    assert.equal(run(rule, text).findings.length, 0);
    assert.equal(run(rule, POD.replace('        runAsUser', '        # kubehex-disable-next-line other\n        runAsUser')).findings.length, 1);
  });
  it('disable covers the rest of its document only', () => {
    const text = '# kubehex-disable probe\n' + POD + '---\n' + POD;
    assert.deepEqual(run(rule, text).findings.map((f) => f.docIndex), [1]);
  });
  it('text that looks like a directive inside a block scalar or string is ignored', () => {
    const text = POD.replace('metadata:\n  name: web\n', 'metadata:\n  name: web\n  annotations:\n    note: |\n      # kubehex-disable probe\n    other: "# kubehex-disable probe"\n');
    assert.equal(run(rule, text).findings.length, 1);
  });
  it('the kubehex.io/ignore annotation', () => {
    const text = POD.replace('  name: web\n', '  name: web\n  annotations:\n    kubehex.io/ignore: "other, probe"\n');
    assert.equal(run(rule, text).findings.length, 0);
  });
});

describe('engine: configuration', () => {
  const known = new Set(['privileged-container']);
  it('accepts a valid config', () => {
    const r = parseConfig('profile: all\nrules:\n  privileged-container: {severity: warning}\nignore: ["vendor/**"]\n', '.kubehex.yaml', known);
    assert.ok('config' in r);
  });
  it('names the line and what was expected', () => {
    const bad = parseConfig('profile: strict\n', '.kubehex.yaml', known);
    assert.ok('error' in bad);
    assert.equal(bad.error.line, 1);
    assert.match(bad.error.message, /profile: expected one of "recommended", "pss-baseline", "pss-restricted", "all"/);
    const unknownKey = parseConfig('rules: {}\nprofiles: all\n', '.kubehex.yaml', known);
    assert.ok('error' in unknownKey && unknownKey.error.line === 2 && /unknown setting "profiles"/.test(unknownKey.error.message));
    const unknownRule = parseConfig('rules:\n  privileged-containers: off\n', '.kubehex.yaml', known);
    assert.ok('error' in unknownRule && unknownRule.error.line === 2 && /unknown rule "privileged-containers"/.test(unknownRule.error.message));
    const syntax = parseConfig('rules: [\n', '.kubehex.yaml', known);
    assert.ok('error' in syntax && syntax.error.line >= 1);
  });
});

describe('engine: kubernetesVersion from the config reaches version-aware rules', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { rules } = require('../../rules') as typeof import('../../rules');
  const { resolveRules } = require('../../engine') as typeof import('../../engine');
  const cron = 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: c, namespace: x}\nspec:\n  schedule: "* * * * *"\n  jobTemplate: {spec: {template: {spec: {restartPolicy: OnFailure, containers: [{name: a, image: "b:1"}]}}}}\n';
  const ids = (v?: string) => lintText(cron, resolveRules(rules.filter((r) => r.meta.id === 'deprecated-api-version'), v ? { kubernetesVersion: v } : undefined, 'all')).findings.map((f) => f.messageId);
  it('removed for the default target, only deprecated for 1.22', () => {
    assert.deepEqual(ids(), ['removed']);
    assert.deepEqual(ids('1.22'), ['deprecated']);
    assert.deepEqual(ids('1.20'), []);
  });
});

describe('engine: profileOptions give a rule other option defaults in one profile', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { rules } = require('../../rules') as typeof import('../../rules');
  const { resolveRules, parseConfig } = require('../../engine') as typeof import('../../engine');
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: tap}\nspec:\n  containers:\n    - name: tap\n      image: "b:1"\n      securityContext: {runAsUser: 2102}\n';
  const runAsRoot = rules.filter((r) => r.meta.id === 'run-as-root');
  const ids = (profile: string, config?: string) => lintText(pod, resolveRules(runAsRoot, config ? (parseConfig(config, '.kubehex.yaml', rules) as { config: import('../../engine').Config }).config : undefined, profile)).findings.map((f) => `${f.messageId}@${f.range.start.line}`);
  it('run-as-root: a non-zero runAsUser satisfies recommended and all, not pss-restricted', () => {
    assert.deepEqual(ids('recommended'), []);
    assert.deepEqual(ids('all'), []);
    assert.deepEqual(ids('pss-restricted'), ['runAsNonRoot@7']);
  });
  it('the configuration still wins over the profile', () => {
    assert.deepEqual(ids('recommended', 'rules:\n  run-as-root:\n    options: {requireRunAsNonRoot: true}\n'), ['runAsNonRoot@7']);
    assert.deepEqual(ids('pss-restricted', 'rules:\n  run-as-root:\n    options: {requireRunAsNonRoot: false}\n'), []);
  });
});

describe('engine: default-service-account yields to service-account-token-automount on the same pod spec', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { rules } = require('../../rules') as typeof import('../../rules');
  const { resolveRules } = require('../../engine') as typeof import('../../engine');
  const both = rules.filter((r) => r.meta.id === 'default-service-account' || r.meta.id === 'service-account-token-automount');
  const found = (text: string) => lintText(text, resolveRules(both, undefined, 'recommended')).findings.map((f) => `${f.ruleId}:${f.messageId}@${f.range.start.line}`).sort();
  it('no account named and the token mounted: one finding, the token\'s', () => {
    assert.deepEqual(found('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: "x:1"}]\n'), ['service-account-token-automount:notDisabled@3']);
  });
  it('the default account written out, or the token off: the default account is reported on its own', () => {
    assert.deepEqual(found('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  serviceAccountName: default\n  containers: [{name: c, image: "x:1"}]\n'),
      ['default-service-account:explicit@4', 'service-account-token-automount:notDisabled@3']);
    assert.deepEqual(found('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  automountServiceAccountToken: false\n  containers: [{name: c, image: "x:1"}]\n'), ['default-service-account:unset@3']);
  });
});

describe('engine: isPlaceholderValue', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { isPlaceholderValue } = require('../../engine') as typeof import('../../engine');
  it('recognises template placeholders and obvious fill-me-in values', () => {
    for (const v of ['\${DB_PASSWORD}', '{{ .Values.token }}', 'INSERT_ETCD_DISCOVERY_TOKEN', 'GOOGLE_API_KEY_VAL', '<ADD LUN ID Here>', '<your-password>',
      'CHANGEME', 'changeme00000000', 'change-me', 'REPLACE_ME', 'YOUR_API_KEY', 'yourpassword', '__ADMIN_PASSWORD__', '@db.password@', 'xxxxxxxx', '*****', 'TODO', '[insert your key here]']) {
      assert.equal(isPlaceholderValue(v), true, v);
    }
  });
  it('leaves real values alone, weak ones included', () => {
    for (const v of ['admin', 'password', 'hunter2', 'todolist-2024', 'your key', 'tcp', '8312341g-5678-abcd', 'INSERT', 'VALUE', 's3cr3t<>x', 'xx']) {
      assert.equal(isPlaceholderValue(v), false, v);
    }
  });
});

describe('engine: fix-all keeps going when list items move up', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { rules } = require('../../rules') as typeof import('../../rules');
  const { applyFixes, resolveRules } = require('../../engine') as typeof import('../../engine');
  it('removes two adjacent identical capability entries', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: b:1\n      securityContext:\n        capabilities:\n          add:\n            - SYS_ADMIN\n            - SYS_ADMIN\n            - CHOWN\n';
    const set = resolveRules(rules.filter((r) => r.meta.id === 'dangerous-capabilities'), undefined, 'all');
    const out = applyFixes(text, set, () => true).text;
    assert.equal(out, text.replace('            - SYS_ADMIN\n            - SYS_ADMIN\n', ''));
  });
});

describe('engine: a container with no securityContext or no resources gets one finding per omission, naming every gap', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { rules } = require('../../rules') as typeof import('../../rules');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { resolveRules, makeRuleSet, dropYielded } = require('../../engine') as typeof import('../../engine');
  const ids = ['no-security-context', 'run-as-root', 'privilege-escalation-allowed', 'capabilities-not-dropped', 'seccomp-profile-missing', 'writable-root-filesystem', 'resource-limits-missing', 'resource-requests-missing'];
  const some = rules.filter((r) => ids.includes(r.meta.id));
  const found = (text: string, profile = 'recommended') => lintText(text, resolveRules(some, undefined, profile)).findings.map((f) => `${f.ruleId}:${f.messageId}@${f.range.start.line}:${f.range.start.character}`).sort();
  const bare = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      image: "x:1"\n';
  it('bare container: one securityContext finding and one resources finding, both on its name', () => {
    const r = lintText(bare, resolveRules(some, undefined, 'recommended')).findings;
    assert.deepEqual(r.map((f) => `${f.ruleId}:${f.messageId}@${f.range.start.line}:${f.range.start.character}`).sort(), ['no-security-context:container@5:6', 'resource-limits-missing:memory@5:6']);
    assert.equal(r.find((f) => f.ruleId === 'no-security-context')!.message,
      'Pod p: container "app" has no securityContext, so it runs on runtime defaults: it may run as root, allows privilege escalation, keeps the default capabilities, has no seccomp profile and has a writable root filesystem.');
    assert.equal(r.find((f) => f.ruleId === 'resource-limits-missing')!.message, 'Pod p: container "app" has no memory limit and no CPU or memory request.');
  });
  it('once the container has a securityContext or a resources block, each narrower rule reports on its own', () => {
    const sc = bare + '      securityContext:\n        allowPrivilegeEscalation: false\n      resources:\n        limits: {memory: 64Mi}\n';
    assert.deepEqual(found(sc), ['capabilities-not-dropped:dropAllMissing@7:6', 'resource-requests-missing:both@9:6', 'run-as-root:mayRunAsRoot@7:6', 'seccomp-profile-missing:missing@7:6', 'writable-root-filesystem:writable@7:6']);
  });
  it('pss-restricted has no no-security-context: the PSS rules report as before', () => {
    assert.deepEqual(found(bare, 'pss-restricted'), ['capabilities-not-dropped:dropAllMissing@5:6', 'privilege-escalation-allowed:allowed@5:6', 'run-as-root:runAsNonRoot@5:6', 'seccomp-profile-missing:missing@5:6']);
  });
  it('with no-security-context off, the five findings come back', () => {
    const set = resolveRules(some, { rules: { 'no-security-context': 'off' } }, 'recommended');
    assert.deepEqual(lintText(bare, set).findings.map((f) => f.ruleId).sort(), ['capabilities-not-dropped', 'privilege-escalation-allowed', 'resource-limits-missing', 'run-as-root', 'seccomp-profile-missing', 'writable-root-filesystem']);
  });
  const shown = (text: string, profile = 'recommended') => lintText(text, resolveRules(some, undefined, profile)).findings
    .map((f) => [f.ruleId, [f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character], f.message, f.fix?.title ?? null]);
  const fixed = (text: string, ids: string[]) => applyFixes(text, resolveRules(some, undefined, 'recommended'), (f) => ids.includes(f.ruleId)).text;
  const limited = '      resources: {limits: {memory: 1Gi}, requests: {cpu: 100m, memory: 1Gi}}\n';
  it('a narrower rule suppressed on the container takes its gap, and its part of the fix, out of the finding', () => {
    const text = bare.replace('    - name: app', '    # kubehex-disable-next-line run-as-root, privilege-escalation-allowed -- the entrypoint runs sudo\n    - name: app') + limited;
    assert.deepEqual(shown(text), [['no-security-context', [6, 6, 6, 15],
      'Pod p: container "app" has no securityContext, so it runs on runtime defaults: it keeps the default capabilities, has no seccomp profile and has a writable root filesystem.',
      'Add a securityContext with the RuntimeDefault seccomp profile']]);
    assert.equal(fixed(text, ['no-security-context']), `${text}      securityContext:\n        seccompProfile: {type: RuntimeDefault}\n`);
    // seccomp-profile-missing suppressed too: nothing of the fix is left, the rest of the finding is
    const both = text.replace('privilege-escalation-allowed --', 'privilege-escalation-allowed, seccomp-profile-missing --');
    assert.deepEqual(shown(both), [['no-security-context', [6, 6, 6, 15],
      'Pod p: container "app" has no securityContext, so it runs on runtime defaults: it keeps the default capabilities and has a writable root filesystem.', null]]);
  });
  it('the same suppression on another line, or of another rule, leaves the finding whole', () => {
    const full = 'Pod p: container "app" has no securityContext, so it runs on runtime defaults: it may run as root, allows privilege escalation, keeps the default capabilities, has no seccomp profile and has a writable root filesystem.';
    const elsewhere = bare.replace('      image:', '      # kubehex-disable-next-line run-as-root\n      image:') + limited;
    assert.deepEqual(shown(elsewhere), [['no-security-context', [5, 6, 5, 15], full, 'Add a securityContext with allowPrivilegeEscalation: false and the RuntimeDefault seccomp profile']]);
    const other = bare.replace('    - name: app', '    # kubehex-disable-next-line resource-requests-missing\n    - name: app') + limited;
    assert.deepEqual(shown(other).map((f) => f[2]), [full]);
  });
  it('kubehex.io/ignore and a peer tool\'s annotation for a narrower rule take its gap out too', () => {
    const text = bare.replace('metadata: {name: p}', 'metadata:\n  name: p\n  annotations:\n    kubehex.io/ignore: "writable-root-filesystem"\n    checkov.io/skip1: CKV_K8S_23=runs as root on purpose') + limited;
    assert.deepEqual(shown(text), [['no-security-context', [9, 6, 9, 15],
      'Pod p: container "app" has no securityContext, so it runs on runtime defaults: it allows privilege escalation, keeps the default capabilities and has no seccomp profile.',
      'Add a securityContext with allowPrivilegeEscalation: false and the RuntimeDefault seccomp profile']]);
  });
  it('every gap suppressed: no finding in the default profile; the all profile keeps the container\'s own, without gaps or fix', () => {
    const text = bare.replace('  containers:', '  # kubehex-disable run-as-root, privilege-escalation-allowed, capabilities-not-dropped, seccomp-profile-missing, writable-root-filesystem\n  containers:') + limited;
    assert.deepEqual(shown(text), []);
    assert.deepEqual(shown(text, 'all').filter((f) => f[0] === 'no-security-context'), [
      ['no-security-context', [3, 0, 3, 4], 'Pod p: the pod has no securityContext, so it runs on runtime defaults.', 'Add securityContext.seccompProfile.type: RuntimeDefault'],
      ['no-security-context', [6, 6, 6, 15], 'Pod p: container "app" has no securityContext, so it runs on runtime defaults.', null],
    ]);
  });
  it('no-security-context suppressed itself: the narrower rules report on their own, as with it off', () => {
    const text = bare.replace('    - name: app', '    # kubehex-disable-next-line no-security-context\n    - name: app') + limited;
    assert.deepEqual(shown(text).map((f) => `${f[0]}@${(f[1] as number[]).join(':')}`), ['capabilities-not-dropped@6:6:6:15', 'privilege-escalation-allowed@6:6:6:15', 'run-as-root@6:6:6:15', 'seccomp-profile-missing@6:6:6:15', 'writable-root-filesystem@6:6:6:15']);
  });
  it('resource-requests-missing suppressed on a container with no resources: the limits finding alone, its fix writes the limits only', () => {
    const text = bare.replace('    - name: app', '    # kubehex-disable-next-line resource-requests-missing -- requests come from the LimitRange\n    - name: app') + '      securityContext: {allowPrivilegeEscalation: false, runAsNonRoot: true, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}, seccompProfile: {type: RuntimeDefault}}\n';
    assert.deepEqual(shown(text), [['resource-limits-missing', [6, 6, 6, 15], 'Pod p: container "app" has no memory limit.', 'Add resources.limits.memory (memory: 512Mi; size it from observed usage)']]);
    assert.equal(fixed(text, ['resource-limits-missing']), `${text}      resources:\n        limits: {memory: 512Mi}\n`);
    // unsuppressed, the one finding names the requests and writes both
    const plain = text.replace(/    # kubehex-disable-next-line[^\n]*\n/, '');
    assert.deepEqual(shown(plain), [['resource-limits-missing', [5, 6, 5, 15], 'Pod p: container "app" has no memory limit and no CPU or memory request.', 'Add resources (limits memory: 512Mi; requests cpu: 100m, memory: 128Mi; size them from observed usage)']]);
  });
  it('keepYielded keeps the yielded findings of the named rules, marked, for the report\'s PSS verdict', () => {
    const base = resolveRules(some, undefined, 'recommended');
    const set = { ...makeRuleSet(base.rules), keepYielded: new Set(['run-as-root']) };
    const r = lintText(bare, set).findings;
    assert.deepEqual(r.map((f) => `${f.ruleId}:${f.yielded ?? false}`).sort(), ['no-security-context:false', 'resource-limits-missing:false', 'run-as-root:true']);
    // a marked finding stays marked and absorbs nothing when the findings are merged again (the server's passes)
    assert.deepEqual(dropYielded(r, set).map((f) => `${f.ruleId}:${f.yielded ?? false}`).sort(), ['no-security-context:false', 'resource-limits-missing:false', 'run-as-root:true']);
  });
});

describe('engine: a hostPath volume of a sensitive directory or of the runtime socket gets the narrower rule\'s finding alone', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { rules } = require('../../rules') as typeof import('../../rules');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { resolveRules } = require('../../engine') as typeof import('../../engine');
  const some = rules.filter((r) => ['host-path-volume', 'sensitive-host-mount', 'docker-socket-mount'].includes(r.meta.id));
  const text = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  template:
    spec:
      containers:
        - name: agent
          image: example.com/agent:1.0
          volumeMounts:
            - {name: etc, mountPath: /host/etc, readOnly: true}
            - {name: logs, mountPath: /var/log, readOnly: true}
            - {name: sock, mountPath: /var/run/docker.sock, readOnly: true}
      volumes:
        - name: etc
          hostPath:
            path: /etc
        - name: logs
          hostPath:
            path: /var/log
        - name: sock
          hostPath: {path: /var/run/docker.sock, type: Socket}
`;
  const shown = (set: ReturnType<typeof resolveRules>) => lintText(text, set).findings
    .map((f) => [f.ruleId, [f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character], f.message, f.yielded ?? false]);
  it('default profile: one finding per volume, on its path', () => {
    assert.deepEqual(shown(resolveRules(some, undefined, 'recommended')), [
      ['docker-socket-mount', [21, 21, 21, 47], 'DaemonSet agent: volume "sock" mounts the container runtime socket "/var/run/docker.sock" from the node (mounted by container "agent"); that is root on the node.', false],
      ['host-path-volume', [19, 12, 19, 26], 'DaemonSet agent: volume "logs" is a hostPath volume for "/var/log" on the node (mounted by container "agent").', false],
      ['sensitive-host-mount', [16, 12, 16, 22], 'DaemonSet agent: volume "etc" mounts the host path "/etc", inside the sensitive host directory /etc (mounted by container "agent").', false],
    ]);
  });
  it('pss-baseline has only host-path-volume: it reports every hostPath volume', () => {
    assert.deepEqual(shown(resolveRules(some, undefined, 'pss-baseline')).map((f) => `${f[0]}@${(f[1] as number[]).join(':')}`), ['host-path-volume@16:12:16:22', 'host-path-volume@19:12:19:26', 'host-path-volume@21:21:21:47']);
  });
  it('the report keeps the yielded host-path-volume findings, marked, for the Pod Security verdict', () => {
    const set = { ...resolveRules(some, undefined, 'recommended'), keepYielded: new Set(['host-path-volume']) };
    assert.deepEqual(shown(set).map((f) => `${f[0]}@${(f[1] as number[])[0]}:${f[3]}`), ['docker-socket-mount@21:false', 'host-path-volume@16:true', 'host-path-volume@19:false', 'host-path-volume@21:true', 'sensitive-host-mount@16:false']);
  });
});
