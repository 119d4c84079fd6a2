import * as assert from 'node:assert/strict';
import { isCompatibleRange, parseVersion } from '../../render/helm';

describe('render/helm: versions and ranges (Chart.yaml kubeVersion, dependency versions)', () => {
  it('parses loose versions as Helm does and rejects the rest', () => {
    const v = parseVersion('v1.27');
    assert.deepEqual(v && [v.major, v.minor, v.patch, v.pre], [1, 27, 0, '']);
    const w = parseVersion(' 1.30.2-gke.1+build ');
    assert.deepEqual(w && [w.major, w.minor, w.patch, w.pre, w.meta], [1, 30, 2, 'gke.1', 'build']);
    assert.equal(parseVersion('1.2.3-01'), undefined);
    assert.equal(parseVersion('one'), undefined);
  });

  it('checks ranges with pre-release opt-in, wildcards, ~, ^, hyphens and ||', () => {
    const cases: Array<[string, string, boolean]> = [
      ['>= 1.22.0-0', 'v1.21.0', false],
      ['>= 1.22.0-0', 'v1.27.0', true],
      ['>= 1.22.0', '1.27.0-gke.100', false],
      ['>= 1.22.0-0', '1.27.0-gke.100', true],
      ['1.42.*', '1.42.7', true],
      ['1.42.*', '1.43.0', false],
      ['~1.8', '1.8.9', true],
      ['~1.8', '1.9.0', false],
      ['^0.3.1', '0.3.9', true],
      ['^0.3.1', '0.4.0', false],
      ['^1.8.0-0 || ~2', '2.0.5', true],
      ['1.2 - 1.4.5', '1.4.5', true],
      ['1.2 - 1.4.5', '1.4.6', false],
      ['>1.2, <2', '1.9.0', true],
      ['not a range', '1.0.0', false],
      ['>= 1.0', 'garbage', false],
    ];
    for (const [range, version, want] of cases) assert.equal(isCompatibleRange(range, version), want, `${range} ∋ ${version}`);
  });
});
