import * as assert from 'node:assert/strict';
import { renderHtml, buildReport } from '../../engine';
import { webviewHtml } from '../../client/webview-html';

describe('client: the posture webview page', () => {
  it('swaps the report\'s policy for a strict one with a nonce, and adds only the nonce\'d open-file script', () => {
    const data = buildReport({ generatedAt: 'now', version: '0', profile: 'recommended', paths: ['.'], files: [], objects: [], findings: [], pssFindings: [], errors: [], rules: [], activeRules: [] });
    const page = webviewHtml(renderHtml(data), 'N0nce+/=');
    const csp = page.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g)!;
    assert.deepEqual(csp, [`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'nonce-N0nce+/='">`]);
    assert.equal(page.match(/<script/g)!.length, 1);
    assert.match(page, /<script nonce="N0nce\+\/=">\(function \(\) \{\n  const vscode = acquireVsCodeApi\(\);/);
    assert.ok(page.endsWith('</script></body></html>\n'));
    assert.doesNotMatch(page, /https?:/);
  });
});
