// The Markdown report, for a pull-request comment: GitHub-flavoured, under MARKDOWN_LIMIT characters (a
// comment holds 65,536); tables are shortened until it fits.
import { CATEGORIES, GOALS } from '../taxonomy';
import type { Counts, GroupRow, ReportData } from './types';

export const MARKDOWN_LIMIT = 65000;

interface Limits { recipes: number; workloads: number; files: number; findings: number; groups: number }

const START: Limits = { recipes: 15, workloads: 25, files: 25, findings: 30, groups: 15 };

/** Escapes what would break a table cell or start markup. */
function cell(s: string | number): string {
  return String(s).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ').replace(/</g, '&lt;');
}

function n(k: number, one: string, many = `${one}s`): string { return `${k} ${k === 1 ? one : many}`; }

function c3(c: Counts): string { return `${c.error} / ${c.warning} / ${c.info}`; }

function more(total: number, shown: number, what: string): string {
  return total > shown ? `\n_…and ${total - shown} more ${what} (see the HTML or JSON report)._\n` : '';
}

export function renderMarkdown(d: ReportData, limit = MARKDOWN_LIMIT): string {
  let lim = { ...START };
  for (let i = 0; i < 12; i++) {
    const out = render(d, lim);
    if (out.length <= limit) return out;
    lim = { recipes: Math.floor(lim.recipes / 2), workloads: Math.floor(lim.workloads / 2), files: Math.floor(lim.files / 2), findings: Math.floor(lim.findings / 2), groups: Math.floor(lim.groups / 2) };
  }
  const out = render(d, lim);
  const note = '\n\n_(truncated to fit a comment)_\n';
  return out.length <= limit ? out : out.slice(0, limit - note.length) + note;
}

function render(d: ReportData, lim: Limits): string {
  const t = d.totals;
  let s = `## kubehex posture: ${d.overall.score}/100 (grade ${d.overall.grade})\n\n`;
  s += `${n(t.files, 'file')} · ${n(t.objects, 'object')} · ${n(t.workloads, 'workload')} · **${n(t.counts.error, 'error')}**, ${n(t.counts.warning, 'warning')}, ${t.counts.info} info · ${n(t.quickFixes, 'quick fix', 'quick fixes')} · profile \`${cell(d.profile)}\`${t.fileErrors ? ` · ${n(t.fileErrors, 'file')} could not be linted` : ''}\n\n`;
  if (d.baseline) s += baseline(d, lim);
  s += '| 6C category | score | errors / warnings / info |\n|---|---:|---|\n';
  for (const c of CATEGORIES) s += `| ${c} | ${d.categories[c].score} | ${c3(d.categories[c].counts)} |\n`;
  s += '\n| hexad goal | score | errors / warnings / info |\n|---|---:|---|\n';
  for (const g of GOALS) s += `| ${g} | ${d.goals[g].score} | ${c3(d.goals[g].counts)} |\n`;
  s += `\n<details><summary>6C × hexad heat map</summary>\n\n| | ${GOALS.join(' | ')} |\n|---|${GOALS.map(() => '---:').join('|')}|\n`;
  for (const c of CATEGORIES) s += `| **${c}** | ${GOALS.map((g) => { const x = d.heatmap[c][g]; return x.score === null ? '·' : `${x.score}`; }).join(' | ')} |\n`;
  s += '\n· = no active rule checks the pair.\n</details>\n\n';
  s += recipes(d, lim);
  s += workloads(d, lim);
  s += groups('Files', d.files, lim.files, 'files');
  if (d.rendered.length) s += groups('Rendered sources', d.rendered, lim.groups, 'sources');
  if (d.layers.length) s += groups('Layers', d.layers, lim.groups, 'layers');
  if (d.phases.length) s += groups('Lifecycle phases', d.phases, lim.groups, 'phases');
  s += `<details><summary>How the scores are computed</summary>\n\n${d.scoring.formula.map((l) => `- ${l}`).join('\n')}\n</details>\n`;
  s += `\n<sub>${cell(d.tool)} · ${cell(d.generatedAt)}</sub>\n`;
  return s;
}

