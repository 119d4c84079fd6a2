import * as assert from 'node:assert/strict';
import { splitChunks } from '../../server/chunks';
import { compileGlobs, matchRules, parseGitignore } from '../../server/glob';
import { DocLinter } from '../../server/doc-lint';
import { lintText, resolveRules } from '../../engine';
import { rules } from '../../rules';
import { podDoc } from './helpers';

describe('server units: chunks', () => {
  const parts = (t: string) => splitChunks(t).map((c) => t.slice(c.start, c.end));

  it('splits at `---` lines only (column 0, then space, tab or end of line)', () => {
    const t = 'a: 1\n---\nb: 2\n--- # c\nc: 3\n----\nd: "\n---x"\n  ---\n---\t\n---\r\ne: 5\n---';
    assert.deepEqual(parts(t), ['a: 1\n', '---\nb: 2\n', '--- # c\nc: 3\n----\nd: "\n---x"\n  ---\n', '---\t\n', '---\r\ne: 5\n', '---']);
  });

  it('keeps a file that starts with `---` in one first chunk, and an empty file as one chunk', () => {
    assert.deepEqual(parts('---\na: 1\n'), ['---\na: 1\n']);
    assert.deepEqual(splitChunks(''), [{ start: 0, end: 0 }]);
  });

  it('chunked lint equals whole-file lint (ranges, offsets, docIndex)', async () => {
    const set = resolveRules(rules, undefined);
    const text = '# top\n' + [podDoc('a', true), podDoc('b', false), 'not: k8s\n', podDoc('c', true)].join('---\n') + '...\n';
    const whole = lintText(text, set).findings.map((f) => [f.ruleId, f.docIndex, f.offsets, f.range]);
    const r = await new DocLinter().lint(text, 1, set, 'k', () => undefined);
    assert.deepEqual(r.findings.map((f) => [f.ruleId, f.docIndex, f.offsets, f.range]), whole);
    assert.equal(whole.filter((f) => f[0] === 'privileged-container').length, 2);
  });
});

describe('server units: globs and .gitignore', () => {
  it('matches names at any depth, anchored paths, directories and braces', () => {
    const m = compileGlobs(['*.tmp.yaml', '/build', 'vendor/**', 'charts/*/templates/', '**/{a,b}.json']);
    assert.equal(m('x/y/z.tmp.yaml', false), true);
    assert.equal(m('build/out.yaml', false), true);
    assert.equal(m('src/build/out.yaml', false), false);
    assert.equal(m('vendor/k8s/pod.yaml', false), true);
    assert.equal(m('charts/web/templates/pod.yaml', false), true);
    assert.equal(m('charts/web/templates', false), false, 'dir-only pattern does not match a file');
    assert.equal(m('deep/b.json', false), true);
    assert.equal(m('deep/c.json', false), false);
  });

  it('gitignore: comments, negation, last rule wins', () => {
    const rules = parseGitignore('# c\n*.yaml\n!keep.yaml\nout/\n');
    assert.equal(matchRules(rules, 'a.yaml', false), true);
    assert.equal(matchRules(rules, 'dir/keep.yaml', false), false);
    assert.equal(matchRules(rules, 'out', true), true);
    assert.equal(matchRules(rules, 'out', false), undefined);
    assert.equal(matchRules(rules, 'a.json', false), undefined);
  });
});
