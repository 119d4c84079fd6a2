import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CATEGORY_SLOGANS, type Finding, type Rule } from '../engine';
import { rules } from '../rules';
import { ruleDocUrl } from './convert';
import type { DocResult } from './doc-lint';
import { SECURITY_FIELDS } from './fields';

const byId = new Map(rules.map((r) => [r.meta.id, r] as const));

function contains(f: Finding, p: Position): boolean {
  const { start, end } = f.range;
  if (p.line < start.line || p.line > end.line) return false;
  if (p.line === start.line && p.character < start.character) return false;
  if (p.line === end.line && p.character > end.character) return false;
  return true;
}

/** Markdown for one rule: what it is about, the risk, 6C category, hexad goals, the recipe, a link. */
export function ruleMarkdown(rule: Rule, message?: string): string {
  const m = rule.meta;
  const lines = [`**${m.title}** \`${m.id}\``, ''];
  if (message) lines.push(message, '');
  lines.push(m.docs.summary, '');
  lines.push(`- 6C category: **${m.category}** (${CATEGORY_SLOGANS[m.category]})`);
  lines.push(`- Hexad goals at risk: ${m.goals.join(', ')}`);
  if (m.pss) lines.push(`- Pod Security Standard: ${m.pss}`);
  lines.push('', `**Fix:** ${m.docs.recipe}`);
  const href = m.docs.url ?? ruleDocUrl(m.id);
  if (href) lines.push('', `[Rule documentation](${href})`);
  return lines.join('\n');
}

/** The key under the cursor, when the cursor is on a `key:` of a block or flow mapping. */
function keyAt(doc: TextDocument, p: Position): { key: string; start: number; end: number } | undefined {
  const line = doc.getText({ start: { line: p.line, character: 0 }, end: { line: p.line + 1, character: 0 } });
  const re = /(?:^|[{,\s-])["']?([A-Za-z][A-Za-z0-9]*)["']?\s*:(?=\s|$)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const start = m.index + m[0].indexOf(m[1]);
    const end = start + m[1].length;
    if (p.character >= start && p.character <= end) return { key: m[1], start, end };
  }
  return undefined;
}

export function hover(doc: TextDocument, result: DocResult | undefined, p: Position): Hover | null {
  const here = result?.findings.filter((f) => contains(f, p)) ?? [];
  if (here.length) {
    const seen = new Set<string>();
    const parts: string[] = [];
    for (const f of here) {
      const rule = byId.get(f.ruleId);
      if (!rule || seen.has(f.ruleId + f.message)) continue;
      seen.add(f.ruleId + f.message);
      parts.push(ruleMarkdown(rule, f.message));
    }
    const first = here[0];
    return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range: first.range };
  }
  const k = keyAt(doc, p);
  const field = k && SECURITY_FIELDS[k.key];
  if (!k || !field) return null;
  const lines = [`**\`${k.key}\`** (Kubernetes security field)`, '', field.what, '', `**Risk:** ${field.risk}`];
  const related = field.rules.map((id) => byId.get(id)).filter((r): r is Rule => !!r);
  for (const r of related) {
    const href = r.meta.docs.url ?? ruleDocUrl(r.meta.id);
    lines.push('', `**Rule \`${r.meta.id}\`** — ${r.meta.title}`, `- 6C category: **${r.meta.category}** · Hexad goals: ${r.meta.goals.join(', ')}`, `- Fix: ${r.meta.docs.recipe}`, ...(href ? [`- [Documentation](${href})`] : []));
  }
  return {
    contents: { kind: MarkupKind.Markdown, value: lines.join('\n') },
    range: { start: { line: p.line, character: k.start }, end: { line: p.line, character: k.end } },
  };
}
