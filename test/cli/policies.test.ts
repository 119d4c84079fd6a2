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
});
