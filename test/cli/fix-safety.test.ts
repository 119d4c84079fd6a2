import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kubehex, tempDir } from './helpers';

describe('cli: --fix keeps every other path (issue 14: fix-edits-shared-anchors, fix-moves-serviceaccount-key)', () => {
  it('moves an anchor instead of flipping its aliases, unshares an aliased map, renames serviceAccount in place', () => {
    const dir = tempDir();
    const pod = join(dir, 'pod.yaml');
    writeFileSync(pod, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  serviceAccount: builder   # CI\n  securityContext: &sc\n    runAsNonRoot: true\n  containers:\n  - name: c\n    image: nginx:1.27\n    securityContext: *sc\n  - name: d\n    image: nginx:1.27\n    securityContext:\n      privileged: &yes true\n      readOnlyRootFilesystem: *yes\n');
    kubehex(['scan', pod, '--fix', '--profile', 'recommended']);
    const after = readFileSync(pod, 'utf8');
    assert.ok(after.includes('\n  serviceAccountName: builder   # CI\n  securityContext:\n    runAsNonRoot: true\n'), after);
    assert.ok(after.includes('\n  - name: c\n    image: nginx:1.27\n    securityContext:\n      runAsNonRoot: true\n      allowPrivilegeEscalation: false\n'), after);
    assert.ok(after.includes('      privileged: false\n      readOnlyRootFilesystem: true\n'), after);
    const r = JSON.parse(kubehex(['scan', pod, '--profile', 'all', '--format', 'json']).stdout);
    assert.deepEqual(r.findings.filter((f: { ruleId: string }) => f.ruleId === 'unknown-field'), []);
  });
});
