import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../engine';
import { memoryFs, planSourceFixes, renderers } from '../../render';
import { ruleSetFor } from '../../cli/scan';
import { rules } from '../../rules';
import { kubehex, tempDir } from './helpers';

/** Only privileged-container and privilege-escalation-allowed stay on. */
const CONFIG = 'profile: recommended\nrules:\n' + ['capabilities-not-dropped', 'default-service-account', 'liveness-probe-missing', 'readiness-probe-missing', 'resource-limits-missing',
  'resource-requests-missing', 'run-as-root', 'service-account-token-automount', 'seccomp-profile-missing', 'writable-root-filesystem', 'image-not-pinned', 'namespace-default'].map((id) => `  ${id}: off\n`).join('');

const VALUES = '# security settings of both workers\nsecurityContext:\n  privileged: true\nreplicas: 1\n';
/** Two Pods whose securityContext is the same values map, and one whose securityContext is literal template text. */
const fromValues = (n: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-${n}\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n        {{- toYaml .Values.securityContext | nindent 8 }}\n`;
const LITERAL = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-c\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n';

function chartDir(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'chart', 'templates'), { recursive: true });
  writeFileSync(join(dir, 'chart', 'Chart.yaml'), 'apiVersion: v2\nname: web\nversion: 0.1.0\n');
  writeFileSync(join(dir, 'chart', 'values.yaml'), VALUES);
  writeFileSync(join(dir, 'chart', 'templates', 'a.yaml'), fromValues('a'));
  writeFileSync(join(dir, 'chart', 'templates', 'b.yaml'), fromValues('b'));
  writeFileSync(join(dir, 'chart', 'templates', 'c.yaml'), LITERAL);
  writeFileSync(join(dir, '.kubehex.yaml'), CONFIG);
  return dir;
}

const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');

describe('cli: scan --fix on a Helm chart edits the source files, proven by rendering again', function () {
  this.timeout(60000);

  it('edits values.yaml once for a key that feeds two objects, and literal template text in the template', () => {
    const dir = chartDir();
    const r = kubehex(['scan', 'chart', '--fix', '--no-color'], { cwd: dir });
    assert.equal(read(dir, 'chart/values.yaml'), '# security settings of both workers\nsecurityContext:\n  privileged: false\n  allowPrivilegeEscalation: false\nreplicas: 1\n');
    // the missing field goes after the template's last literal line (the newline Helm ends the document with is its own)
    assert.equal(read(dir, 'chart/templates/c.yaml'), LITERAL.replace('privileged: true', 'privileged: false\n        allowPrivilegeEscalation: false'));
    assert.equal(read(dir, 'chart/templates/a.yaml'), fromValues('a'));
    assert.equal(read(dir, 'chart/templates/b.yaml'), fromValues('b'));
    assert.equal(r.stderr, 'kubehex: applied 4 safe fixes in 2 files\n');
    assert.match(r.stdout, /^\n✔ 0 problems \(0 errors, 0 warnings, 0 info\) in 5 files\n/);
    assert.equal(r.code, 0);
    const again = kubehex(['scan', 'chart', '--fix', '--no-color'], { cwd: dir });
    assert.equal(again.stderr, '');
    assert.equal(read(dir, 'chart/values.yaml'), '# security settings of both workers\nsecurityContext:\n  privileged: false\n  allowPrivilegeEscalation: false\nreplicas: 1\n');
  });

  it('edits the user\'s --values file when it supplied the value (the last writer), not the chart\'s values.yaml', () => {
    const dir = chartDir();
    writeFileSync(join(dir, 'prod.yaml'), 'securityContext:\n  privileged: true # prod needs it?\n');
    writeFileSync(join(dir, 'chart', 'values.yaml'), VALUES.replace('privileged: true', 'privileged: false'));
    writeFileSync(join(dir, 'chart', 'templates', 'c.yaml'), LITERAL.replace('privileged: true', 'allowPrivilegeEscalation: false'));
    const r = kubehex(['scan', 'chart', '--values', 'prod.yaml', '--fix', '--no-color'], { cwd: dir });
    assert.equal(read(dir, 'prod.yaml'), 'securityContext:\n  privileged: false # prod needs it?\n  allowPrivilegeEscalation: false\n');
    assert.equal(read(dir, 'chart/values.yaml'), VALUES.replace('privileged: true', 'privileged: false'));
    assert.equal(r.stderr, 'kubehex: applied 2 safe fixes in 1 file\n');
    assert.equal(r.code, 0);
  });

  it('writes nothing for a value that came from --set (no file to edit)', () => {
    const dir = chartDir();
    writeFileSync(join(dir, 'chart', 'values.yaml'), VALUES.replace('privileged: true', 'privileged: false'));
    writeFileSync(join(dir, 'chart', 'templates', 'c.yaml'), LITERAL.replace('privileged: true', 'allowPrivilegeEscalation: false'));
    const r = kubehex(['scan', 'chart', '--set', 'securityContext.privileged=true', '--fix', '--no-color', '--format', 'json'], { cwd: dir });
    assert.equal(read(dir, 'chart/values.yaml'), VALUES.replace('privileged: true', 'privileged: false'));
    assert.equal(read(dir, 'chart/templates/a.yaml'), fromValues('a'));
    assert.equal(r.stderr, '');
    const priv = (JSON.parse(r.stdout) as { findings: Array<{ ruleId: string; file: string }> }).findings.filter((f) => f.ruleId === 'privileged-container');
    // shown on each template line that emitted it (the value has no file)
    assert.deepEqual(priv.map((f) => f.file), ['chart/templates/a.yaml', 'chart/templates/b.yaml']);
    assert.equal(r.code, 1);
  });
});

describe('render: planSourceFixes', () => {
  it('one values key that feeds three objects: one fix, titled with the values path, the new value, the file and the count', () => {
    const parsed = parseConfig(CONFIG, '.kubehex.yaml', rules);
    assert.ok('config' in parsed);
    const set = ruleSetFor({ config: parsed.config });
    const workload = (kind: string, api: string, n: string, podSpecAt: string) => `apiVersion: ${api}\nkind: ${kind}\nmetadata:\n  name: ${n}\nspec:\n${podSpecAt}`;
    const pod = (ind: string) => `${ind}containers:\n${ind}  - name: c\n${ind}    image: nginx:1.27\n${ind}    securityContext:\n${ind}      privileged: {{ .Values.controller.privileged }}\n${ind}      allowPrivilegeEscalation: false\n`;
    const template = (ind: string) => `  selector:\n    matchLabels: {app: x}\n  template:\n    metadata:\n      labels: {app: x}\n    spec:\n${pod(ind)}`;
    const values = 'controller:\n  # the controller needs host access\n  privileged: true  # reviewed\n  replicas: 2\n';
    const fs = memoryFs({
      '/w/chart/Chart.yaml': 'apiVersion: v2\nname: ctl\nversion: 0.1.0\n',
      '/w/chart/values.yaml': values,
      '/w/chart/templates/deployment.yaml': workload('Deployment', 'apps/v1', 'ctl', template('      ')),
      '/w/chart/templates/daemonset.yaml': workload('DaemonSet', 'apps/v1', 'ctl-node', template('      ')),
      '/w/chart/templates/pod.yaml': workload('Pod', 'v1', 'ctl-debug', pod('  ')),
    });
    const helm = renderers.find((r) => r.kind === 'helm')!;
    const plan = planSourceFixes({ fs, root: '/w/chart', renderer: helm, options: {}, set, display: (f) => f.slice('/w/chart/'.length) });
    assert.deepEqual(plan.applied.map((a) => [a.title, a.objects, a.files.map((f) => f.file)]), [
      ['Set controller.privileged: false in values.yaml (3 objects)', 3, ['/w/chart/values.yaml']],
    ]);
    assert.deepEqual([...plan.texts], [['/w/chart/values.yaml', 'controller:\n  # the controller needs host access\n  privileged: false  # reviewed\n  replicas: 2\n']]);
  });

  it('titles a values edit with the objects it changes, and plans on the edited text', () => {
    const parsed = parseConfig(CONFIG, '.kubehex.yaml', rules);
    assert.ok('config' in parsed);
    const set = ruleSetFor({ config: parsed.config });
    const fs = memoryFs({ '/w/chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n', '/w/chart/values.yaml': VALUES, '/w/chart/templates/a.yaml': fromValues('a'), '/w/chart/templates/b.yaml': fromValues('b'), '/w/chart/templates/c.yaml': LITERAL });
    const helm = renderers.find((r) => r.kind === 'helm')!;
    const plan = planSourceFixes({ fs, root: '/w/chart', renderer: helm, options: {}, set, display: (f) => f.slice(3) });
    assert.deepEqual(plan.applied.map((a) => [a.title, a.objects]), [
      ['Set securityContext.privileged: false in chart/values.yaml (2 objects)', 2],
      ['Set securityContext.allowPrivilegeEscalation: false in chart/values.yaml (2 objects)', 2],
      ['Set privileged: false in chart/templates/c.yaml', 1],
      ['Set allowPrivilegeEscalation: false in chart/templates/c.yaml', 1],
    ]);
    assert.deepEqual([...plan.texts.keys()], ['/w/chart/values.yaml', '/w/chart/templates/c.yaml']);
    assert.equal(plan.texts.get('/w/chart/values.yaml'), '# security settings of both workers\nsecurityContext:\n  privileged: false\n  allowPrivilegeEscalation: false\nreplicas: 1\n');
    // nothing editable: nothing planned
    assert.equal(planSourceFixes({ fs, root: '/w/chart', renderer: helm, options: {}, set, display: (f) => f, editable: () => false }).applied.length, 0);
  });
});