function recipes(d: ReportData, lim: Limits): string {
  const t = d.topFix;
  let s = '### Top recipes\n\n';
  s += t.totalErrors ? `**Fix these ${t.recipes} to clear ${t.percent}% of errors** (${t.errors} of ${t.totalErrors}).\n\n` : 'No errors.\n\n';
  if (!d.recipes.length) return s + 'Nothing to fix.\n\n';
  s += '| # | recipe | rule | severity | objects | findings | quick fixes | % of errors |\n|---:|---|---|---|---:|---:|---:|---:|\n';
  for (const r of d.recipes.slice(0, lim.recipes)) {
    const text = r.recipe.length > 160 ? `${r.recipe.slice(0, 157)}…` : r.recipe;
    s += `| ${r.rank} | ${cell(text)} | \`${cell(r.rules.join('`, `'))}\` | ${r.severity} | ${r.objects} | ${r.findings} | ${r.quickFixes} | ${r.errorShare} |\n`;
  }
  return s + more(d.recipes.length, lim.recipes, 'recipes') + '\n';
}

function workloads(d: ReportData, lim: Limits): string {
  let s = `### Workloads\n\nHighest Pod Security Standard met: **${d.pss.restricted} restricted**, ${d.pss.baseline} baseline, ${d.pss.privileged} privileged.\n\n`;
  if (!d.workloads.length) return s;
  s += '| workload | file | errors / warnings / info | PSS met | worst finding |\n|---|---|---|---|---|\n';
  for (const w of d.workloads.slice(0, lim.workloads)) {
    const worst = w.worst ? `\`${cell(w.worst.ruleId)}\`` : '—';
    s += `| ${cell(`${w.kind} ${w.namespace ? `${w.namespace}/` : ''}${w.name}`)} | ${cell(w.file)} | ${c3(w.counts)} | ${w.pss} | ${worst} |\n`;
  }
  return s + more(d.workloads.length, lim.workloads, 'workloads') + '\n';
}

function groups(title: string, rows: ReadonlyArray<GroupRow>, max: number, what: string): string {
  let s = `<details><summary>${title} (${rows.length})</summary>\n\n| ${title.toLowerCase()} | score | objects | errors / warnings / info |\n|---|---:|---:|---|\n`;
  for (const r of rows.slice(0, max)) s += `| ${cell(r.name)} | ${r.score} | ${r.objects} | ${c3(r.counts)} |\n`;
  return s + more(rows.length, max, what) + '</details>\n\n';
}

function baseline(d: ReportData, lim: Limits): string {
  const b = d.baseline!;
  const icon = b.verdict === 'better' ? '✅' : b.verdict === 'worse' ? '❌' : '➖';
  let s = `${icon} **Since the baseline: ${cell(b.summary)}**${b.scoreBefore !== undefined ? ` (score ${b.scoreBefore} → ${d.overall.score})` : ''}\n\n`;
  s += '| category | new (E / W / I) | fixed (E / W / I) | unchanged |\n|---|---|---|---:|\n';
  for (const [c, x] of Object.entries(b.byCategory)) {
    if (x.new.error + x.new.warning + x.new.info + x.fixed.error + x.fixed.warning + x.fixed.info + x.unchanged === 0) continue;
    s += `| ${c} | ${c3(x.new)} | ${c3(x.fixed)} | ${x.unchanged} |\n`;
  }
  if (b.newFindings.length) {
    s += `\n<details open><summary>New findings (${b.newFindings.length})</summary>\n\n`;
    for (const f of b.newFindings.slice(0, lim.findings)) s += `- **${f.severity}** \`${cell(f.ruleId)}\` ${cell(f.file)}:${f.range.start.line + 1} — ${cell(f.message)}\n`;
    s += more(b.newFindings.length, lim.findings, 'new findings') + '</details>\n';
  }
  return s + '\n';
}
