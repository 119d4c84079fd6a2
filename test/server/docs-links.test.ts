import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ruleDocsUrl, rulePage } from '../../engine';
import { markdownSection, packageRoot, rulePageText } from '../../host';
import { rules } from '../../rules';
import { ruleDocUrl } from '../../server/convert';

const ROOT = join(__dirname, '..', '..', '..');

describe('rule pages: bundled, linked offline, web links only under a configured base', () => {
  it('finds the package root above the compiled code', () => {
    assert.equal(packageRoot(), ROOT);
  });

  it('the editor links a rule to its bundled page, a policy rule to the README section', () => {
    assert.equal(ruleDocUrl('privileged-container'), pathToFileURL(join(ROOT, 'rules', 'privileged-container', 'README.md')).href);
    assert.equal(ruleDocUrl('vap:max-replicas'), `${pathToFileURL(join(ROOT, 'README.md')).href}#admission-policies-as-rules`);
    assert.equal(ruleDocUrl('kyverno:disallow-privileged/privileged-containers'), `${pathToFileURL(join(ROOT, 'README.md')).href}#admission-policies-as-rules`);
  });

  it('gives no link for a page that is not installed', () => {
    assert.equal(ruleDocUrl('no-such-rule'), undefined);
    assert.equal(rulePageText('no-such-rule'), undefined);
  });

  it('every rule has its page in the package, and .vscodeignore ships the pages', () => {
    const missing = rules.filter((r) => ruleDocUrl(r.meta.id) === undefined).map((r) => r.meta.id);
    assert.deepEqual(missing, []);
    const ignore = readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n');
    for (const keep of ['!README.md', '!rules/*/README.md']) assert.ok(ignore.includes(keep), keep);
  });

  it('web URLs exist only under a docs base URL', () => {
    assert.equal(ruleDocsUrl('privileged-container', undefined), undefined);
    assert.equal(ruleDocsUrl('privileged-container', 'https://docs.example.org/kh/'), 'https://docs.example.org/kh/rules/privileged-container/README.md');
    assert.equal(ruleDocsUrl('vap:x', 'https://docs.example.org/kh/'), 'https://docs.example.org/kh/README.md#admission-policies-as-rules');
    assert.deepEqual(rulePage('host-pid'), { file: 'rules/host-pid/README.md' });
  });

  it('cuts a level-2 section by its anchor, ignoring headings inside code fences', () => {
    const md = '# T\n\n## Quick start\n\nx\n\n## Admission `policies` as rules!\n\ntext\n```sh\n## not a heading\n```\nmore\n\n## Next\n\ny\n';
    assert.equal(markdownSection(md, 'admission-policies-as-rules'), '## Admission `policies` as rules!\n\ntext\n```sh\n## not a heading\n```\nmore\n');
    assert.equal(markdownSection(md, 'next'), '## Next\n\ny\n');
    assert.equal(markdownSection(md, 'missing'), undefined);
  });
});
