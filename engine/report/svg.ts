// Inline SVG charts for the HTML report: no script, no external font or image; colours come from the page's
// CSS (light, dark, or the VS Code theme) except the score scale, which reads on both.
import { CATEGORIES, GOALS } from '../taxonomy';
import type { PssLevel, ReportData } from './types';

export function esc(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Red (0) through amber to green (100); readable with white text in light and dark themes. */
export function scoreColor(score: number): string {
  const hue = Math.round(Math.max(0, Math.min(100, score)) * 1.2);
  return `hsl(${hue}, 62%, 38%)`;
}

export interface Bar { label: string; score: number; note: string }

/** Horizontal bars, one per label, 0–100. */
export function barChart(title: string, bars: ReadonlyArray<Bar>): string {
  const rowH = 30, labelW = 120, barW = 320, w = labelW + barW + 150;
  const h = bars.length * rowH + 8;
  const rows = bars.map((b, i) => {
    const y = 4 + i * rowH;
    const fill = Math.round((barW * b.score) / 100);
    return `<g><title>${esc(`${b.label}: ${b.score}/100 — ${b.note}`)}</title>`
      + `<text class="lbl" x="${labelW - 8}" y="${y + 18}" text-anchor="end">${esc(b.label)}</text>`
      + `<rect class="track" x="${labelW}" y="${y + 4}" width="${barW}" height="20" rx="3"/>`
      + `<rect x="${labelW}" y="${y + 4}" width="${fill}" height="20" rx="3" fill="${scoreColor(b.score)}"/>`
      + `<text class="val" x="${labelW + barW + 8}" y="${y + 18}">${b.score} · ${esc(b.note)}</text></g>`;
  }).join('');
  return `<svg class="chart" role="img" aria-label="${esc(title)}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">${rows}</svg>`;
}

/** The 6C × hexad grid: score per cell, finding count below, "not checked" cells hatched grey. */
export function heatmapSvg(data: ReportData): string {
  const cellW = 104, cellH = 44, left = 104, top = 30;
  const w = left + GOALS.length * cellW + 4, h = top + CATEGORIES.length * cellH + 4;
  let out = '';
  GOALS.forEach((g, j) => { out += `<text class="lbl" x="${left + j * cellW + cellW / 2}" y="${top - 10}" text-anchor="middle">${esc(g)}</text>`; });
  CATEGORIES.forEach((c, i) => {
    const y = top + i * cellH;
    out += `<text class="lbl" x="${left - 8}" y="${y + cellH / 2 + 5}" text-anchor="end">${esc(c)}</text>`;
    GOALS.forEach((g, j) => {
      const x = left + j * cellW;
      const cell = data.heatmap[c][g];
      if (cell.score === null) {
        out += `<g><title>${esc(`${c} × ${g}: no active rule checks this pair`)}</title><rect class="nc" x="${x + 2}" y="${y + 2}" width="${cellW - 4}" height="${cellH - 4}" rx="3"/>`
          + `<text class="ncl" x="${x + cellW / 2}" y="${y + cellH / 2 + 4}" text-anchor="middle">not checked</text></g>`;
        return;
      }
      out += `<g><title>${esc(`${c} × ${g}: score ${cell.score}, ${cell.findings} finding(s)`)}</title>`
        + `<rect x="${x + 2}" y="${y + 2}" width="${cellW - 4}" height="${cellH - 4}" rx="3" fill="${scoreColor(cell.score)}"/>`
        + `<text class="cell" x="${x + cellW / 2}" y="${y + 20}" text-anchor="middle">${cell.score}</text>`
        + `<text class="cellsub" x="${x + cellW / 2}" y="${y + 35}" text-anchor="middle">${cell.findings} finding${cell.findings === 1 ? '' : 's'}</text></g>`;
    });
  });
  return `<svg class="chart" role="img" aria-label="6C category by hexad goal heat map" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">${out}</svg>`;
}

/** The overall score as a ring. */
export function gauge(score: number, grade: string): string {
  const r = 52, c = 2 * Math.PI * r;
  const len = (c * Math.max(0, Math.min(100, score))) / 100;
  return `<svg class="gauge" role="img" aria-label="Overall score ${score} of 100, grade ${esc(grade)}" viewBox="0 0 140 140" width="140" height="140">`
    + `<circle class="track-ring" cx="70" cy="70" r="${r}" fill="none" stroke-width="14"/>`
    + `<circle cx="70" cy="70" r="${r}" fill="none" stroke="${scoreColor(score)}" stroke-width="14" stroke-dasharray="${len.toFixed(1)} ${c.toFixed(1)}" transform="rotate(-90 70 70)"/>`
    + `<text class="big" x="70" y="76" text-anchor="middle">${score}</text><text class="lbl" x="70" y="98" text-anchor="middle">grade ${esc(grade)}</text></svg>`;
}

const PSS_COLORS: Record<PssLevel, string> = { privileged: 'hsl(0, 62%, 40%)', baseline: 'hsl(40, 70%, 38%)', restricted: 'hsl(120, 50%, 32%)' };

/** Workloads by highest Pod Security Standard met, as one stacked bar. */
export function pssBar(pss: Record<PssLevel, number>): string {
  const total = pss.privileged + pss.baseline + pss.restricted;
  const w = 560, h = 48;
  if (!total) return '';
  let x = 0, out = '';
  for (const level of ['restricted', 'baseline', 'privileged'] as const) {
    const width = (w * pss[level]) / total;
    if (!pss[level]) continue;
    out += `<g><title>${esc(`${level}: ${pss[level]} workload(s)`)}</title><rect x="${x.toFixed(1)}" y="4" width="${width.toFixed(1)}" height="24" fill="${PSS_COLORS[level]}"/>`
      + (width > 70 ? `<text class="cell" x="${(x + width / 2).toFixed(1)}" y="21" text-anchor="middle">${level} ${pss[level]}</text>` : '') + '</g>';
    x += width;
  }
  return `<svg class="chart" role="img" aria-label="Workloads by Pod Security Standard met: ${pss.restricted} restricted, ${pss.baseline} baseline, ${pss.privileged} privileged" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">${out}</svg>`;
}
