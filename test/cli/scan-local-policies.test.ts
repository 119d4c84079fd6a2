import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { BIN, ROOT, tempDir } from './helpers';

// Admission-policy rules whose verdict reads no other object (UnitScope.local) judge a document right after its
// parse (phase 1); the others, and policy-not-evaluated where such a unit may judge, once every file is read.

const TEAM_LABEL = `    - name: team-label
      match:
        any:
          - resources:
              kinds: [ConfigMap]
      validate:
        message: "ConfigMaps need a team label"
        pattern:
          metadata:
            labels:
              team: "?*"
`;
const NO_DEBUG_IN_PROD = `    - name: no-debug-in-prod
      match:
        any:
          - resources:
              kinds: [ConfigMap]
              namespaceSelector:
                matchLabels: {env: prod}
      validate:
        message: "debug is off in prod"
        pattern:
          data:
            =(debug): "false"
`;
const policy = (rules: string) => `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: cm
spec:
  validationFailureAction: Enforce
  rules:
${rules}`;

/**
 * Handed out largest first and dealt in turn (KUBEHEX_SCAN_DEAL), policy.yaml and ns.yaml go to the main thread,
 * cm-dev.yaml and cm-prod.yaml to the worker: the Namespace the selector reads is in another thread's file.
 */
function fixture(rules: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'policy.yaml'), `${'#'.repeat(400)}\n${policy(rules)}`);
  writeFileSync(join(dir, 'ns.yaml'), `apiVersion: v1
kind: Namespace
metadata:
  name: prod
  labels: {env: prod}
---
apiVersion: v1
kind: Namespace
metadata:
  name: dev
  labels: {env: dev}
`);
  writeFileSync(join(dir, 'cm-prod.yaml'), `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: prod
data:
  debug: "true"
`);
  writeFileSync(join(dir, 'cm-dev.yaml'), `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: dev
  labels: {team: web}
data:
  debug: "true"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: extra
  namespace: staging
  labels: {team: web}
data:
  debug: "true"
`);
  return dir;
}

interface Out { findings: Array<{ ruleId: string; file: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }> }

function scanJson(dir: string, workers: number) {
  const r = spawnSync(process.execPath, [BIN, 'scan', dir, '--format', 'json'], {
    cwd: ROOT, encoding: 'utf8', timeout: 60000,
    env: { ...process.env, KUBEHEX_WORKERS: String(workers), KUBEHEX_SCAN_TRACE: '1', KUBEHEX_SCAN_DEAL: '1' },
  });
  const out = JSON.parse(r.stdout) as Out;
  const policyFindings = out.findings
    .filter((f) => f.ruleId.startsWith('kyverno:') || f.ruleId === 'policy-not-evaluated')
    .map((f) => `${basename(f.file)}:${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.ruleId} ${f.message}`);
  const pending = [...r.stderr.matchAll(/pending documents (\d+)/g)].map((m) => Number(m[1]));
  return { stdout: r.stdout, stderr: r.stderr, policyFindings, pending };
}

describe('cli: admission-policy rules that read no other object are judged right after the parse', () => {
  it('a local rule and a namespaceSelector rule (its Namespace in another file and thread) give the same findings on 1 and 2 threads', function () {
    this.timeout(120000);
    const dir = fixture(TEAM_LABEL + NO_DEBUG_IN_PROD);
    const one = scanJson(dir, 1);
    assert.deepEqual(one.policyFindings, [
      'cm-prod.yaml:2:0-2:8 kyverno:cm/team-label ConfigMaps need a team label',
      'cm-prod.yaml:6:2-6:15 kyverno:cm/no-debug-in-prod debug is off in prod',
      'policy.yaml:19:6-19:28 policy-not-evaluated kyverno:cm/no-debug-in-prod: namespace staging unknown: labels not in the scan (add its Namespace object to judge its objects)',
    ]);
    // the three ConfigMaps wait for the namespaceSelector rule, the policy for its namespace-unknown check
    assert.deepEqual(one.pending, [4]);
    const two = scanJson(dir, 2);
    assert.match(two.stderr, /\] judged 2 files: ns\.yaml,policy\.yaml\n/);
    assert.match(two.stderr, /\[worker 1 [^\]]*\] judged 2 files: cm-dev\.yaml,cm-prod\.yaml\n/);
    assert.equal(two.stdout, one.stdout);
  });

  it('with local rules only, no document waits for the policies (before: every ConfigMap and the policy did)', function () {
    this.timeout(120000);
    const dir = fixture(TEAM_LABEL);
    const one = scanJson(dir, 1);
    assert.deepEqual(one.policyFindings, ['cm-prod.yaml:2:0-2:8 kyverno:cm/team-label ConfigMaps need a team label']);
    // only the policy object itself is pending: a built-in schema rule looks for its CRD among the scan's objects
    assert.deepEqual(one.pending, [1]);
    const two = scanJson(dir, 2);
    assert.equal(two.stdout, one.stdout);
  });
});
