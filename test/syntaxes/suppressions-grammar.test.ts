// Checks the TextMate injection grammar for suppression comments by running its regexes the way a TextMate
// tokenizer does for a one-line begin/end rule: find the directive's begin, then repeatedly take the inner
// pattern that matches earliest (the first listed wins a tie) until the end of the line.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const grammarPath = join(root, 'syntaxes', 'kubehex-suppressions.tmLanguage.json');

interface Rule { name?: string; match?: string; begin?: string; end?: string; captures?: Record<string, { name: string }>; beginCaptures?: Record<string, { name: string }>; patterns?: { include: string }[] }
interface Grammar { scopeName: string; injectionSelector: string; patterns: { include: string }[]; repository: Record<string, Rule> }

const grammar: Grammar = JSON.parse(readFileSync(grammarPath, 'utf8'));
const repo = grammar.repository;
const directive = repo.directive;

interface Token { text: string; scope: string }

/** Tokens inside the first suppression directive on `line`, or null when the line holds none. */
function tokenize(line: string): Token[] | null {
  const begin = new RegExp(directive.begin!, 'dg');
  const m = begin.exec(line);
  if (!m) return null;
  const tokens: Token[] = [];
  for (const [group, cap] of Object.entries(directive.beginCaptures ?? {})) {
    const idx = m.indices![Number(group)];
    if (idx) tokens.push({ text: line.slice(idx[0], idx[1]), scope: cap.name });
  }
  const inner = (directive.patterns ?? []).map((p) => repo[p.include.slice(1)]);
  let pos = m.index + m[0].length;
  while (pos < line.length) {
    let best: { rule: Rule; m: RegExpExecArray } | undefined;
    for (const rule of inner) {
      const re = new RegExp(rule.match!, 'dg');
      re.lastIndex = pos;
      const r = re.exec(line);
      if (r && r[0].length > 0 && (!best || r.index < best.m.index)) best = { rule, m: r };
    }
    if (!best) break;
    if (best.rule.name) tokens.push({ text: best.m[0], scope: best.rule.name });
    for (const [group, cap] of Object.entries(best.rule.captures ?? {})) {
      const idx = best.m.indices![Number(group)];
      if (idx && idx[1] > idx[0]) tokens.push({ text: line.slice(idx[0], idx[1]), scope: cap.name });
    }
    pos = best.m.index + best.m[0].length;
  }
  return tokens;
}

const scoped = (tokens: Token[] | null, scope: string) => (tokens ?? []).filter((t) => t.scope === scope).map((t) => t.text);
const KEYWORD = 'keyword.control.directive.suppression.kubehex';
const RULE = 'entity.name.function.rule-id.kubehex';
const REASON = 'string.unquoted.reason.kubehex';

describe('syntaxes/kubehex-suppressions.tmLanguage.json', () => {
  it('is contributed to package.json as an injection into YAML', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const entry = pkg.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === grammar.scopeName);
    assert.ok(entry, 'grammar registered under its scopeName');
    assert.equal(join(root, entry.path), grammarPath);
    assert.deepEqual(entry.injectTo, ['source.yaml']);
    assert.match(grammar.injectionSelector, /^L:source\.yaml\b/);
    assert.deepEqual(grammar.patterns, [{ include: '#directive' }]);
  });

  it('highlights # kubehex-disable-next-line with one rule id', () => {
    const t = tokenize('# kubehex-disable-next-line privileged-container');
    assert.deepEqual(scoped(t, KEYWORD), ['kubehex-disable-next-line']);
    assert.deepEqual(scoped(t, RULE), ['privileged-container']);
    assert.deepEqual(scoped(t, REASON), []);
    assert.deepEqual(scoped(t, 'punctuation.definition.comment.yaml'), ['#']);
  });

  it('highlights # kubehex-disable with several rule ids and a reason', () => {
    const t = tokenize('    # kubehex-disable host-network, host-pid,run-as-root -- node agent needs the host network');
    assert.deepEqual(scoped(t, KEYWORD), ['kubehex-disable']);
    assert.deepEqual(scoped(t, RULE), ['host-network', 'host-pid', 'run-as-root']);
    assert.deepEqual(scoped(t, 'punctuation.separator.comma.kubehex'), [',', ',']);
    assert.deepEqual(scoped(t, 'punctuation.separator.reason.kubehex'), ['--']);
    assert.deepEqual(scoped(t, REASON), ['node agent needs the host network']);
  });

  it('highlights a trailing # kubehex-disable-line after a value', () => {
    const t = tokenize('        privileged: true # kubehex-disable-line privileged-container -- CNI plugin, reviewed by sec-team');
    assert.deepEqual(scoped(t, KEYWORD), ['kubehex-disable-line']);
    assert.deepEqual(scoped(t, RULE), ['privileged-container']);
    assert.deepEqual(scoped(t, REASON), ['CNI plugin, reviewed by sec-team']);
  });

  it('accepts no space after # and a directive without rule ids (all rules)', () => {
    assert.deepEqual(scoped(tokenize('#kubehex-disable-next-line'), KEYWORD), ['kubehex-disable-next-line']);
    assert.deepEqual(scoped(tokenize('# kubehex-disable -- generated file'), RULE), []);
    assert.deepEqual(scoped(tokenize('# kubehex-disable -- generated file'), REASON), ['generated file']);
  });

  it('does not match ordinary comments or look-alikes', () => {
    for (const line of [
      '# ordinary comment',
      '# kubehex is a linter',
      '# see kubehex-disable-next-line in the docs',
      '# kubehex-disabled privileged-container',
      '# kubehex-disable-next-lines privileged-container',
      'image: registry.example/app#kubehex-disable',
      '## kubehex-enable privileged-container',
      'kubehex-disable: true',
    ]) assert.equal(tokenize(line), null, line);
  });
});
