import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { judgeFile, ruleSetFor, scan } from '../../cli/scan';
import { tempDir } from './helpers';

/** A Deployment whose text is larger than the documents a scan keeps parsed until the cross-object pass. */
function bigDeployment(name: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  annotations:
    padding: "${'x'.repeat(20000)}"
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      serviceAccountName: robot
      containers:
        - name: app
          image: nginx:1.27
`;
}

describe('cli: scan judges each file at once and parses a large document again for the cross-object pass', () => {
  it('gives a cross-object finding of a large document the range of its own file, behind other documents', async () => {
    const dir = tempDir();
    const a = join(dir, 'a.yaml');
    const b = join(dir, 'b.yaml');
    // the second big Deployment sits behind a %YAML directive (parsed again with its whole file)
    writeFileSync(a, `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {k: v}\n---\n${bigDeployment('one')}...\n%YAML 1.1\n---\n${bigDeployment('two')}`);
    writeFileSync(b, 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: robot}\n');
    const res = await scan({ files: [a, b], workers: 1 });
    const got = res.results.find((r) => r.file === a)!.findings.filter((f) => f.ruleId === 'service-account-token-automount');
    assert.deepEqual(got.map((f) => ({ id: f.messageId, doc: f.docIndex, name: f.object.name, line: f.range.start.line, character: f.range.start.character })), [
      { id: 'serviceAccountEnabled', doc: 1, name: 'one', line: 15, character: 4 },
      { id: 'serviceAccountEnabled', doc: 2, name: 'two', line: 33, character: 4 },
    ]);
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {k: v}\n---\n${bigDeployment('one')}...\n%YAML 1.1\n---\n${bigDeployment('two')}`;
    for (const f of got) assert.equal(text.slice(f.offsets[0], f.offsets[1]).split(':')[0], 'spec');
  });
});

describe('cli: scan judges a built-in kind against the schema right after its parse', () => {
  it('reports the schema findings of a ConfigMap in phase 1 and leaves only the custom resource for the cross-object pass', () => {
    const dir = tempDir();
    const f = join(dir, 'a.yaml');
    writeFileSync(f, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndatta: {k: v}\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 1}\n');
    const set = ruleSetFor({});
    const j = judgeFile(f, set, set, {});
    assert.deepEqual(j.result.findings.map((x) => ({ id: x.ruleId, msg: x.messageId, doc: x.docIndex, range: x.range })), [
      { id: 'unknown-field', msg: 'unknownSuggest', doc: 0, range: { start: { line: 3, character: 0 }, end: { line: 3, character: 5 } } },
    ]);
    assert.deepEqual(j.pending.map((p) => ({ index: p.index, kind: p.kind, builtin: p.builtin })), [{ index: 1, kind: 'Widget', builtin: true }]);
  });
});
