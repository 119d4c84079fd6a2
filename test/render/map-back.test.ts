import * as assert from 'node:assert/strict';
import { resolveRules, lintText } from '../../engine';
import { rules } from '../../rules';
import { memoryFs, SourceIndex, mapFinding, translateFix } from '../../render';
import { toyRender, POD, VALUES } from './toy-renderer';

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
    assert.equal(fix!.title, 'Set sec.privileged: false in values.yaml');
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
    assert.equal(fix!.title, 'Set sec.privileged: false in values.yaml (3 objects)');
    // one edit of the key, which changes all three objects
    assert.equal(fix!.files.length, 1);
    const text = fs.readText('/chart/values.yaml')!;
    const e = fix!.files[0].edits;
    assert.equal(e.length, 1);
    assert.equal(text.slice(0, e[0].start) + e[0].newText + text.slice(e[0].end), VALUES.replace('privileged: true', 'privileged: false'));
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
