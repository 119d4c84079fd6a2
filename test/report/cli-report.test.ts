import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kubehex, tempDir } from '../cli/helpers';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: app
          image: nginx:1.27
          securityContext:
            privileged: true
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector: {app: web}
  ports:
    - port: 80
`;

const GOOD = `apiVersion: v1
kind: Pod
metadata:
  name: good
  namespace: shop
spec:
  automountServiceAccountToken: false
  securityContext:
    runAsNonRoot: true
    runAsUser: 10001
    seccompProfile: {type: RuntimeDefault}
  containers:
    - name: app
      image: registry.example.com/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
      securityContext:
        allowPrivilegeEscalation: false
        readOnlyRootFilesystem: true
        capabilities: {drop: [ALL]}
      resources:
        limits: {cpu: 100m, memory: 64Mi}
        requests: {cpu: 100m, memory: 64Mi}
      livenessProbe: {httpGet: {path: /, port: 8080}}
      readinessProbe: {httpGet: {path: /, port: 8080}}
`;

function fixture(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'web.yaml'), WEB);
  writeFileSync(join(dir, 'good.yaml'), GOOD);
  return dir;
}

interface Data {
  overall: { score: number; grade: string; objects: number };
  categories: Record<string, { score: number }>;
  recipes: Array<{ rank: number; rules: string[]; risk: number; quickFixes: number }>;
  topFix: { percent: number; totalErrors: number };
  workloads: Array<{ name: string; pss: string; pssFailing: string[]; worst?: { ruleId: string } }>;
  files: Array<{ name: string; score: number; objects: number }>;
  findings: Array<{ ruleId: string }>;
  baseline?: { summary: string; counts: { new: Record<string, number>; fixed: Record<string, number> } };
}

function report(dir: string, extra: string[] = []): Data {
  const r = kubehex(['report', '.', '--format', 'json', '--out', '-', ...extra], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Data;
}

describe('cli: kubehex report', () => {
  it('JSON: exact scores, recipe ranking, workloads and files for a small fixture set', () => {
    const d = report(fixture());
    // web Deployment: 1 error + 7 warnings (no resources: one finding) → its whole point; Service: nothing; Pod good: 1 info (0.05)
    assert.deepEqual([d.overall.score, d.overall.grade, d.overall.objects], [65, 'D', 3]);
    assert.deepEqual(Object.fromEntries(Object.entries(d.categories).map(([k, v]) => [k, v.score])), { core: 98, chain: 100, cluster: 83, container: 67, code: 100, components: 100 });
    assert.deepEqual(d.recipes.slice(0, 4).map((r) => [r.rank, r.rules.join(','), r.risk, r.quickFixes]), [
      [1, 'privileged-container', 1, 1],
      [2, 'capabilities-not-dropped', 0.25, 1],
      [3, 'privilege-escalation-allowed', 0.25, 0],
      [4, 'resource-limits-missing', 0.25, 1],
    ]);
    assert.deepEqual(d.topFix, { recipes: 5, errors: 1, totalErrors: 1, percent: 100 });
    assert.deepEqual(d.workloads.map((w) => [w.name, w.pss, w.worst?.ruleId]), [['web', 'privileged', 'privileged-container'], ['good', 'restricted', 'default-service-account']]);
    assert.deepEqual(d.files.map((f) => [f.name, f.score, f.objects]), [['web.yaml', 50, 2], ['good.yaml', 95, 1]]);
  });

  it('judges the PSS level with the PSS rules whatever the profile, and scores only the profile\'s rules', () => {
    const dir = fixture();
    writeFileSync(join(dir, 'web.yaml'), WEB.replace('privileged: true', 'privileged: false'));
    const d = report(dir, ['--profile', 'pss-baseline']);
    assert.deepEqual(d.findings.map((f) => f.ruleId), []);
    assert.equal(d.overall.score, 100);
    const web = d.workloads.find((w) => w.name === 'web')!;
    assert.equal(web.pss, 'baseline');
    assert.deepEqual(web.pssFailing, ['restricted: Capabilities', 'restricted: Privilege Escalation', 'restricted: Running as Non-root, Running as Non-root user', 'restricted: Seccomp']);
  });

  it('writes kubehex-report.html by default, prints its path, exits 0 despite errors; the page needs no script or network', () => {
    const dir = fixture();
    writeFileSync(join(dir, 'broken.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: x\n');
    const r = kubehex(['report'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /report written to kubehex-report\.html \(score \d+\/100/);
    const html = readFileSync(join(dir, 'kubehex-report.html'), 'utf8');
    assert.doesNotMatch(html, /<script|<link|<iframe|<img|@import|url\(|\bsrc=|https?:|\/\/[a-z]/i);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">/);
    assert.match(html, /@media \(prefers-color-scheme: dark\)/);
    for (const c of ['core', 'chain', 'cluster', 'container', 'code', 'components']) assert.match(html, new RegExp(`<b>${c}</b>`));
    assert.match(html, /<svg class="chart" role="img" aria-label="6C category by hexad goal heat map"/);
    assert.match(html, /How the scores are computed/);
    assert.match(html, /<a href="#rule-privileged-container"><code>privileged-container<\/code><\/a>/);
    assert.match(html, /<div class="rule" id="rule-privileged-container">/);
    assert.match(html, /<a class="loc" href="web\.yaml" data-file="web\.yaml" data-line="17" data-character="12"/);
    assert.match(html, /Files that could not be linted \(1\)/);
  });

  it('Markdown for a pull-request comment', () => {
    const r = kubehex(['report', '.', '--format', 'md', '--out', '-'], { cwd: fixture() });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.startsWith('## kubehex posture: 65/100 (grade D)\n'));
    assert.match(r.stdout, /\*\*Fix these 5 to clear 100% of errors\*\* \(1 of 1\)\./);
    assert.match(r.stdout, /\| Deployment shop\/web \| web\.yaml \| 1 \/ 7 \/ 0 \| privileged \| `privileged-container` \|/);
  });

  it('--baseline: moved lines are not new; new and fixed are counted', () => {
    const dir = fixture();
    const base = kubehex(['scan', '.', '--format', 'json'], { cwd: dir });
    writeFileSync(join(dir, 'base.json'), base.stdout);
    // shift every line, swap the documents, and add a new privileged workload
    const [dep, svc] = WEB.split('---\n');
    writeFileSync(join(dir, 'web.yaml'), `# moved\n\n${svc}---\n${dep}`);
    writeFileSync(join(dir, 'new.yaml'), WEB.split('---\n')[0].replace('name: web', 'name: api'));
    const d = report(dir, ['--baseline', 'base.json']);
    assert.equal(d.baseline!.summary, '1 new error, 7 new warnings; nothing fixed; 9 unchanged — worse');
    writeFileSync(join(dir, 'web.yaml'), `# moved\n\n${svc}---\n${dep.replace('privileged: true', 'privileged: false')}`);
    const d2 = report(dir, ['--baseline', 'base.json']);
    assert.deepEqual(d2.baseline!.counts.fixed, { error: 1, warning: 0, info: 0 });
  });

  it('usage errors exit 2', () => {
    const dir = fixture();
    assert.equal(kubehex(['report', '.', '--format', 'pdf'], { cwd: dir }).code, 2);
    const r = kubehex(['report', '.', '--baseline', 'nope.json'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^kubehex: cannot read baseline nope\.json: ENOENT\n$/);
    writeFileSync(join(dir, 'bad.json'), '{"files": 1}');
    assert.match(kubehex(['scan', '.', '--baseline', 'bad.json'], { cwd: dir }).stderr, /baseline bad\.json: expected the output of `kubehex scan --format json`/);
    assert.ok(!existsSync(join(dir, 'kubehex-report.html')));
  });
});

