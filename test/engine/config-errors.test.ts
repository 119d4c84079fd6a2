import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { IGNORE_FAST_ITEMS, parseConfig, splitIgnoreList } from '../../engine';
import { rules } from '../../rules';

const errorsOf = (text: string) => {
  const r = parseConfig(text, '.kubehex.yaml', rules);
  return 'errors' in r ? r.errors.map((e) => `${e.line}:${e.character}: ${e.message}`) : [];
};

describe('engine: configuration errors, all at once and never a crash', () => {
  it('reports every mistake with its line', () => {
    assert.deepEqual(errorsOf('profile: strict\nfailOn: never\nrules:\n  nope: off\n  privileged-container: {severity: loud, options: 3}\n'), [
      '1:1: profile: expected one of "recommended", "pss-baseline", "pss-restricted", "all"',
      '2:1: failOn: expected one of "error", "warning", "info", "none"',
      '5:26: rules.privileged-container.severity: expected one of "off", "error", "warning", "info", "on"',
      '5:42: rules.privileged-container.options: expected a map',
    ]);
  });

  it('unknown rules and rule options, and options of the wrong type', () => {
    assert.deepEqual(errorsOf('rules:\n  nope: off\n  allowed-registries:\n    options: {registriez: [a], registries: b}\n'), [
      '2:3: unknown rule "nope" under rules (see `kubehex rules`)',
      '4:15: unknown option "registriez" for rule allowed-registries; expected one of: registries',
      '4:32: rules.allowed-registries.options.registries: expected a list (default: [])',
    ]);
    assert.deepEqual(errorsOf('rules:\n  allowed-registries:\n    options: {registries: [ghcr.io/acme]}\n'), []);
  });

  it('a version written as a number gets the quoting hint; a bad version string names the format', () => {
    assert.deepEqual(errorsOf('kubernetesVersion: 1.30\n'), ['1:1: kubernetesVersion: expected a string; 1.30 is read as a number, quote it: "1.30"']);
    assert.deepEqual(errorsOf('kubernetesVersion: "latest"\n'), ['1:1: kubernetesVersion: expected a Kubernetes version such as "1.36"']);
  });

  it('applies the manifest guards: alias bombs, nesting bombs, control characters, syntax errors', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 7; i++) bomb.push(`${'abcdefg'[i]}: &${'abcdefg'[i]} [${Array(9).fill('*' + 'abcdefg'[i - 1]).join(', ')}]`);
    assert.deepEqual(errorsOf(bomb.join('\n') + '\nignore: *g\n'), ['2:8: aliases expand to too many nodes (an alias bomb: Excessive alias count indicates a resource exhaustion attack); not expanded']);
    assert.deepEqual(errorsOf('ignore: ' + '['.repeat(300) + ']'.repeat(300) + '\n'), ['1:265: nesting deeper than 256 levels at line 1; refusing to parse (a YAML nesting bomb)']);
    assert.deepEqual(errorsOf('profile: all\u0000\n'), ['1:13: not a YAML text file: control character U+0000 at line 1']);
    assert.deepEqual(errorsOf('rules: [\nprofile: all\nprofile: all\n').length > 0, true);
  });

  it('stops at 50 errors and says how many more there were', () => {
    const e = errorsOf('rules:\n' + Array.from({ length: 60 }, (_, i) => `  nope${i}: off\n`).join(''));
    assert.equal(e.length, 51);
    assert.equal(e[50], '52:3: 10 more errors not shown');
  });

  describe('a long ignore list is read line by line (server-large-ignore-list)', () => {
    const items = (n: number, f: (i: number) => string = (i) => `  - "dir${i}/**"`) => Array.from({ length: n }, (_, i) => f(i) + '\n').join('');
    const configOf = (text: string) => {
      const r = parseConfig(text, '.kubehex.yaml', rules);
      assert.ok('config' in r, JSON.stringify(r));
      return r.config;
    };

    it('the shortcut reads exactly what the YAML parser reads: quoted, single-quoted and plain items, keys before and after, CRLF', () => {
      const mixed = (i: number) => (i % 3 === 0 ? `  - "d${i}/**"` : i % 3 === 1 ? `  - 'x ${i}/*.yaml'  ` : `  - .git${i}/a?b*-c_d`);
      const texts = [
        'profile: all\nignore:\n' + items(300) + 'failOn: warning\n',
        'ignore:\n' + items(IGNORE_FAST_ITEMS, mixed),
        'ignore:  \n' + items(400, (i) => `- n${i}`) + '# done\nrules:\n  privileged-container: off\n',
        ('ignore:\n' + items(300) + 'profile: all\n').replace(/\n/g, '\r\n'),
      ];
      for (const text of texts) {
        const split = splitIgnoreList(text);
        assert.ok(split && split.items.length >= IGNORE_FAST_ITEMS, 'the shortcut applies');
        assert.deepEqual(configOf(text), parse(text));
      }
      assert.equal(splitIgnoreList('ignore:\n' + items(IGNORE_FAST_ITEMS - 1)), undefined, 'a short list goes to the YAML parser');
    });

    it('anything else about the list leaves it to the YAML parser, with the same result', () => {
      const texts = [
        'ignore:\n' + items(300) + '  # a comment\n' + items(300),
        'ignore:\n' + items(300) + '\n' + items(10),
        'ignore:\n' + items(300) + '  - plain\n    continued\n',
        'ignore:\n' + items(300, (i) => `  - "a\\tb${i}"`),
      ];
      for (const text of texts) assert.deepEqual(configOf(text), parse(text), text.slice(-40));
      assert.deepEqual(errorsOf('ignore:\n' + items(300) + '    - deeper\n'), ['302:5: All sequence items must start at the same column']);
      const messages = (text: string) => errorsOf(text).map((e) => e.replace(/^\d+:\d+: /, ''));
      assert.deepEqual(messages('ignore:\n' + items(300) + '  - true\n  - null\n'), ['ignore.300: expected a string', 'ignore.301: expected a string']);
      assert.deepEqual(messages('ignore:\n' + items(300) + '  - 123\n'), ['ignore.300: expected a string']);
      assert.equal(errorsOf('{\nignore:\n' + items(300) + '}\n').length > 0, true, 'a block list inside a flow map is an error, shortcut or not');
      assert.deepEqual(errorsOf('ignore:\n' + items(300) + '"ignore": []\n'), errorsOf('ignore:\n' + items(3) + '"ignore": []\n').map((e) => e.replace(/^5:/, '302:')));
    });

    it('errors after the list keep their lines and columns', () => {
      assert.deepEqual(errorsOf('failOn: never\nignore:\n' + items(1000) + 'rules:\n  privileged-container: {severity: loud}\n'), [
        '1:1: failOn: expected one of "error", "warning", "info", "none"',
        '1004:26: rules.privileged-container.severity: expected one of "off", "error", "warning", "info", "on"',
      ]);
      assert.deepEqual(errorsOf('ignore:\n' + items(1000) + 'rules:\n  nope: off\n  allowed-registries:\n    options: {registriez: [a]}\n'), [
        '1003:3: unknown rule "nope" under rules (see `kubehex rules`)',
        '1005:15: unknown option "registriez" for rule allowed-registries; expected one of: registries',
      ]);
      assert.deepEqual(errorsOf('ignore:\n' + items(1000) + 'kubernetesVersion: 1.30\n'), ['1002:1: kubernetesVersion: expected a string; 1.30 is read as a number, quote it: "1.30"']);
    });
  });
});
