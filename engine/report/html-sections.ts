// The HTML report's sections. Every interaction works without script: recipes open with <details>, links
// are plain anchors; the editor's webview adds a script of its own to open files at a range.
import { CATEGORIES, CATEGORY_SLOGANS, GOALS } from '../taxonomy';
import { barChart, esc, heatmapSvg, pssBar, scoreColor } from './svg';
import { ruleAnchor } from './recipes';
import type { Counts, GroupRow, ReportData, ReportFinding } from './types';

export interface HtmlOptions {
  /** Link target for a file (relative to where the report is written); none: no link. */
  fileHref?: (file: string) => string | undefined;
  /** What `data-file` holds for a script to open (the editor's webview: an absolute path); default the file. */
  fileData?: (file: string) => string;
  /** Findings listed under each recipe (default 200); the rest are counted. */
  findingsPerRecipe?: number;
  /** Rows of the workload and file tables (default 1000). */
  tableRows?: number;
}

export function counts(c: Counts): string {
  return `<span class="sev error">${c.error}</span> <span class="sev warning">${c.warning}</span> <span class="sev info">${c.info}</span>`;
}

function badge(score: number): string {
  return `<span class="score" style="background:${scoreColor(score)}">${score}</span>`;
}

export function findingLink(f: { file: string; range: ReportFinding['range'] }, opts: HtmlOptions): string {
  const text = `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
  const href = opts.fileHref?.(f.file);
  const data = `data-file="${esc(opts.fileData?.(f.file) ?? f.file)}" data-line="${f.range.start.line}" data-character="${f.range.start.character}" data-end-line="${f.range.end.line}" data-end-character="${f.range.end.character}"`;
  return href !== undefined ? `<a class="loc" href="${esc(href)}" ${data}>${esc(text)}</a>` : `<span class="loc" ${data} tabindex="0">${esc(text)}</span>`;
}

export function postureSection(d: ReportData): string {
  const cats = barChart('Score per 6C category', CATEGORIES.map((c) => ({ label: c, score: d.categories[c].score, note: `${d.categories[c].counts.error} E, ${d.categories[c].counts.warning} W` })));
  const goals = barChart('Score per hexad goal', GOALS.map((g) => ({ label: g, score: d.goals[g].score, note: `${d.goals[g].counts.error} E, ${d.goals[g].counts.warning} W` })));
  const catRows = CATEGORIES.map((c) => `<tr><td><b>${c}</b><br><small>${esc(CATEGORY_SLOGANS[c])}</small></td><td>${badge(d.categories[c].score)} ${d.categories[c].grade}</td><td>${counts(d.categories[c].counts)}</td><td>${d.categories[c].checked}</td></tr>`).join('');
  const goalRows = GOALS.map((g) => `<tr><td><b>${g}</b></td><td>${badge(d.goals[g].score)} ${d.goals[g].grade}</td><td>${counts(d.goals[g].counts)}</td><td>${d.goals[g].checked}</td></tr>`).join('');
  return `<section id="categories"><h2>Posture per 6C category</h2>${cats}
<table class="posture"><thead><tr><th>Category</th><th>Score</th><th>Findings (E W I)</th><th>Active rules</th></tr></thead><tbody>${catRows}</tbody></table></section>
<section id="goals"><h2>Posture per Parkerian Hexad goal</h2>${goals}
<table class="posture"><thead><tr><th>Goal</th><th>Score</th><th>Findings (E W I)</th><th>Active rules</th></tr></thead><tbody>${goalRows}</tbody></table></section>
<section id="heatmap"><h2>6C × hexad heat map</h2><p>Each cell scores the findings of one category that threaten one goal (100: none), with their count.</p>${heatmapSvg(d)}</section>`;
}

export function recipesSection(d: ReportData, opts: HtmlOptions): string {
  const per = opts.findingsPerRecipe ?? 200;
  const t = d.topFix;
  const lead = t.totalErrors
    ? `<p class="lead">Fix these ${t.recipes} to clear <b>${t.percent}%</b> of errors (${t.errors} of ${t.totalErrors}).</p>`
    : `<p class="lead">No errors. The recipes below clear the remaining warnings and info.</p>`;
  const byRule = new Map<string, ReportFinding[]>();
  for (const f of d.findings) {
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  const items = d.recipes.map((r) => {
    const fs = r.rules.flatMap((id) => byRule.get(id) ?? []);
    const list = fs.slice(0, per).map((f) => `<li><span class="sev ${f.severity}">${f.severity}</span> ${findingLink(f, opts)} — ${esc(f.message)}${f.fixable ? ' <span class="qf">quick fix</span>' : ''}</li>`).join('');
    const more = fs.length > per ? `<li>… and ${fs.length - per} more (see the JSON report)</li>` : '';
    const rules = r.rules.map((id) => `<a href="#${ruleAnchor(id)}"><code>${esc(id)}</code></a>`).join(', ');
    return `<li class="recipe${r.rank <= t.recipes ? ' top' : ''}" data-recipe="${esc(r.rules.join(','))}"><details><summary><span class="rank">${r.rank}</span> <span class="sev ${r.severity}">${r.severity}</span> <b>${esc(r.title)}</b> — ${r.objects} object${r.objects === 1 ? '' : 's'}, ${r.findings} finding${r.findings === 1 ? '' : 's'}, risk ${r.risk}${r.counts.error ? `, ${r.errorShare}% of errors` : ''}${r.quickFixes ? `, <span class="qf">${r.quickFixes} quick fix${r.quickFixes === 1 ? '' : 'es'}</span>` : ''}</summary>
<p class="recipe-text">${md(r.recipe)}</p><p><small>${esc(r.category)} · rule ${rules}</small></p><ul class="findings">${list}${more}</ul></details></li>`;
  }).join('\n');
  return `<section id="recipes"><h2>Top recipes</h2>${lead}<ol class="recipes">${items || '<li>Nothing to fix.</li>'}</ol></section>`;
}

export function workloadsSection(d: ReportData, opts: HtmlOptions): string {
  const max = opts.tableRows ?? 1000;
  const rows = d.workloads.slice(0, max).map((w) => `<tr><td>${esc(w.kind)}</td><td>${esc(w.namespace ? `${w.namespace}/` : '')}${esc(w.name)}</td><td>${findingLink({ file: w.file, range: { start: { line: w.worst?.line ?? 0, character: 0 }, end: { line: w.worst?.line ?? 0, character: 0 } } }, opts)}</td>`
    + `<td>${counts(w.counts)}</td><td><span class="pss ${w.pss}" title="${esc(w.pssFailing.join('; ') || 'meets every PSS control')}">${w.pss}</span></td><td>${w.worst ? `<span class="sev ${w.worst.severity}">${esc(w.worst.ruleId)}</span> ${esc(w.worst.message)}` : '—'}</td></tr>`).join('');
  const more = d.workloads.length > max ? `<p>… ${d.workloads.length - max} more workloads in the JSON report.</p>` : '';
  return `<section id="workloads"><h2>Workloads</h2><p>Highest Pod Security Standard met: ${d.pss.restricted} restricted, ${d.pss.baseline} baseline, ${d.pss.privileged} privileged.</p>${pssBar(d.pss)}
<table><thead><tr><th>Kind</th><th>Name</th><th>File</th><th>E W I</th><th>PSS met</th><th>Worst finding</th></tr></thead><tbody>${rows || '<tr><td colspan="6">No workloads.</td></tr>'}</tbody></table>${more}</section>`;
}

export function groupTable(id: string, title: string, intro: string, rows: ReadonlyArray<GroupRow>, max: number, link?: (name: string) => string): string {
  if (!rows.length) return '';
  const body = rows.slice(0, max).map((r) => `<tr><td>${link ? link(r.name) : esc(r.name)}</td><td>${badge(r.score)}</td><td>${r.objects}</td><td>${counts(r.counts)}</td></tr>`).join('');
  const more = rows.length > max ? `<p>… ${rows.length - max} more in the JSON report.</p>` : '';
  return `<section id="${id}"><h2>${esc(title)}</h2>${intro ? `<p>${intro}</p>` : ''}<table><thead><tr><th>${esc(title.replace(/^Per /, ''))}</th><th>Score</th><th>Objects</th><th>E W I</th></tr></thead><tbody>${body}</tbody></table>${more}</section>`;
}

export function baselineSection(d: ReportData, opts: HtmlOptions): string {
  const b = d.baseline;
  if (!b) return '';
  const rows = Object.entries(b.byCategory).map(([c, x]) => `<tr><td>${esc(c)}</td><td>${counts(x.new)}</td><td>${counts(x.fixed)}</td><td>${x.unchanged}</td></tr>`).join('');
  const list = b.newFindings.slice(0, 200).map((f) => `<li><span class="sev ${f.severity}">${f.severity}</span> ${findingLink(f, opts)} <code>${esc(f.ruleId)}</code> — ${esc(f.message)}</li>`).join('');
  const fixed = b.fixedFindings.slice(0, 200).map((f) => `<li><span class="sev ${f.severity}">${f.severity}</span> <code>${esc(f.ruleId)}</code> ${esc(f.object.kind)} ${esc(f.object.name)}${f.file ? ` (${esc(f.file)})` : ''}</li>`).join('');
  return `<section id="baseline"><h2>Compared with the baseline</h2><p class="lead verdict ${b.verdict}">${esc(b.summary)}</p><p><small>Baseline: ${esc(b.file)}${b.scoreBefore !== undefined ? ` (score then ${b.scoreBefore}, now ${d.overall.score})` : ''}. Matched by rule, object and field path, so moved lines are not new.</small></p>
<table><thead><tr><th>Category</th><th>New (E W I)</th><th>Fixed (E W I)</th><th>Unchanged</th></tr></thead><tbody>${rows}</tbody></table>
${list ? `<details open><summary>New findings (${b.newFindings.length})</summary><ul class="findings">${list}</ul></details>` : ''}
${fixed ? `<details><summary>Fixed findings (${b.fixedFindings.length})</summary><ul class="findings">${fixed}</ul></details>` : ''}</section>`;
}

export function rulesSection(d: ReportData): string {
  const items = Object.values(d.rules).map((r) => `<div class="rule" id="${ruleAnchor(r.id)}"><h3><code>${esc(r.id)}</code> ${esc(r.title)}</h3>
<p><small>${esc(r.category)} · ${r.goals.map(esc).join(', ')} · default ${r.severity}${r.layer ? ` · layer ${esc(r.layer)}` : ''}${r.pss ? ` · PSS ${esc(r.pss)}` : ''}</small></p><p>${md(r.summary)}</p><p><b>Recipe:</b> ${md(r.recipe)}</p></div>`).join('\n');
  return items ? `<section id="rules"><h2>Rule pages</h2><p>What each rule found in this report checks, and its recipe (the full pages are the rules' README files, listed by <code>kubehex rules --format markdown</code>).</p>${items}</section>` : '';
}

export function scoringSection(d: ReportData): string {
  return `<section id="scoring"><h2>How the scores are computed</h2><ul>${d.scoring.formula.map((l) => `<li>${esc(l)}</li>`).join('')}</ul></section>`;
}

/** Inline `code` only: rule texts use backticks and nothing else. */
export function md(s: string): string {
  return esc(s).replace(/`([^`]+)`/g, '<code>$1</code>');
}
