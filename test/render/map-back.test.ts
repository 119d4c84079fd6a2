import * as assert from 'node:assert/strict';
import { parseManifest, rangeForPath, resolveRules, lintText } from '../../engine';
import { rules } from '../../rules';
import { memoryFs, SourceIndex, SourceMapBuilder, mapFinding, translateFix, type ReadOnlyFs, type RenderResult } from '../../render';

/**
 * A toy renderer over the real source map: `{{ .a.b }}` inserts the scalar at that values path, `{{ map .a.b N }}`
 * inserts the values map at that path as block YAML indented by N. Enough to drive map-back and fix-back
 * without Helm.
 */
function toyRender(fs: ReadOnlyFs, root = '/chart'): RenderResult {
  const valuesFile = `${root}/values.yaml`;
  const vtext = fs.readText(valuesFile) ?? '';
  const vparsed = parseManifest(vtext);
  const vdoc = vparsed.docs[0].doc!;
  const values = vdoc.toJS() as Record<string, unknown>;
  const b = new SourceMapBuilder();
  const templates = fs.list(`${root}/templates`).map((e) => `${root}/templates/${e.name}`);
  for (const file of templates) {
    const t = fs.readText(file)!;
    if (b.length) b.emit('---\n');
    const re = /\{\{ (map )?\.([\w.]+)(?: (\d+))? \}\}/g;
    let last = 0;
    for (let m = re.exec(t); m; m = re.exec(t)) {
      b.literal(t.slice(last, m.index), file, last);
      const path = m[2].split('.');
      const v = path.reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], values);
      const [s, e] = rangeForPath(vdoc, path);
      const origin = { kind: 'node' as const, file: valuesFile, doc: 0, path, range: vparsed.lines.range(s, e) };
      const trace = [{ file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, note: 'template action' }];
      if (m[1]) {
        const ind = ' '.repeat(Number(m[3]));
        const body = Object.entries(v as Record<string, unknown>).map(([k, x]) => `${ind}${k}: ${x}`).join('\n');
        b.emit(`\n${body}`, origin, trace);
      } else b.emit(String(v), origin, trace);
      last = m.index + m[0].length;
    }
    b.literal(t.slice(last), file, last);
  }
  const { text, map } = b.build();
  return { kind: 'helm', root, text, map, inputs: templates.map((file) => ({ file, reason: 'template-source' })), errors: [], notes: [] };
}

const POD = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: apps
spec:
  containers:
    - name: app
      image: nginx:1.27.0
      securityContext:
        privileged: {{ .sec.privileged }}
        readOnlyRootFilesystem: true
        allowPrivilegeEscalation: false
        runAsNonRoot: true
        capabilities:
          drop: [ALL]
      resources:{{ map .resources 8 }}
`;

const VALUES = `# chart values
sec:
  privileged: true   # set by the platform team
resources:
  requests: 1
