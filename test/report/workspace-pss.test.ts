import * as assert from 'node:assert/strict';
import { lintText, resolveRules } from '../../engine';
import { rules } from '../../rules';
import { workspaceReport } from '../../server/report';
import type { FileResult } from '../../server/scan-worker';

// The editor's posture report judges Pod Security levels on the workspace scan's findings, where a bare
// container's PSS findings have yielded to no-security-context's: that finding stands for them.
describe('server: workspace report PSS level with yielded PSS findings', () => {
  const result = (path: string, text: string): FileResult => {
    const findings = lintText(text, resolveRules(rules, undefined, 'recommended')).findings;
    return { path, mtimeMs: 0, size: text.length, findings, errors: [], refs: [{ apiVersion: 'v1', kind: 'Pod', name: 'p' }] } as unknown as FileResult;
  };
  it('a bare container does not meet restricted; the yielded controls are listed', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      image: "x:1"\n';
    const r = result('/w/p.yaml', text);
    assert.deepEqual(r.findings.map((f) => f.ruleId).filter((id) => id === 'no-security-context' || id === 'run-as-root'), ['no-security-context']);
    const data = workspaceReport([r], ['/w'], 'recommended', 'json').data!;
    assert.deepEqual(data.workloads.map((w) => [w.name, w.pss, w.pssFailing]), [['p', 'baseline', [
      'restricted: Capabilities', 'restricted: Privilege Escalation', 'restricted: Running as Non-root, Running as Non-root user', 'restricted: Seccomp']]]);
  });
});
