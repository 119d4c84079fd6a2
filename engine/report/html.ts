// The HTML report: one self-contained page. No script, no external stylesheet, font or image, and a
// Content-Security-Policy that forbids them; light and dark by prefers-color-scheme, and the VS Code theme's
// colours when shown in a webview (its --vscode-* variables win when present).
import { baselineSection, counts, groupTable, postureSection, recipesSection, rulesSection, scoringSection, workloadsSection, type HtmlOptions } from './html-sections';
import { esc, gauge } from './svg';
import type { ReportData } from './types';

export type { HtmlOptions };

/** The policy of the written page; the editor's webview swaps it for its own (nonce for its script). */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const CSS = `
:root,body.vscode-light{--bg:#ffffff;--fg:#1f2328;--muted:#59636e;--card:#f6f8fa;--border:#d1d9e0;--accent:#0969da;--track:#e6e9ec;
--err:#cf222e;--warn:#9a6700;--info:#0969da}
@media (prefers-color-scheme: dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--card:#161b22;--border:#30363d;--accent:#4493f8;--track:#262c36;
--err:#f85149;--warn:#d29922;--info:#4493f8}}
body.vscode-dark,body.vscode-high-contrast{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--card:#161b22;--border:#30363d;--accent:#4493f8;--track:#262c36;
--err:#f85149;--warn:#d29922;--info:#4493f8}
.loc[data-file]{cursor:pointer}
body{margin:0;padding:24px 32px;background:var(--vscode-editor-background,var(--bg));color:var(--vscode-editor-foreground,var(--fg));
font:14px/1.45 var(--vscode-font-family,system-ui,-apple-system,"Segoe UI",sans-serif)}
a{color:var(--vscode-textLink-foreground,var(--accent))}
h1{margin:0 0 4px;font-size:22px}h2{margin:32px 0 8px;font-size:18px;border-bottom:1px solid var(--vscode-panel-border,var(--border));padding-bottom:4px}
h3{font-size:15px;margin:16px 0 4px}
small,.muted{color:var(--vscode-descriptionForeground,var(--muted))}
nav{margin:12px 0;display:flex;flex-wrap:wrap;gap:4px 14px}
.head{display:flex;gap:24px;align-items:center;flex-wrap:wrap}
.totals{display:grid;grid-template-columns:repeat(auto-fill,minmax(130px,1fr));gap:8px;flex:1;min-width:300px}
.totals div{background:var(--vscode-editorWidget-background,var(--card));border:1px solid var(--vscode-panel-border,var(--border));border-radius:6px;padding:8px 10px}
.totals b{display:block;font-size:20px}
table{border-collapse:collapse;margin:8px 0;width:100%}
th,td{border-bottom:1px solid var(--vscode-panel-border,var(--border));padding:4px 8px;text-align:left;vertical-align:top}
th{font-weight:600}
table.posture{width:auto}
svg text{fill:var(--vscode-editor-foreground,var(--fg));font-size:12px;font-family:inherit}
svg text.cell,svg text.cellsub{fill:#fff}svg text.cell{font-size:15px;font-weight:600}svg text.cellsub{font-size:10px}
svg text.big{font-size:34px;font-weight:700}svg text.ncl{fill:var(--vscode-descriptionForeground,var(--muted));font-size:11px}
svg .track{fill:var(--track)}svg .track-ring{stroke:var(--track)}svg rect.nc{fill:none;stroke:var(--vscode-panel-border,var(--border));stroke-dasharray:4 3}
.chart{max-width:100%;height:auto;display:block;margin:8px 0}
.score{display:inline-block;min-width:2.2em;text-align:center;color:#fff;border-radius:4px;padding:0 4px;font-weight:600}
.sev{display:inline-block;min-width:1.6em;text-align:center;border-radius:4px;padding:0 4px;font-size:12px;border:1px solid currentColor}
.sev.error{color:var(--err)}.sev.warning{color:var(--warn)}.sev.info{color:var(--info)}
.pss{font-weight:600}.pss.privileged{color:var(--err)}.pss.baseline{color:var(--warn)}.pss.restricted{color:#2da44e}
.qf{color:#2da44e;font-size:12px}
.lead{font-size:16px}
.verdict.better{color:#2da44e}.verdict.worse{color:var(--err)}
ol.recipes{padding-left:0;list-style:none}ol.recipes>li{border:1px solid var(--vscode-panel-border,var(--border));border-radius:6px;margin:6px 0;padding:6px 10px}
ol.recipes>li.top{border-left:4px solid var(--err)}
summary{cursor:pointer}.rank{display:inline-block;min-width:1.6em;font-weight:700}
ul.findings{font-size:13px;max-height:none}
.loc{font-family:var(--vscode-editor-font-family,ui-monospace,monospace);font-size:12px}
.rule{border-top:1px dashed var(--vscode-panel-border,var(--border))}
code{font-family:var(--vscode-editor-font-family,ui-monospace,monospace);font-size:12px;background:var(--vscode-textCodeBlock-background,var(--card));padding:0 3px;border-radius:3px}
@media print{nav{display:none}details{display:block}}
`;

