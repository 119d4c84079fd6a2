import * as assert from 'node:assert/strict';
import { expandBraces, GlobSet, MAX_BRACE_EXPANSIONS } from '../../engine';

const v = (patterns: string[], rel: string, isDir = false, gitignore = false) => new GlobSet(patterns, { gitignore }).verdict(rel, isDir);

describe('engine: GlobSet (ignore globs and .gitignore without regular expressions)', () => {
  it('a pattern without a slash matches a name at any depth; a leading or inner slash anchors it', () => {
    assert.equal(v(['*.yaml'], 'a/b/c.yaml'), true);
    assert.equal(v(['c.yaml'], 'a/c.yaml'), true);
    assert.equal(v(['/c.yaml'], 'a/c.yaml'), undefined);
    assert.equal(v(['/c.yaml'], 'c.yaml'), true);
    assert.equal(v(['a/*.yaml'], 'a/c.yaml'), true);
    assert.equal(v(['a/*.yaml'], 'x/a/c.yaml'), undefined);
    assert.equal(v(['./a/*.yaml'], 'a/c.yaml'), true);
  });

  it('** matches any number of folders; a trailing /** everything inside, not the folder itself', () => {
    assert.equal(v(['**/x.yaml'], 'x.yaml'), true);
    assert.equal(v(['**/x.yaml'], 'a/b/x.yaml'), true);
    assert.equal(v(['a/**/b'], 'a/b'), true);
    assert.equal(v(['a/**/b'], 'a/x/y/b'), true);
    assert.equal(v(['a/**/b'], 'a/x/y/c'), undefined);
    assert.equal(v(['vendor/**'], 'vendor/x/y.yaml'), true);
    assert.equal(v(['vendor/**'], 'vendor', true), undefined);
    assert.equal(v(['a**b'], 'axxb'), true, '** inside a name is *');
    assert.equal(v(['a**b'], 'ax/xb'), undefined);
  });

  it('classes, ?, escapes, braces (config globs only) and dot-files', () => {
    assert.equal(v(['[a-c]?.yaml'], 'bz.yaml'), true);
    assert.equal(v(['[!a-c]?.yaml'], 'bz.yaml'), undefined);
    assert.equal(v(['[^a-c]?.yaml'], 'zz.yaml'), true);
    assert.equal(v(['[]x]'], ']'), true);
    assert.equal(v(['[a'], '[a'), true, 'an unclosed class is literal');
    assert.equal(v(['a\\*b'], 'a*b'), true);
    assert.equal(v(['a\\*b'], 'axb'), undefined);
    assert.equal(v(['{a,b}.yaml'], 'b.yaml'), true);
    assert.equal(v(['{a,b}.yaml'], '{a,b}.yaml', false, true), true, '.gitignore has no braces');
    assert.equal(v(['*'], '.hidden'), true);
  });

  it('.gitignore: comments, negation (last match wins), directories only, escaped # and trailing spaces', () => {
    const rules = ['# c', '*.yaml', '!keep.yaml', 'out/', '\\#x', 'sp\\ ', 'tr   '];
    assert.equal(v(rules, 'a.yaml', false, true), true);
    assert.equal(v(rules, 'dir/keep.yaml', false, true), false);
    assert.equal(v(rules, 'out', true, true), true);
    assert.equal(v(rules, 'out', false, true), undefined);
    assert.equal(v(rules, '#x', false, true), true);
    assert.equal(v(rules, 'sp ', false, true), true);
    assert.equal(v(rules, 'tr', false, true), true);
    assert.equal(v(rules, '# c', false, true), undefined);
  });

  it('matchesPathOrParent: a matched folder takes everything below it; a re-include cannot undo an excluded parent', () => {
    const s = new GlobSet(['build/', '!build/keep.yaml'], { gitignore: true });
    assert.equal(s.matchesPathOrParent('build/keep.yaml', false), true);
    assert.equal(s.matchesPathOrParent('src/a.yaml', false), false);
    const t = new GlobSet(['dir7/**']);
    assert.equal(t.matchesPathOrParent('dir7/a/b.yaml', false), true);
    assert.equal(t.matchesPathOrParent('dir70/a.yaml', false), false);
  });

  it('hostile patterns stay linear: repeated **/, star chains, alternating globstars, brace bombs', () => {
    // each of these takes picomatch or minimatch (regex based) past 10 s; here they finish at once
    assert.equal(new GlobSet(['**/'.repeat(1000) + 'x.yaml']).verdict('a/b/c/d/pod.yaml', false), undefined);
    assert.equal(new GlobSet(['**/'.repeat(1000) + 'x.yaml']).verdict('a/b/x.yaml', false), true);
    assert.equal(new GlobSet(['*a'.repeat(200) + 'b']).verdict('a'.repeat(250), false), undefined);
    assert.equal(new GlobSet(['**/a*/'.repeat(200) + 'b']).verdict('a/'.repeat(300) + 'c', false), undefined);
    assert.equal(new GlobSet(['**/a/'.repeat(200) + 'b']).verdict('a/'.repeat(300) + 'c', false), undefined);
    assert.equal(new GlobSet(['**/a/'.repeat(3) + 'b']).verdict('x/a/a/y/a/b', false), true);
    assert.deepEqual(expandBraces('{a,b}'.repeat(30) + 'c'), ['{a,b}'.repeat(30) + 'c']);
    assert.equal(expandBraces('{a,b}'.repeat(8)).length, MAX_BRACE_EXPANSIONS);
    assert.deepEqual(expandBraces('x{a,{b,c}}y'), ['xay', 'xby', 'xcy']);
  });

  it('a large list is indexed: literal first folders and bare names are looked up, not scanned', () => {
    const s = new GlobSet(Array.from({ length: 50000 }, (_, i) => `dir${i}/**`).concat(['node_cache', '*.tmp']));
    assert.equal(s.size, 50002);
    assert.equal(s.matchesPathOrParent('dir49999/x/y.yaml', false), true);
    assert.equal(s.matchesPathOrParent('a/node_cache/y.yaml', false), true);
    assert.equal(s.matchesPathOrParent('a/b.tmp', false), true);
    assert.equal(s.matchesPathOrParent('pod.yaml', false), false);
  });

  it('a large list is compiled lazily: a lookup compiles only the patterns of the buckets it reads (server-large-ignore-list)', () => {
    const s = new GlobSet(Array.from({ length: 200000 }, (_, i) => `dir${i}/**`).concat(['*.tmp']));
    assert.equal(s.size, 200001);
    assert.equal(s.compiledCount, 1, 'only *.tmp (no plain first segment) is compiled up front');
    assert.equal(s.matchesPathOrParent('pod.yaml', false), false);
    assert.equal(s.matchesPathOrParent('deploy/pod.yaml', false), false);
    assert.equal(s.compiledCount, 1, 'no dirN bucket was read');
    assert.equal(s.matchesPathOrParent('dir5/sub/x.yaml', false), true);
    assert.equal(s.matchesPathOrParent('dir5/y.yaml', false), true);
    assert.equal(s.matchesPathOrParent('dir199999/x.yaml', false), true);
    assert.equal(s.matchesPathOrParent('dir5x/a.yaml', false), false);
    assert.equal(s.matchesPathOrParent('dir7/a.tmp', false), true);
    assert.equal(s.verdict('dir5', true), undefined, 'dir5/** matches what is inside, not the folder');
    assert.equal(s.compiledCount, 4, 'dir5, dir199999 and dir7, each once');
  });

  it('a lazily compiled pattern matches exactly as one compiled at once (escaping the first letter defeats the shortcut)', () => {
    const patterns = ['a/b', '/c.yaml', 'c.yaml', 'vendor/**', 'out/', 'x//y/', './d/*.yaml', 'e/**/f', 'g', 'h/[ab]/i', 'k/', '/l/', 'm/n/'];
    const paths = ['a/b', 'a/b/c', 'x/a/b', 'c.yaml', 'q/c.yaml', 'vendor', 'vendor/z.yaml', 'out', 'out/p.yaml', 'w/out/p.yaml', 'x/y', 'x/y/z',
      'd/q.yaml', 'd/q/r.yaml', 'e/f', 'e/1/2/f', 'g', 'z/g', 'g/z', 'h/a/i', 'h/c/i', 'k', 'z/k/p', 'l', 'z/l', 'l/p', 'm/n', 'm/n/o'];
    for (const gitignore of [false, true]) {
      const extra = gitignore ? ['!a/b', 'k/', '!g'] : [];
      const lazy = new GlobSet([...patterns, ...extra], { gitignore });
      // `\a` is the letter a to the compiler, but not plain text to the shortcut: every pattern is compiled at once
      const escaped = [...patterns, ...extra].map((p) => p.replace(/^(!?[./]*)([a-z])/, '$1\\$2'));
      const eager = new GlobSet(escaped, { gitignore });
      assert.equal(eager.compiledCount, escaped.length);
      assert.ok(lazy.compiledCount < 3, `${lazy.compiledCount} compiled up front`);
      for (const rel of paths) {
        for (const isDir of [false, true]) {
          assert.equal(lazy.verdict(rel, isDir), eager.verdict(rel, isDir), `${gitignore ? '.gitignore' : 'config'} verdict ${rel} ${isDir}`);
          assert.equal(lazy.matchesPathOrParent(rel, isDir), eager.matchesPathOrParent(rel, isDir), `${gitignore ? '.gitignore' : 'config'} parent ${rel} ${isDir}`);
        }
      }
    }
    assert.equal(v(['out/'], 'out', true), true);
    assert.equal(v(['out/'], 'out', false), undefined);
    assert.equal(v(['x//y/'], 'x/y', true), true);
    assert.equal(v(['/l/'], 'z/l', true), undefined);
  });
});
