import * as assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kubehex, ROOT, tempDir } from './helpers';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'policies', 'basic');

interface JsonFinding { ruleId: string; severity: string; message: string; file: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; category: string; goals: string[] }

function policyFindings(stdout: string): string[] {
  const out = JSON.parse(stdout) as { findings: JsonFinding[] };
  return out.findings
    .filter((f) => f.ruleId.includes(':') || f.ruleId === 'policy-not-evaluated')
    .map((f) => `${f.file.split('/').pop()}:${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.ruleId} ${f.severity} ${f.category}/${f.goals.join(',')} ${f.message}`);
}

describe('cli: admission policies as rules', () => {
  it('evaluates a VAP with its binding, a Kyverno rule (autogen to a Deployment), and reports what it cannot evaluate', () => {
    const dir = tempDir();
    cpSync(FIXTURE, dir, { recursive: true });
    const r = kubehex(['scan', dir, '--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(policyFindings(r.stdout), [
      'kyverno.yaml:19:6-19:21 policy-not-evaluated info cluster/integrity kyverno:disallow-privileged/add-label: mutate rules are not evaluated (only validate rules are)',
      'policy.yaml:3:2-3:20 policy-not-evaluated info cluster/integrity vap:max-replicas: namespace staging unknown: labels not in the scan (add its Namespace object to judge its objects)',
      'policy.yaml:36:2-36:22 policy-not-evaluated info cluster/integrity policy unbound-policy has no binding: it does nothing in a cluster (set policies.unbound: evaluate in .kubehex.yaml to lint with it as if bound cluster-wide)',
      'workloads.yaml:10:2-10:11 vap:max-replicas error code/availability name web must start with app-',
      'workloads.yaml:13:2-13:14 vap:max-replicas error code/availability at most 5 replicas',
      'workloads.yaml:24:12-24:28 kyverno:disallow-privileged/privileged-containers error cluster/integrity Privileged mode is disallowed.',
    ]);
  });

  it('honours suppressions, rules: severities and policies.unbound: evaluate; warns about an unknown policy id', () => {
    const dir = tempDir();
    cpSync(FIXTURE, dir, { recursive: true });
    const w = join(dir, 'workloads.yaml');
    const { readFileSync } = require('node:fs') as typeof import('node:fs');
    writeFileSync(w, readFileSync(w, 'utf8').replace('  replicas: 10\n  selector:\n    matchLabels: {app: web}', '  # kubehex-disable-next-line vap:max-replicas -- load test\n  replicas: 10\n  selector:\n    matchLabels: {app: web}'));
    writeFileSync(join(dir, '.kubehex.yaml'), 'rules:\n  kyverno:disallow-privileged/privileged-containers: warning\n  vap:nope: off\npolicies:\n  unbound: evaluate\n');
    const r = kubehex(['scan', dir, '--format', 'json']);
    assert.equal(r.stderr, 'kubehex: warning: rules: "vap:nope" names no loaded admission policy\n');
    const got = policyFindings(r.stdout).filter((l) => !l.includes('policy-not-evaluated'));
    assert.deepEqual(got, [
      'workloads.yaml:1:0-1:15 vap:unbound-policy error cluster/integrity failed expression: false',
      'workloads.yaml:8:0-8:16 vap:unbound-policy error cluster/integrity failed expression: false',
      'workloads.yaml:10:2-10:11 vap:max-replicas error code/availability name web must start with app-',
      'workloads.yaml:25:12-25:28 kyverno:disallow-privileged/privileged-containers warning cluster/integrity Privileged mode is disallowed.',
      'workloads.yaml:28:0-28:16 vap:unbound-policy error cluster/integrity failed expression: false',
    ]);
  });

  it('SARIF lists the policy rules with the README section on policies as help', () => {
    type Sarif = { runs: { tool: { driver: { rules: { id: string; helpUri?: string; help: { markdown: string } }[] } }; results: { ruleId: string }[] }[] };
    const r = kubehex(['scan', FIXTURE, '--format', 'sarif']);
    const sarif = JSON.parse(r.stdout) as Sarif;
    const rule = sarif.runs[0].tool.driver.rules.find((x) => x.id === 'vap:max-replicas');
    // no docs base URL configured: no link, the section's text instead
    assert.equal(rule?.helpUri, undefined);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf('## Admission policies as rules\n');
    const section = readme.slice(start, readme.indexOf('\n## ', start + 3)).trimEnd() + '\n';
    assert.ok(start >= 0 && section.length > 200);
    assert.equal(rule?.help.markdown, section);
    const linked = JSON.parse(kubehex(['scan', FIXTURE, '--format', 'sarif', '--docs-url', 'https://docs.example.org/kubehex']).stdout) as Sarif;
    assert.equal(linked.runs[0].tool.driver.rules.find((x) => x.id === 'vap:max-replicas')?.helpUri, 'https://docs.example.org/kubehex/README.md#admission-policies-as-rules');
    assert.deepEqual(sarif.runs[0].results.filter((x) => x.ruleId.startsWith('vap:')).map((x) => x.ruleId), ['vap:max-replicas', 'vap:max-replicas']);
  });

  it('loads policies from policies.paths outside the scanned folder', () => {
    const dir = tempDir();
    cpSync(join(FIXTURE, 'workloads.yaml'), join(dir, 'app', 'workloads.yaml'), { recursive: true });
    cpSync(join(FIXTURE, 'policy.yaml'), join(dir, 'platform', 'policy.yaml'));
    writeFileSync(join(dir, 'app', '.kubehex.yaml'), 'policies:\n  paths: [../platform]\n');
    const r = kubehex(['scan', join(dir, 'app'), '--format', 'json']);
    assert.deepEqual(policyFindings(r.stdout), [
      'workloads.yaml:10:2-10:11 vap:max-replicas error code/availability name web must start with app-',
      'workloads.yaml:13:2-13:14 vap:max-replicas error code/availability at most 5 replicas',
    ]);
  });

  it('reports a Kyverno pattern and a JMESPath syntax error on the characters at fault', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'policy.yaml'), `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: k
spec:
  rules:
    - name: r
      match: {any: [{resources: {kinds: [Pod]}}]}
      validate:
        message: "{{ request.object.metadata.name) }} is bad"
        pattern:
          spec:
            containers:
              - ?(image): "nginx*"
`);
    const r = kubehex(['scan', dir, '--format', 'json']);
    assert.deepEqual(policyFindings(r.stdout), [
      'policy.yaml:9:49-9:50 policy-not-evaluated warning cluster/integrity kyverno:k/r: JMESPath syntax error in {{ request.object.metadata.name) }}: unexpected ")"',
      'policy.yaml:13:16-13:18 policy-not-evaluated warning cluster/integrity kyverno:k/r: pattern syntax error: unknown anchor "?(": anchors are (…), <(…), =(…), ^(…), X(…) and +(…)',
    ]);
  });

  it('cluster stand-ins from .kubehex.yaml policies.values and policies.userInfo; their problems as warnings with file:line', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'policy.yaml'), `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: team-label
spec:
  validationFailureAction: Enforce
  rules:
    - name: check-team
      match: {any: [{resources: {kinds: [ConfigMap]}}]}
      validate:
        message: "team must be {{ team }}"
        deny:
          conditions:
            any:
              - {key: "{{ request.object.metadata.labels.team || '' }}", operator: NotEquals, value: "{{ team }}"}
    - name: who
      match: {any: [{resources: {kinds: [ConfigMap]}}]}
      validate:
        message: "only admins, not {{ request.userInfo.username }}"
        deny:
          conditions:
            any:
              - {key: "{{ request.userInfo.username }}", operator: NotEquals, value: admin}
`);
    writeFileSync(join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  labels: {team: blue}\n');
    writeFileSync(join(dir, 'values.yaml'), 'apiVersion: cli.kyverno.io/v1alpha1\nkind: Values\npolicies:\n  - name: team-label\n    rules:\n      - name: check-team\n        values: {team: red}\n');
    writeFileSync(join(dir, 'user.yaml'), 'apiVersion: cli.kyverno.io/v1alpha1\nkind: UserInfo\nuserInfo: {username: dev}\n');
    writeFileSync(join(dir, '.kubehex.yaml'), 'policies:\n  values: [values.yaml]\n  userInfo: user.yaml\n');
    const r = kubehex(['scan', join(dir, 'cm.yaml'), join(dir, 'policy.yaml'), '--format', 'json', '--config', join(dir, '.kubehex.yaml')]);
    assert.equal(r.stderr, '');
    assert.deepEqual(policyFindings(r.stdout), [
      'cm.yaml:1:0-1:15 kyverno:team-label/check-team error cluster/integrity team must be red',
      'cm.yaml:1:0-1:15 kyverno:team-label/who error cluster/integrity only admins, not dev',
    ]);
    // a missing file, a file of the wrong kind: warnings with file:line; what is left is still used
    writeFileSync(join(dir, '.kubehex.yaml'), 'policies:\n  values:\n    - values.yaml\n    - gone.yaml\n  userInfo: values.yaml\n');
    const w = kubehex(['scan', join(dir, 'cm.yaml'), join(dir, 'policy.yaml'), '--format', 'json', '--config', join(dir, '.kubehex.yaml')]);
    assert.equal(w.stderr, [
      `kubehex: warning: ${join(dir, '.kubehex.yaml')}:4: policies.values: gone.yaml: no such file`,
      `kubehex: warning: ${join(dir, 'values.yaml')}:1: policies.userInfo expects cli.kyverno.io UserInfo documents, not kind Values`,
      '',
    ].join('\n'));
    assert.deepEqual(policyFindings(w.stdout), [
      'cm.yaml:1:0-1:15 kyverno:team-label/check-team error cluster/integrity team must be red',
      'cm.yaml:1:0-1:15 policy-not-evaluated info cluster/integrity kyverno:team-label/who is not evaluated for ConfigMap cm: the requesting user is not known offline (request.userInfo)',
    ]);
    // an unknown key under policies: a config error with file:line, exit 2
    writeFileSync(join(dir, '.kubehex.yaml'), 'policies:\n  values: [values.yaml]\n  userinfo: user.yaml\n');
    const bad = kubehex(['scan', join(dir, 'cm.yaml'), '--config', join(dir, '.kubehex.yaml')]);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, `kubehex: ${join(dir, '.kubehex.yaml')}:3:3: unknown setting "userinfo" at policies; expected one of: paths, unbound, values, context, userInfo\n`);
  });

  it('policies.paths: a missing path and a broken policy file are warnings with file:line, the good policies still load', () => {
    const dir = tempDir();
    cpSync(join(FIXTURE, 'workloads.yaml'), join(dir, 'app', 'workloads.yaml'), { recursive: true });
    cpSync(join(FIXTURE, 'policy.yaml'), join(dir, 'platform', 'policy.yaml'));
    writeFileSync(join(dir, 'platform', 'broken.yaml'), 'apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata:\n  name: broken\nspec:\n  rules: [\n');
    writeFileSync(join(dir, 'app', '.kubehex.yaml'), 'policies:\n  paths:\n    - ../platform\n    - ../nowhere\n');
    const r = kubehex(['scan', join(dir, 'app'), '--format', 'json']);
    assert.equal(r.stderr, [
      `kubehex: warning: ${join(dir, 'app', '.kubehex.yaml')}:4: policies.paths: no such file or directory: ${join(dir, 'nowhere')}`,
      `kubehex: warning: ${join(dir, 'platform', 'broken.yaml')}:7: policies.paths: Flow sequence in block collection must be sufficiently indented and end with a ]`,
      '',
    ].join('\n'));
    assert.deepEqual(policyFindings(r.stdout), [
      'workloads.yaml:10:2-10:11 vap:max-replicas error code/availability name web must start with app-',
      'workloads.yaml:13:2-13:14 vap:max-replicas error code/availability at most 5 replicas',
    ]);
  });
});
