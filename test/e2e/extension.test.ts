// kubehex in a real VS Code: diagnostics, quick fix, workspace scan and the findings tree, through the public
// vscode API only. The workspace is test/e2e/fixtures/ws (scripts/e2e.sh runs on a fresh copy of it).
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { KubehexApi } from '../../client/extension';
import type { FindingNode } from '../../client/findings-tree';
import type { ScanWorkspaceResult } from '../../client/protocol';
import { describeDiagnostics, waitForActiveEditor, waitForDiagnostics } from './waits';

const RULE = 'privileged-container';
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);
const isPrivileged = (d: vscode.Diagnostic) => d.source === 'kubehex' && codeOf(d) === RULE;

function folderUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture workspace is open');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

/** Where `privileged: true` sits in the pristine fixture: the range the diagnostic must have. */
function privilegedRange(doc: vscode.TextDocument): vscode.Range {
  const text = doc.getText();
  const offset = text.indexOf('privileged: true');
  assert.ok(offset >= 0, 'fixture holds privileged: true');
  return new vscode.Range(doc.positionAt(offset), doc.positionAt(offset + 'privileged: true'.length));
}

describe('kubehex extension in a real VS Code', function () {
  let doc: vscode.TextDocument;
  let original: string;
  let api: KubehexApi;

  before(async () => {
    doc = await vscode.workspace.openTextDocument(folderUri('deploy.yaml'));
    await vscode.window.showTextDocument(doc);
    original = doc.getText();
    assert.equal(doc.languageId, 'yaml');
    const ext = vscode.extensions.getExtension<KubehexApi>('kubehex.kubehex');
    assert.ok(ext, 'extension kubehex.kubehex is installed');
    api = await ext.activate();
  });

  it('publishes privileged-container on the offending `privileged: true`', async () => {
    const diags = await waitForDiagnostics(doc.uri, (d) => d.some(isPrivileged), `${RULE} diagnostics`);
    const found = diags.filter(isPrivileged);
    assert.equal(found.length, 1, describeDiagnostics(diags));
    const d = found[0];
    assert.deepEqual(
      [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
      (({ start, end }) => [start.line, start.character, end.line, end.character])(privilegedRange(doc)),
    );
    assert.equal(doc.getText(d.range), 'privileged: true');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(typeof d.code === 'object' && /privileged-container/.test(d.code.target.toString()), 'code links to the rule docs');
    assert.ok(api.firstDiagnosticsMs() !== undefined, 'the extension measured activation to first diagnostics');
  });

  it('offers the quick fix first, and it changes exactly that line to `privileged: false`', async () => {
    const diag = vscode.languages.getDiagnostics(doc.uri).find(isPrivileged);
    assert.ok(diag);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    assert.ok(actions.length > 0, 'code actions offered');
    const fix = actions[0];
    assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), `first action is a quick fix: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(fix.edit, `first action carries an edit: ${fix.title}`);

    const range = privilegedRange(doc);
    const line = doc.lineAt(range.start.line);
    const expected = original.slice(0, doc.offsetAt(line.range.start))
      + line.text.replace('privileged: true', 'privileged: false')
      + original.slice(doc.offsetAt(line.range.end));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.getText(), expected, 'only the privileged line changed');

    const after = await waitForDiagnostics(doc.uri, (d) => !d.some(isPrivileged), `${RULE} to clear`);
    assert.ok(!after.some(isPrivileged));
  });

  it('comes back after the edit is reverted', async () => {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(doc.getText(), original);
    await waitForDiagnostics(doc.uri, (d) => d.some(isPrivileged), `${RULE} after revert`);
  });

  it('lints untitled YAML and JSON manifests too', async () => {
    const yaml = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: scratch\nspec:\n  containers:\n    - name: app\n      image: app:1.0\n      securityContext:\n        privileged: true\n' });
    const json = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'scratch-json' }, spec: { containers: [{ name: 'app', image: 'app:1.0', securityContext: { privileged: true } }] } }, null, 2) });
    assert.equal(yaml.uri.scheme, 'untitled');
    const [y, j] = await Promise.all([
      waitForDiagnostics(yaml.uri, (d) => d.some(isPrivileged), `${RULE} in an untitled YAML document`),
      waitForDiagnostics(json.uri, (d) => d.some(isPrivileged), `${RULE} in an untitled JSON document`),
    ]);
    assert.equal(yaml.getText(y.find(isPrivileged)!.range), 'privileged: true');
    assert.equal(json.getText(j.find(isPrivileged)!.range), '"privileged": true');
  });

  describe('kubehex: Scan Workspace', () => {
    let result: ScanWorkspaceResult;
    const agent = () => folderUri('infra', 'node-agent.yaml');

    before(async () => {
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === agent().toString()), 'node-agent.yaml is not open');
      const r = await vscode.commands.executeCommand<ScanWorkspaceResult | undefined>('kubehex.scanWorkspace');
      assert.ok(r, 'the scan returned a result');
      result = r;
    });

    it('returns every finding with counts, and skips what files.exclude hides', () => {
      assert.ok(result.files >= 2, `files scanned: ${result.files}`);
      assert.equal(result.items.length, result.findings);
      const privileged = result.items.filter((i) => i.ruleId === RULE).map((i) => vscode.workspace.asRelativePath(vscode.Uri.parse(i.uri))).sort();
      // excluded/pod.yaml is privileged too, but files.exclude hides it
      assert.deepEqual(privileged, ['deploy.yaml', 'infra/node-agent.yaml']);
      assert.equal(result.byRule[RULE], 2);
      const sum = (o: Record<string, number | undefined>) => Object.values(o).reduce<number>((a, b) => a + (b ?? 0), 0);
      assert.equal(sum(result.byCategory), result.findings);
      assert.equal(sum(result.bySeverity), result.findings);
      const item = result.items.find((i) => i.ruleId === RULE && i.uri === doc.uri.toString());
      assert.ok(item);
      assert.equal(item.category, 'container');
      assert.equal(item.severity, 'error');
      const r = privilegedRange(doc);
      assert.deepEqual(item.range, { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } });
    });

    it('publishes diagnostics for files that are not open', async () => {
      const diags = await waitForDiagnostics(agent(), (d) => d.some(isPrivileged), `${RULE} in infra/node-agent.yaml`);
      const d = diags.find(isPrivileged)!;
      assert.equal(d.range.start.line, 21);
    });

    it('shows the finding in the tree: category -> rule -> finding, and opens it at its range', async () => {
      const tree = api.tree;
      const roots = (await tree.getChildren()) as FindingNode[];
      const container = roots.find((n) => n.kind === 'category' && n.category === 'container');
      assert.ok(container, `a "container" category among ${roots.map((n) => (n.kind === 'category' ? n.category : n.kind)).join(', ')}`);
      const categoryItem = await tree.getTreeItem(container);
      assert.equal(categoryItem.label, 'container');
      const rules = (await tree.getChildren(container)) as FindingNode[];
      const rule = rules.find((n) => n.kind === 'rule' && n.ruleId === RULE);
      assert.ok(rule);
      assert.equal((await tree.getTreeItem(rule)).description, '2');
      const findings = (await tree.getChildren(rule)) as FindingNode[];
      assert.equal(findings.length, 2);
      const mine = findings.find((n) => n.kind === 'finding' && n.item.uri === doc.uri.toString());
      assert.ok(mine);
      const item = await tree.getTreeItem(mine);
      assert.ok(item.command, 'a finding opens its file');

      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const opened = waitForActiveEditor(doc.uri);
      await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
      const editor = await opened;
      assert.ok(editor.selection.isEqual(privilegedRange(editor.document)), 'selection is the finding range');
    });
  });

  describe('kubehex: Show Security Posture', () => {
    it('opens the report in a webview with the six categories; a finding in it opens its file at its range', async () => {
      await vscode.commands.executeCommand('kubehex.showPosture');
      const html = api.posture.last?.html;
      assert.ok(html, 'the posture report arrived');
      for (const c of ['core', 'chain', 'cluster', 'container', 'code', 'components']) assert.ok(html.includes(`<b>${c}</b>`), `category ${c}`);
      // (the webview tab itself, its six categories and a real click in it are checked by the UI driver)
      assert.ok(api.posture.visible, 'the posture panel is open');
      const m = /data-file="([^"]*deploy\.yaml)" data-line="(\d+)" data-character="(\d+)" data-end-line="(\d+)" data-end-character="(\d+)"[^>]*>[^<]*<\/(?:a|span)> — [^<]*runs privileged/.exec(html);
      assert.ok(m, 'the privileged finding of deploy.yaml is listed with its location');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const opened = waitForActiveEditor(doc.uri);
      await api.posture.openLocation({ type: 'open', file: m[1], line: +m[2], character: +m[3], endLine: +m[4], endCharacter: +m[5] });
      const editor = await opened;
      assert.ok(editor.selection.isEqual(privilegedRange(editor.document)), 'selection is the finding range');
    });
  });

  it('kubehex.enable: false stops the server and clears its diagnostics; true brings them back', async () => {
    await vscode.window.showTextDocument(doc);
    await waitForDiagnostics(doc.uri, (d) => d.some(isPrivileged), `${RULE} before disabling`);
    const config = vscode.workspace.getConfiguration('kubehex');
    await config.update('enable', false, vscode.ConfigurationTarget.Workspace);
    try {
      await waitForDiagnostics(doc.uri, (d) => !d.some((x) => x.source === 'kubehex'), 'kubehex diagnostics to go away');
      assert.equal(api.client(), undefined, 'no language client while disabled');
    } finally {
      await config.update('enable', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(doc.uri, (d) => d.some(isPrivileged), `${RULE} after enabling again`);
  });
});
