import * as assert from 'node:assert/strict';
import { applyFixes, lintText, resolveRules } from '../../engine';
import { rules } from '../../rules';
import { scan } from '../../cli/scan';
import { fuzzCases, rangeInside } from '../fuzz-mutate';

describe('engine and CLI: seeded fuzz (truncation, byte flips, duplicated lines, tabs, lost indentation, aliases)', () => {
  const set = resolveRules(rules, undefined, 'all');
  const safe = resolveRules(rules, undefined, 'recommended');

  it('never crashes, hangs or reports a range outside the text (engine lint, --fix, CLI scan)', async () => {
    const cases = fuzzCases(14, 60);
    for (const [i, text] of cases.entries()) {
      const where = `mutant ${i}:\n${text}`;
      const res = lintText(text, set);
      for (const e of res.errors) {
        assert.notEqual(e.code, 'rule-crash', `${where}\n${e.message}`);
        assert.ok(rangeInside(text, e.range), `${where}\nerror range ${JSON.stringify(e)}`);
      }
      for (const f of res.findings) {
        assert.ok(rangeInside(text, f.range), `${where}\nfinding range ${JSON.stringify(f.range)} of ${f.ruleId}`);
        assert.ok(f.offsets[0] >= 0 && f.offsets[0] <= f.offsets[1] && f.offsets[1] <= text.length, `${where}\noffsets ${f.offsets}`);
      }
      const fixed = applyFixes(text, safe, (f) => f.fix?.safety === 'safe');
      assert.equal(fixed.incomplete, undefined, where);
      if (!res.errors.length && fixed.applied.length) assert.deepEqual(lintText(fixed.text, safe).errors, [], `${where}\nfixed into:\n${fixed.text}`);
      if (i % 4 === 0) {
        const cli = await scan({ files: [], stdin: text, profile: 'all' });
        const r = cli.results[0];
        for (const e of r.errors) {
          assert.ok(!/internal error|failed on/.test(e.message), `${where}\n${e.message}`);
          assert.ok(rangeInside(text, e.range), `${where}\nCLI error range ${JSON.stringify(e)}`);
        }
        for (const f of r.findings) assert.ok(rangeInside(text, f.range), `${where}\nCLI finding range ${JSON.stringify(f.range)}`);
      }
    }
  });
});
