import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { kubehex, tempDir } from './helpers';
import { widgetCrd } from '../crd-fixture';

const PRIV = `apiVersion: v1
kind: Pod
metadata:
  name: web   # keep this comment
spec:
  containers:
    - name: app
      image: "nginx:1.27"
      securityContext:
        privileged: true
`;

describe('cli: kubehex scan', () => {
  it('prints the JSON contract and exits 1 on an error finding', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pod.yaml'), PRIV);
    const r = kubehex(['scan', dir, '--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.version, 1);
    assert.equal(out.files, 1);
    assert.deepEqual(out.errors, []);
    const f = out.findings.find((x: { ruleId: string }) => x.ruleId === 'privileged-container');
    assert.deepEqual(f.range, { start: { line: 9, character: 8 }, end: { line: 9, character: 24 } });
    assert.deepEqual(f.object, { apiVersion: 'v1', kind: 'Pod', name: 'web', namespace: null });
    assert.equal(f.category, 'container');
    assert.equal(f.fixable, true);
    assert.equal(f.severity, 'error');
  });

  it('--fail-on none exits 0; --fail-on warning still exits 1 on an error', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pod.yaml'), PRIV);
    assert.equal(kubehex(['scan', dir, '--fail-on', 'none']).code, 0);
    assert.equal(kubehex(['scan', dir, '--fail-on', 'warning']).code, 1);
  });

  it('reads manifests from standard input with "-"', () => {
    const r = kubehex(['scan', '-', '--format', 'json'], { input: PRIV });
    const out = JSON.parse(r.stdout);
    assert.equal(out.findings[0].file, '<stdin>');
    assert.ok(out.findings.some((f: { ruleId: string }) => f.ruleId === 'privileged-container'));
  });

  it('--fix rewrites only the offending value and reports what remains', () => {
    const dir = tempDir();
    const file = join(dir, 'pod.yaml');
    writeFileSync(file, PRIV.replace(/\n/g, '\r\n'));
    const r = kubehex(['scan', file, '--fix', '--format', 'json', '--profile', 'all']);
    const after = readFileSync(file, 'utf8');
    assert.equal(after.split('privileged: false').length, 2);
    // every byte outside the fixes is unchanged: the original lines are still there, in order, with CRLF
    assert.ok(after.startsWith('apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: web   # keep this comment\r\n'));
    assert.ok(!after.includes('privileged: true'));
    const out = JSON.parse(r.stdout);
    assert.ok(!out.findings.some((f: { ruleId: string }) => f.ruleId === 'privileged-container'));
  });

  it('SARIF 2.1.0 with regions, rule metadata and help links', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pod.yaml'), PRIV);
    const r = kubehex(['scan', dir, '--format', 'sarif']);
    const s = JSON.parse(r.stdout);
    assert.equal(s.version, '2.1.0');
    const run = s.runs[0];
    const res = run.results.find((x: { ruleId: string }) => x.ruleId === 'privileged-container');
    assert.deepEqual(res.locations[0].physicalLocation.region, { startLine: 10, startColumn: 9, endLine: 10, endColumn: 25 });
    assert.equal(res.level, 'error');
    const rule = run.tool.driver.rules[res.ruleIndex];
    assert.equal(rule.id, 'privileged-container');
    // no docs base URL configured: no links anywhere, the rule page's text as help
    assert.equal(rule.helpUri, undefined);
    assert.equal(run.tool.driver.informationUri, undefined);
    assert.equal(rule.help.markdown, readFileSync(join(__dirname, '..', '..', '..', 'rules', 'privileged-container', 'README.md'), 'utf8'));
    // with one: helpUri and informationUri under it
    const linked = JSON.parse(kubehex(['scan', dir, '--format', 'sarif', '--docs-url', 'https://docs.example.org/kubehex/']).stdout);
    const lrule = linked.runs[0].tool.driver.rules.find((x: { id: string }) => x.id === 'privileged-container');
    assert.equal(lrule.helpUri, 'https://docs.example.org/kubehex/rules/privileged-container/README.md');
    assert.equal(linked.runs[0].tool.driver.informationUri, 'https://docs.example.org/kubehex/');
  });

  it('exit 2 with file and line for a wrong config', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pod.yaml'), PRIV);
    writeFileSync(join(dir, '.kubehex.yaml'), 'profile: recommended\nrules:\n  privileged-container: loud\n');
    const r = kubehex(['scan', dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\.kubehex\.yaml:3:\d+: rules\.privileged-container: expected one of "off", "error", "warning", "info"/);
  });

  it('config turns a rule off and changes a severity', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pod.yaml'), PRIV);
    writeFileSync(join(dir, '.kubehex.yaml'), 'rules:\n  privileged-container: warning\n');
    const out = JSON.parse(kubehex(['scan', dir, '--format', 'json']).stdout);
    assert.equal(out.findings.find((f: { ruleId: string }) => f.ruleId === 'privileged-container').severity, 'warning');
    writeFileSync(join(dir, '.kubehex.yaml'), 'rules:\n  privileged-container: off\n');
    const out2 = JSON.parse(kubehex(['scan', dir, '--format', 'json']).stdout);
    assert.ok(!out2.findings.some((f: { ruleId: string }) => f.ruleId === 'privileged-container'));
  });

  it('stylish ends with a short prioritised list: worst severity first, then frequency', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pod.yaml'), PRIV);
    const out = kubehex(['scan', dir, '--no-color']).stdout;
    const tail = out.slice(out.indexOf('Fix first'));
    const rows = tail.split('\n').slice(1).filter((l) => l.trim()).map((l) => l.trim().split(/\s+/).slice(0, 2));
    assert.deepEqual(rows[0], ['error', 'privileged-container']);
    const sev = rows.map((r) => ({ error: 3, warning: 2, info: 1 })[r[0] as 'error']);
    assert.deepEqual(sev, [...sev].sort((a, b) => b - a));
    assert.ok(rows.length <= 5);
  });

  it('usage errors exit 2 with one line', () => {
    const r = kubehex(['scan', '--format', 'xml']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.equal(kubehex(['scan', '/nonexistent/path']).code, 2);
    assert.equal(kubehex(['frobnicate']).code, 2);
  });

  it('walks folders for yaml/yml/json, skipping node_modules and .gitignore entries', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
    mkdirSync(join(dir, 'build'));
    mkdirSync(join(dir, 'k8s'));
    writeFileSync(join(dir, '.gitignore'), 'build/\n*.skip.yaml\n');
    writeFileSync(join(dir, 'node_modules', 'x', 'a.yaml'), PRIV);
    writeFileSync(join(dir, 'build', 'b.yaml'), PRIV);
    writeFileSync(join(dir, 'k8s', 'c.skip.yaml'), PRIV);
    writeFileSync(join(dir, 'k8s', 'd.yml'), PRIV);
    writeFileSync(join(dir, 'k8s', 'e.json'), JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'j' }, spec: { containers: [{ name: 'c', image: 'i:1', securityContext: { privileged: true } }] } }));
    writeFileSync(join(dir, 'k8s', 'notes.txt'), PRIV);
    const out = JSON.parse(kubehex(['scan', dir, '--format', 'json']).stdout);
    assert.equal(out.files, 2);
    assert.deepEqual([...new Set(out.findings.map((f: { file: string }) => f.file.split('/').pop()))].sort(), ['d.yml', 'e.json']);
  });

  it('kubehex rules lists every rule as JSON and markdown', () => {
    const rules = JSON.parse(kubehex(['rules', '--format', 'json']).stdout);
    const p = rules.find((r: { id: string }) => r.id === 'privileged-container');
    assert.deepEqual(Object.keys(p.peers).sort(), ['checkov', 'datree', 'kube-linter', 'kube-score', 'kubescape', 'kubesec', 'polaris', 'pss', 'trivy']);
    assert.equal(p.fixable, true);
    const md = kubehex(['rules', '--format', 'markdown']).stdout;
    assert.match(md, /## Rules per 6C category/);
    assert.match(md, /## Rules per Parkerian Hexad goal/);
  });
});

describe('cli: custom resources across files', () => {
  it('validates a custom resource against a CRD in another file, even with only the schema rules on', async () => {
    const { scan } = await import('../../cli/scan');
    const { rules } = await import('../../rules');
    const dir = tempDir();
    writeFileSync(join(dir, 'a-crd.yaml'), widgetCrd(['size: {type: integer}']));
    writeFileSync(join(dir, 'b-widget.yaml'), 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: "big"\n  colour: red\n');
    const only = new Set(['unknown-field', 'invalid-field-type']);
    const config = { rules: Object.fromEntries(rules.map((r) => [r.meta.id, only.has(r.meta.id) ? 'error' : 'off'])) } as never;
    const res = await scan({ files: [join(dir, 'a-crd.yaml'), join(dir, 'b-widget.yaml')], config, workers: 1 });
    const got = res.results.flatMap((r) => r.findings.map((f) => [r.file.slice(dir.length + 1), f.ruleId, f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character]));
    assert.deepEqual(got, [['b-widget.yaml', 'invalid-field-type', 5, 8, 5, 13], ['b-widget.yaml', 'unknown-field', 6, 2, 6, 8]]);
  });
});
