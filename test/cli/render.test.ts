import * as assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { cmdRender } from '../../cli/render';

const FIX = resolve(__dirname, '../../../test/fixtures/kustomize');

function run(argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = cmdRender(argv, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, cwd: FIX });
  return { code, out, err };
}

describe('cli: kubehex render on a kustomization', () => {
  it('prints what kubectl kustomize prints, warnings on stderr, exit 0', () => {
    const r = run(['overlay/prod']);
    assert.equal(r.code, 0);
    assert.equal(r.out, readFileSync(join(FIX, 'expected/overlay-prod.yaml'), 'utf8'));
    assert.equal(r.err, readFileSync(join(FIX, 'expected/warnings.tsv'), 'utf8').split('\n').filter((l) => l.startsWith('overlay-prod\t')).map((l) => `${l.slice('overlay-prod\t'.length)}\n`).join(''));
  });

  it('a build error exits 1 with FILE:LINE:COL: and kustomize\'s wording', () => {
    const r = run(['errors/nomatch']);
    assert.equal(r.code, 1);
    assert.equal(r.out, '');
    assert.equal(r.err, 'errors/nomatch/kustomization.yaml:4:3: no resource matches strategic merge patch "ConfigMap.v1.[noGrp]/other.[noNs]": no matches for Id ConfigMap.v1.[noGrp]/other.[noNs]; failed to find unique target for patch ConfigMap.v1.[noGrp]/other.[noNs]\n');
  });

  it('--load-restrictor LoadRestrictionsNone admits files outside the root', () => {
    assert.equal(run(['errors/outside/root']).code, 1);
    const r = run(['errors/outside/root', '--load-restrictor', 'LoadRestrictionsNone']);
    assert.equal(r.code, 0);
    assert.equal(r.out, readFileSync(join(FIX, 'expected/errors-outside-none.yaml'), 'utf8'));
  });

  it('usage errors exit 2 with one line', () => {
    assert.deepEqual(run(['overlay/prod', '--load-restrictor', 'Sometimes']), { code: 2, out: '', err: 'kubehex: --load-restrictor must be one of LoadRestrictionsRootOnly, LoadRestrictionsNone\n' });
    assert.equal(run([]).code, 2);
    assert.equal(run(['expected']).code, 2);
    assert.equal(run(['overlay/prod', '--bogus']).code, 2);
  });
});
