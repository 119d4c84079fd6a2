// The posture report's page made fit for a webview (no vscode import: unit-tested outside the editor).

const CSP_META = /<meta http-equiv="Content-Security-Policy" content="[^"]*">/;

/** Script of the webview: a click (or Enter) on an element with data-file asks the extension to open it. */
const OPEN_SCRIPT = `(function () {
  const vscode = acquireVsCodeApi();
  function open(el) {
    vscode.postMessage({ type: 'open', file: el.dataset.file, line: +el.dataset.line, character: +el.dataset.character,
      endLine: +el.dataset.endLine, endCharacter: +el.dataset.endCharacter });
  }
  document.addEventListener('click', function (e) {
    const el = e.target instanceof Element ? e.target.closest('[data-file]') : null;
    if (!el) return;
    e.preventDefault();
    open(el);
  });
  document.addEventListener('keydown', function (e) {
    const el = e.target instanceof Element ? e.target.closest('[data-file]') : null;
    if (el && e.key === 'Enter') { e.preventDefault(); open(el); }
  });
})();`;

/** The report page made fit for a webview: a strict policy with a nonce, and the script above. */
export function webviewHtml(html: string, nonce: string): string {
  const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'nonce-${nonce}'">`;
  const withCsp = CSP_META.test(html) ? html.replace(CSP_META, csp) : html.replace('<head>', `<head>${csp}`);
  return withCsp.replace('</body>', `<script nonce="${nonce}">${OPEN_SCRIPT}</script></body>`);
}
