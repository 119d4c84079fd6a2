import * as assert from 'node:assert/strict';
import { formatJson } from '../../cli/format';
import type { ScanResult } from '../../cli/scan';
import type { Finding } from '../../engine';

function finding(i: number): Finding {
  const range = { start: { line: i, character: 2 }, end: { line: i, character: 9 } };
  return {
    ruleId: 'privileged-container', messageId: 'privileged', message: `Pod p${i}: "x" runs privileged.`, severity: 'error', range, offsets: [i * 10, i * 10 + 7],
    path: ['spec', 'containers', 0, 'securityContext', 'privileged'], docIndex: 0, object: { apiVersion: 'v1', kind: 'Pod', name: `p${i}` }, category: 'container', goals: ['integrity'],
  } as unknown as Finding;
}

describe('cli: JSON report written in batches', () => {
  it('gives the bytes of JSON.stringify(report, null, 2) across batch boundaries, in order', () => {
    const res: ScanResult = {
      files: 3,
      results: [
        { file: 'a.yaml', findings: Array.from({ length: 300 }, (_, i) => finding(i)), errors: [{ file: 'a.yaml', message: 'bad', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } } }] },
        { file: 'b.yaml', findings: Array.from({ length: 300 }, (_, i) => finding(1000 + i)), errors: [] },
        { file: 'c.yaml', findings: [], errors: [], skipped: 'not-kubernetes' },
      ],
    };
    const text = formatJson(res);
    const report = JSON.parse(text) as { findings: Array<{ file: string; object: { name: string }; range: { start: { line: number } } }>; errors: unknown[]; skipped: unknown[] };
    assert.equal(text, JSON.stringify(report, null, 2) + '\n');
    assert.equal(report.findings.length, 600);
    assert.deepEqual([report.findings[255].object.name, report.findings[256].object.name, report.findings[299].file, report.findings[300].file, report.findings[599].range.start.line], ['p255', 'p256', 'a.yaml', 'b.yaml', 1299]);
    assert.deepEqual(report.errors, [{ file: 'a.yaml', message: 'bad', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } } }]);
    assert.deepEqual(report.skipped, [{ file: 'c.yaml', reason: 'not-kubernetes' }]);
  });
});
