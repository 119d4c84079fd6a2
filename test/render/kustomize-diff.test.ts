import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { diskFs } from '../../cli/disk-fs';
import { kustomizeRenderer } from '../../render';

// Differential tests: every directory under test/fixtures/kustomize/diff is a kustomization root written for
// one transformer or feature; expected/diff/ holds what `kubectl kustomize` (kubectl v1.32, kustomize v5.5)
// printed for it (scripts/kustomize-fixtures.sh regenerates them; the tests never run kubectl). A build
// that succeeds must print the same bytes and the same warnings; one that fails, kustomize's message.
const FIX = resolve(__dirname, '../../../test/fixtures/kustomize');
const EXPECTED = join(FIX, 'expected/diff');
const fs = diskFs();
/** kustomize's warnings (its stderr) on a build that succeeds, from warnings.tsv ("CASE<TAB>line"); none when not listed. */
function warningsOf(c: string): string[] {
  return readFileSync(join(EXPECTED, 'warnings.tsv'), 'utf8').split('\n').filter((l) => l.startsWith(`${c}\t`)).map((l) => l.slice(c.length + 1));
}

/** klog prints a one-line error as a Go-quoted string and a multi-line one between `<` and ` >`, tab-indented. */
function klogMessage(text: string): string {
  const t = text.replace(/\n$/, '');
  if (t.startsWith('<\n')) return t.split('\n').slice(1, -1).map((l) => l.replace(/^\t/, '')).join('\n');
  return JSON.parse(t) as string;
}

/** Cases whose error wording comes from a different YAML parser: only kustomize's prefix is compared. */
const PARSER_WORDING = new Set(['err-bad-yaml']);

/** Where each error is shown: the kustomization (relative to the case) and the 0-based line and column of its entry. */
const PLACE: Record<string, [string, number, number]> = {
  'err-bad-yaml': ['kustomization.yaml', 7, 0], 'err-cycle': ['b/kustomization.yaml', 1, 2], 'err-dup-id': ['kustomization.yaml', 2, 2],
  'err-missing': ['kustomization.yaml', 3, 2], 'err-missing-patch': ['kustomization.yaml', 3, 2], 'err-nomatch': ['kustomization.yaml', 3, 2],
  'err-outside': ['kustomization.yaml', 1, 2], 'err-replacement-source': ['kustomization.yaml', 2, 0],
};

describe('render/kustomize: differential cases against kubectl kustomize', () => {
  const cases = readdirSync(join(FIX, 'diff')).sort();
  it('has an expected result for every case', () => {
    assert.ok(cases.length >= 20);
    for (const c of cases) assert.ok(existsSync(join(EXPECTED, `${c}.yaml`)) || existsSync(join(EXPECTED, `${c}.error.txt`)), c);
  });
  for (const c of cases) {
    const root = join(FIX, 'diff', c);
    const errorFile = join(EXPECTED, `${c}.error.txt`);
    if (existsSync(errorFile)) {
      it(`${c}: fails with kustomize's message, placed in the kustomization`, () => {
        const r = kustomizeRenderer.render(fs, root, { kustomize: {} });
        assert.equal(r.text, '');
        assert.equal(r.errors.length, 1);
        const want = klogMessage(readFileSync(errorFile, 'utf8')).replaceAll('<FIXTURES>', FIX);
        if (PARSER_WORDING.has(c)) assert.equal(r.errors[0].message.split(':').slice(0, 2).join(':'), want.split(':').slice(0, 2).join(':'));
        else assert.equal(r.errors[0].message, want);
        const [file, line, character] = PLACE[c];
        assert.equal(r.errors[0].file, join(root, file));
        assert.deepEqual(r.errors[0].range?.start, { line, character });
      });
    } else {
      it(`${c}: byte for byte, with the same warnings`, () => {
        const r = kustomizeRenderer.render(fs, root, { kustomize: {} });
        assert.deepEqual(r.errors, []);
        assert.equal(r.text, readFileSync(join(EXPECTED, `${c}.yaml`), 'utf8'));
        assert.deepEqual(r.notes.filter((n) => n.message.startsWith('# Warning')).map((n) => n.message), warningsOf(c));
      });
    }
  }
});