describe('cli: kubehex scan --baseline', () => {
  it('reports and fails only on findings not in the baseline, whatever lines moved', () => {
    const dir = fixture();
    writeFileSync(join(dir, 'base.json'), kubehex(['scan', '.', '--format', 'json'], { cwd: dir }).stdout);
    const [dep, svc] = WEB.split('---\n');
    writeFileSync(join(dir, 'web.yaml'), `# a comment\n# another\n${svc}---\n${dep.replace('      containers:', '      # note\n      containers:')}`);
    writeFileSync(join(dir, 'good.yaml'), `\n\n${GOOD}`);
    const same = kubehex(['scan', '.', '--format', 'json', '--baseline', 'base.json'], { cwd: dir });
    assert.equal(same.code, 0, same.stdout);
    assert.deepEqual(JSON.parse(same.stdout).findings, []);
    assert.match(same.stderr, /kubehex: 9 findings already in the baseline not shown/);

    writeFileSync(join(dir, 'good.yaml'), GOOD.replace('allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: false\n        privileged: true'));
    const worse = kubehex(['scan', '.', '--format', 'json', '--baseline', 'base.json'], { cwd: dir });
    assert.equal(worse.code, 1);
    const out = JSON.parse(worse.stdout) as { findings: Array<{ ruleId: string; file: string; range: { start: { line: number } } }> };
    assert.deepEqual(out.findings.map((f) => [f.ruleId, f.file, f.range.start.line]), [['privileged-container', 'good.yaml', 16]]);
  });
});

describe('cli: kubehex report over a chart', function () {
  this.timeout(60000);

  it('a rendered workload is one row whose findings sit on values.yaml and the template; objects without findings count', () => {
    const dir = tempDir();
    const chart = join(dir, 'web');
    mkdirSync(join(chart, 'templates'), { recursive: true });
    writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: web\nversion: 0.1.0\n');
    writeFileSync(join(chart, 'values.yaml'), 'privileged: true\n');
    writeFileSync(join(chart, 'templates', 'deploy.yaml'), WEB.split('---\n')[0].replace('privileged: true', 'privileged: {{ .Values.privileged }}'));
    writeFileSync(join(chart, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\ndata:\n  a: b\n');
    writeFileSync(join(dir, '.kubehex.yaml'), 'profile: recommended\n');
    const r = kubehex(['report', '.', '--format', 'json', '--out', '-'], { cwd: dir });
    assert.equal(r.code, 0);
    const d = JSON.parse(r.stdout);
    const files = [...new Set(d.findings.filter((f: { object: { name: string } }) => f.object.name === 'web').map((f: { file: string }) => f.file))].sort();
    assert.deepEqual(files, ['web/templates/deploy.yaml', 'web/values.yaml']);
    assert.deepEqual(d.workloads.map((w: { kind: string; name: string; rendered: string; pss: string }) => [w.kind, w.name, w.rendered, w.pss]), [['Deployment', 'web', 'web', 'privileged']]);
    assert.equal(d.totals.objects, 2);
    assert.equal(d.totals.workloads, 1);
    assert.deepEqual(d.rendered.map((g: { name: string; objects: number }) => [g.name, g.objects]), [['web', 2]]);
  });
});
