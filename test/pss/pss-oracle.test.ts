import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const ORACLE = join(ROOT, 'scripts', 'pss-oracle.mjs');

/** A pod that satisfies the restricted level with only core settings. */
const restrictedPod = (name: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  securityContext:
    runAsNonRoot: true
    seccompProfile: {type: RuntimeDefault}
  containers:
    - name: app
      image: registry.example/app:1.0
      securityContext:
        allowPrivilegeEscalation: false
        capabilities: {drop: [ALL]}
${extra}`;


function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubehex-psa-'));
  for (const [rel, text] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(join(p, '..'), { recursive: true });
    writeFileSync(p, text);
  }
  return dir;
}

function oracle(args: string[]) {
  const r = spawnSync(process.execPath, [ORACLE, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('scripts/pss-oracle.mjs', () => {
  const dirs: string[] = [];
  after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

  it('prints "skipped" and succeeds when the fixture folder is missing', () => {
    const r = oracle(['--dir', join(tmpdir(), 'kubehex-no-such-psa-dir')]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /skipped/);
  });

  it('counts agreement per level, also for Deployment and CronJob wrappings', () => {
    const dir = tree({
      'baseline/v1.37/pass/base.yaml': restrictedPod('base'),
      'baseline/v1.37/fail/sysctls0.yaml': restrictedPod('sysctls0').replace('    seccompProfile: {type: RuntimeDefault}\n', '    seccompProfile: {type: RuntimeDefault}\n    sysctls: [{name: kernel.msgmax, value: "65536"}]\n'),
      'restricted/v1.37/pass/base.yaml': restrictedPod('base'),
      'restricted/v1.37/fail/restrictedvolumes0.yaml': restrictedPod('restrictedvolumes0', '  volumes:\n    - name: share\n      nfs: {server: nfs.example.com, path: /exports}\n'),
    });
    dirs.push(dir);
    const r = oracle(['--dir', dir, '--json', '--carriers']);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const out = JSON.parse(r.stdout) as { total: { fixtures: number; agreed: number }; levels: Record<string, { fixtures: number; agreed: number; attributed: number; failFixtures: number }> };
    assert.deepEqual(out.total, { fixtures: 12, agreed: 12 });
    assert.equal(out.levels.baseline.attributed, 3);
    assert.equal(out.levels.restricted.attributed, 3);
  });

  it('lists a disagreement with the fixture and our findings, and fails', () => {
    const dir = tree({
      // labelled pass, but the pod sets an unsafe sysctl: kubehex must disagree
      'baseline/v1.37/pass/sysctls9.yaml': restrictedPod('sysctls9').replace('    seccompProfile: {type: RuntimeDefault}\n', '    seccompProfile: {type: RuntimeDefault}\n    sysctls: [{name: vm.max_map_count, value: "262144"}]\n'),
      'baseline/v1.37/fail/base.yaml': restrictedPod('base'),
    });
    dirs.push(dir);
    const r = oracle(['--dir', dir]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /baseline \(pss-baseline, v1\.37\): fixtures 2, agreed 0, disagreed 2/);
    assert.match(r.stdout, /baseline\/v1\.37\/pass\/sysctls9\.yaml: API server says pass, kubehex says fail\n\s+- unsafe-sysctls \(error\) 9:16 Pod sysctls9: sysctl "vm\.max_map_count"/);
    assert.match(r.stdout, /baseline\/v1\.37\/fail\/base\.yaml: API server says fail, kubehex says pass/);
    assert.match(r.stdout, /pss-oracle: 0\/2 fixtures agree/);
  });
});