`;

describe('render: map-back and fix-back through the source map', () => {
  const set = resolveRules(rules, undefined, 'all');
  const setup = (templates: Record<string, string>) => {
    const files: Record<string, string> = { '/chart/values.yaml': VALUES };
    for (const [k, v] of Object.entries(templates)) files[`/chart/templates/${k}`] = v;
    const fs = memoryFs(files);
    const result = toyRender(fs);
    const { parsed, findings } = lintText(result.text, set);
    return { fs, result, parsed, findings, src: new SourceIndex(fs) };
  };

  it('puts a value read from values.yaml on the values key, and a literal on the template line', () => {
    const { result, parsed, findings, src } = setup({ 'pod.yaml': POD('a') });
    const priv = findings.find((f) => f.ruleId === 'privileged-container')!;
    assert.ok(priv, 'privileged-container is reported on the rendered text');
    const loc = mapFinding(src, parsed, result.map, priv, '/chart/Chart.yaml');
    assert.equal(loc.file, '/chart/values.yaml');
    assert.equal(loc.via, 'node');
    assert.deepEqual(loc.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 18 } });
    assert.equal(loc.trace[0].note, 'template action');

    const tag = findings.find((f) => f.ruleId === 'image-not-pinned' || f.ruleId === 'image-tag-latest');
    if (tag) {
      const l2 = mapFinding(src, parsed, result.map, tag, '/chart/Chart.yaml');
      assert.equal(l2.file, '/chart/templates/pod.yaml');
      assert.equal(l2.range.start.line, 8);
    }
  });

  it('shows a missing field below a values map on that map\'s key in values.yaml', () => {
    const { result, parsed, findings, src } = setup({ 'pod.yaml': POD('a') });
    const f = findings.find((x) => x.path.join('.').includes('resources') && x.ruleId.startsWith('resource'));
    assert.ok(f, 'a resource finding');
    const loc = mapFinding(src, parsed, result.map, f!, '/chart/Chart.yaml');
    assert.equal(loc.file, '/chart/values.yaml');
    assert.equal(loc.range.start.line, 3, 'on `resources:` (nearest existing ancestor in values.yaml)');
  });

  it('fixes a values-supplied scalar in values.yaml, keeping its comment, verified by rendering again', () => {
    const { fs, result, parsed, findings, src } = setup({ 'pod.yaml': POD('a') });
    const priv = findings.find((f) => f.ruleId === 'privileged-container')!;
    const fix = translateFix({ result, rendered: parsed, finding: priv, fs, src, rerender: (f2) => toyRender(f2), set, display: (f2) => f2.slice('/chart/'.length) });
    assert.ok(fix, 'a verified source fix');
    assert.equal(fix!.files.length, 1);
    assert.equal(fix!.files[0].file, '/chart/values.yaml');
    assert.equal(fix!.objects, 1);
    assert.match(fix!.title, / in values\.yaml$/);
    const text = fs.readText('/chart/values.yaml')!;
    const e = fix!.files[0].edits[0];
    assert.equal(text.slice(0, e.start) + e.newText + text.slice(e.end), VALUES.replace('privileged: true', 'privileged: false'));
  });

  it('says how many objects a shared values key reaches', () => {
    const { fs, result, parsed, findings, src } = setup({ 'a.yaml': POD('a'), 'b.yaml': POD('b'), 'c.yaml': POD('c') });
    const priv = findings.find((f) => f.ruleId === 'privileged-container')!;
    const fix = translateFix({ result, rendered: parsed, finding: priv, fs, src, rerender: (f2) => toyRender(f2), set, display: (f2) => f2.slice('/chart/'.length) });
    assert.ok(fix);
    assert.equal(fix!.objects, 3);
    assert.match(fix!.title, / in values\.yaml \(3 objects\)$/);
  });

  it('fixes literal template text in the template', () => {
    const tpl = POD('a').replace('readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: false');
    const { fs, result, parsed, findings, src } = setup({ 'pod.yaml': tpl });
    const f = findings.find((x) => x.ruleId === 'writable-root-filesystem')!;
    assert.ok(f?.fix, 'writable-root-filesystem has a fix');
    const loc = mapFinding(src, parsed, result.map, f, '/chart/Chart.yaml');
    assert.equal(loc.file, '/chart/templates/pod.yaml');
    assert.equal(loc.via, 'text');
    assert.equal(loc.range.start.line, 11);
    const fix = translateFix({ result, rendered: parsed, finding: f, fs, src, rerender: (f2) => toyRender(f2), set, display: (f2) => f2.slice('/chart/'.length) });
    assert.ok(fix);
    assert.equal(fix!.files[0].file, '/chart/templates/pod.yaml');
    const text = fs.readText('/chart/templates/pod.yaml')!;
    const e = fix!.files[0].edits[0];
    assert.equal(text.slice(0, e.start) + e.newText + text.slice(e.end), POD('a'));
  });
});
