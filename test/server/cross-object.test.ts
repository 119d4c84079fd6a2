import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient, applyLspEdits, editsOf, uriOf } from './lsp-client';
import { rangeTuple, removeDir, startClient, tempDir } from './helpers';
import { widgetCrd } from '../crd-fixture';

const RULE = 'service-account-token-automount';
/** The test rules plus the cross-object rule under test. */
const SETTINGS = { severity: { [RULE]: 'warning' } };

/** Pod spec at lines 10–14; the rule reports on the pod spec's `spec` key (line 10, characters 4–8). */
const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      serviceAccountName: web
      containers:
        - name: app
          image: nginx:1.27
`;

function account(automount: boolean): string {
  return `apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
automountServiceAccountToken: ${automount}
`;
}

/** The rule's diagnostics: [messageId-like tail of the message, range]. */
function automount(diags: any[]): Array<[string, [number, number, number, number]]> {
  return diags.filter((d) => d.code === RULE).map((d) => [d.message.includes('its ServiceAccount') ? 'serviceAccountEnabled' : 'notDisabled', rangeTuple(d.range)]);
}

describe('server: cross-object rules over the workspace index', function () {
  this.timeout(20000);
  let dir: string;
  let c: LspClient | undefined;
  beforeEach(() => { dir = tempDir(); });
  afterEach(() => { c?.kill(); c = undefined; removeDir(dir); });

  it('sees a ServiceAccount in another document of the same file', async () => {
    c = await startClient({ root: dir, settings: SETTINGS });
    // two folders: a ServiceAccount without a namespace serves only pods of its own folder
    const off = uriOf(join(dir, 'a', 'off.yaml'));
    const on = uriOf(join(dir, 'b', 'on.yaml'));
    c.open(off, `${DEPLOY}---\n${account(false)}`);
    c.open(on, `${DEPLOY}---\n${account(true)}`);
    assert.deepEqual(automount(await c.diagnostics(off, 1)), []);
    // the same pair with the ServiceAccount not turning it off: the finding is on the Deployment and names it
    assert.deepEqual(automount(await c.diagnostics(on, 1)), [['serviceAccountEnabled', [10, 4, 10, 8]]]);
  });

  it('push: sees a ServiceAccount in another open file and follows its edits', async () => {
    c = await startClient({ root: dir, settings: SETTINGS });
    const deploy = uriOf(join(dir, 'deploy.yaml'));
    const sa = uriOf(join(dir, 'sa.yaml'));
    c.open(deploy, DEPLOY);
    assert.deepEqual(automount(await c.diagnostics(deploy, 1)), [['notDisabled', [10, 4, 10, 8]]]);
    let since = c.mark();
    c.open(sa, account(false));
    // the Deployment's diagnostics are published again (same version) without the finding
    assert.deepEqual(automount(await c.diagnostics(deploy, 1, since)), []);
    since = c.mark();
    c.change(sa, 2, [{ range: { start: { line: 4, character: 30 }, end: { line: 4, character: 35 } }, text: 'true' }]);
    const diags = await c.diagnostics(deploy, 1, since);
    assert.deepEqual(automount(diags), [['serviceAccountEnabled', [10, 4, 10, 8]]]);
    // its quick fix comes from the finding the editor shows (the file alone would give another message)
    const d = diags.find((x: any) => x.code === RULE);
    const actions = await c.request('textDocument/codeAction', { textDocument: { uri: deploy }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
    const fix = actions.find((a: any) => a.title === 'Set automountServiceAccountToken: false');
    assert.ok(fix, JSON.stringify(actions.map((a: any) => a.title)));
    assert.equal(applyLspEdits(DEPLOY, editsOf(fix, deploy)), DEPLOY + '      automountServiceAccountToken: false\n');
    // only the cross-object pass ran again for the Deployment's file: no chunk was parsed or linted
    assert.deepEqual(await c.request('kubehex/documentStats', { uri: deploy }), { version: 1, chunks: 1, linted: 0, findings: 1 });
    // closing the ServiceAccount's file takes its objects out of the index
    since = c.mark();
    c.notify('textDocument/didClose', { textDocument: { uri: sa } });
    assert.deepEqual(automount(await c.diagnostics(deploy, 1, since)), [['notDisabled', [10, 4, 10, 8]]]);
  });

  it('pull: asks the client to refresh when another file changes a document\'s findings', async () => {
    c = await startClient({ root: dir, pull: true, settings: SETTINGS });
    const deploy = uriOf(join(dir, 'deploy.yaml'));
    const sa = uriOf(join(dir, 'sa.yaml'));
    c.open(sa, account(false));
    c.open(deploy, DEPLOY);
    await c.request('textDocument/diagnostic', { textDocument: { uri: sa } });
    const first = await c.request('textDocument/diagnostic', { textDocument: { uri: deploy } });
    assert.deepEqual(automount(first.items), []);
    const since = c.mark();
    c.change(sa, 2, [{ range: { start: { line: 4, character: 30 }, end: { line: 4, character: 35 } }, text: 'true' }]);
    await c.request('textDocument/diagnostic', { textDocument: { uri: sa } });
    await c.waitFor((m) => m.method === 'workspace/diagnostic/refresh', since, 'diagnostic refresh');
    const again = await c.request('textDocument/diagnostic', { textDocument: { uri: deploy }, previousResultId: first.resultId });
    assert.equal(again.kind, 'full');
    assert.notEqual(again.resultId, first.resultId);
    assert.deepEqual(automount(again.items), [['serviceAccountEnabled', [10, 4, 10, 8]]]);
    // nothing changed since: the client's result id is still good
    const third = await c.request('textDocument/diagnostic', { textDocument: { uri: deploy }, previousResultId: again.resultId });
    assert.deepEqual({ kind: third.kind, resultId: third.resultId }, { kind: 'unchanged', resultId: again.resultId });
  });

  it('a workspace scan makes the objects of files that are not open visible', async () => {
    writeFileSync(join(dir, 'sa.yaml'), account(false));
    c = await startClient({ root: dir, settings: SETTINGS });
    const deploy = uriOf(join(dir, 'deploy.yaml'));
    c.open(deploy, DEPLOY);
    assert.deepEqual(automount(await c.diagnostics(deploy, 1)), [['notDisabled', [10, 4, 10, 8]]]);
    const since = c.mark();
    const r = await c.request('kubehex/scanWorkspace', {});
    assert.equal(r.files, 1, 'the open document is not on disk; sa.yaml is');
    assert.deepEqual(automount(await c.diagnostics(deploy, 1, since)), []);
  });

  it('a scan lints closed files with every scanned object visible; it drops the objects of a file that is gone', async () => {
    writeFileSync(join(dir, 'sa.yaml'), account(false));
    writeFileSync(join(dir, 'deploy.yaml'), DEPLOY);
    c = await startClient({ root: dir, settings: SETTINGS });
    const r = await c.request('kubehex/scanWorkspace', {});
    // two phases, as in the CLI: the closed Deployment's finding sees the ServiceAccount of the other file
    assert.deepEqual({ files: r.files, byRule: r.byRule }, { files: 2, byRule: {} });
    // nothing changed: both results are reused, cross-object findings included
    const again = await c.request('kubehex/scanWorkspace', {});
    assert.deepEqual({ files: again.files, reused: again.reused, byRule: again.byRule }, { files: 2, reused: 2, byRule: {} });
    const deploy = uriOf(join(dir, 'deploy.yaml'));
    c.open(deploy, DEPLOY);
    assert.deepEqual(automount(await c.diagnostics(deploy, 1)), []);
    removeDir(join(dir, 'sa.yaml'));
    const since = c.mark();
    const third = await c.request('kubehex/scanWorkspace', {});
    assert.deepEqual(automount(await c.diagnostics(deploy, 1, since)), [['notDisabled', [10, 4, 10, 8]]]);
    // the open document's item in the summary comes from the editor's text, with the same view
    assert.deepEqual(third.items.filter((i: any) => i.ruleId === RULE).map((i: any) => [i.uri, rangeTuple(i.range)]), [[deploy, [10, 4, 10, 8]]]);
  });
  it('validates a custom resource against a CRD in another open file, and follows the CRD\'s edits', async () => {
    c = await startClient({ root: dir, settings: { severity: { 'unknown-field': 'error', 'invalid-field-type': 'error' } } });
    const crdText = widgetCrd(['size: {type: integer}']);
    const widgetText = `apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
spec:
  size: "big"
  colour: red
`;
    const schemaDiags = (ds: any[]) => ds.filter((d) => d.code === 'unknown-field' || d.code === 'invalid-field-type').map((d) => [d.code, rangeTuple(d.range)]);
    const widget = uriOf(join(dir, 'widget.yaml'));
    const crd = uriOf(join(dir, 'crd.yaml'));
    c.open(widget, widgetText);
    // no CRD known yet: the kind has no schema and is skipped silently
    assert.deepEqual(schemaDiags(await c.diagnostics(widget, 1)), []);
    let since = c.mark();
    c.open(crd, crdText);
    assert.deepEqual(schemaDiags(await c.diagnostics(widget, 1, since)), [['invalid-field-type', [5, 8, 5, 13]], ['unknown-field', [6, 2, 6, 8]]]);
    // the CRD learns the field `colour` (a string): only the type error stays
    since = c.mark();
    c.change(crd, 2, [{ range: { start: { line: 20, character: 0 }, end: { line: 20, character: 0 } }, text: '                colour: {type: string}\n' }]);
    assert.deepEqual(schemaDiags(await c.diagnostics(widget, 1, since)), [['invalid-field-type', [5, 8, 5, 13]]]);
  });
});