export function renderHtml(d: ReportData, opts: HtmlOptions = {}): string {
  const max = opts.tableRows ?? 1000;
  const t = d.totals;
  const nav = ['categories', 'goals', 'heatmap', 'recipes', 'workloads', 'files', ...(d.layers.length ? ['layers'] : []), ...(d.phases.length ? ['phases'] : []), ...(d.rendered.length ? ['rendered'] : []), ...(d.baseline ? ['baseline'] : []), 'scoring', 'rules']
    .map((id) => `<a href="#${id}">${id}</a>`).join('');
  const errors = d.errors.length ? `<section id="errors"><h2>Files that could not be linted (${d.errors.length})</h2><ul>${d.errors.slice(0, max).map((e) => `<li>${esc(e.file)}: ${esc(e.message)}</li>`).join('')}</ul></section>` : '';
  const phases = d.phases.length
    ? groupTable('phases', 'Per lifecycle phase', 'Findings of rules that name a lifecycle phase; scored over every object.', d.phases, max)
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>kubehex posture report</title><style>${CSS}</style></head>
<body>
<header><h1>kubehex posture report</h1><p class="muted">${esc(d.tool)} · profile <b>${esc(d.profile)}</b> · ${esc(d.paths.join(', '))} · ${esc(d.generatedAt)}</p></header>
<div class="head">${gauge(d.overall.score, d.overall.grade)}<div class="totals">
<div><b>${t.files}</b>files</div><div><b>${t.objects}</b>objects</div><div><b>${t.workloads}</b>workloads</div>
<div><b>${t.findings}</b>findings<br>${counts(t.counts)}</div><div><b>${t.quickFixes}</b>quick fixes</div><div><b>${t.fileErrors}</b>file errors</div></div></div>
${d.notes.map((n) => `<p class="muted">${esc(n)}</p>`).join('')}
${d.baseline ? `<p class="lead verdict ${d.baseline.verdict}">Since the baseline: ${esc(d.baseline.summary)} (<a href="#baseline">details</a>)</p>` : ''}
<nav>${nav}</nav>
${postureSection(d)}
${recipesSection(d, opts)}
${workloadsSection(d, opts)}
${groupTable('files', 'Per file', 'Scored over the objects of each file; worst first.', d.files, max, (f) => (opts.fileHref?.(f) !== undefined ? `<a href="${esc(opts.fileHref(f)!)}">${esc(f)}</a>` : esc(f)))}
${groupTable('layers', 'Per layer', 'The layer the rule guards (application, orchestrator, system); scored over every object.', d.layers, max)}
${phases}
${groupTable('rendered', 'Per rendered source', 'Findings in what a Helm chart or kustomization renders, under that chart or overlay.', d.rendered, max)}
${baselineSection(d, opts)}
${errors}
${scoringSection(d)}
${rulesSection(d)}
</body></html>
`;
}
