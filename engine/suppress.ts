import type { Comment } from './parse';
import type { LineIndex } from './text';

/** A parsed `# kubehex-disable…` directive. */
export interface Directive {
  kind: 'next-line' | 'line' | 'rest';
  rules: Set<string> | 'all';
  /** The line the directive covers (next-line, line) or starts covering (rest). */
  line: number;
  reason?: string;
}

const DIRECTIVE_RE = /^#\s*kubehex-(disable-next-line|disable-line|disable)(?:\s+([^]*?))?\s*$/;

export function parseDirectives(comments: ReadonlyArray<Comment>, lines: LineIndex, text: string): Directive[] {
  const out: Directive[] = [];
  for (const c of comments) {
    const m = DIRECTIVE_RE.exec(c.text);
    if (!m) continue;
    const [body, reason] = splitReason(m[2] ?? '');
    const ids = body.split(/[\s,]+/).filter(Boolean);
    const rules = ids.length ? new Set(ids) : 'all';
    const line = lines.position(c.offset).line;
    if (m[1] === 'disable-next-line') out.push({ kind: 'next-line', rules, line: nextContentLine(text, lines, line), reason });
    else if (m[1] === 'disable-line') out.push({ kind: 'line', rules, line, reason });
    else out.push({ kind: 'rest', rules, line, reason });
  }
  return out;
}

function splitReason(s: string): [string, string | undefined] {
  const i = s.indexOf('--');
  return i === -1 ? [s, undefined] : [s.slice(0, i), s.slice(i + 2).trim() || undefined];
}

/** The next line that is neither blank nor only a comment. */
function nextContentLine(text: string, lines: LineIndex, line: number): number {
  for (let l = line + 1; l < lines.lineCount; l++) {
    const s = lines.lineStart(l);
    const e = l + 1 < lines.lineCount ? lines.lineStart(l + 1) : text.length;
    const t = text.slice(s, e).trim();
    if (t && !t.startsWith('#')) return l;
  }
  return line + 1;
}

export function isSuppressed(directives: ReadonlyArray<Directive>, ruleId: string, line: number): Directive | undefined {
  for (const d of directives) {
    if (d.rules !== 'all' && !d.rules.has(ruleId)) continue;
    if (d.kind === 'rest' ? line >= d.line : line === d.line) return d;
  }
  return undefined;
}

/** `kubehex.io/ignore: "rule-a, rule-b"` (or `all`) on the object's metadata. */
export function annotationSuppresses(annotations: unknown, ruleId: string): boolean {
  if (!annotations || typeof annotations !== 'object') return false;
  const v = (annotations as Record<string, unknown>)['kubehex.io/ignore'];
  if (typeof v !== 'string') return false;
  const ids = v.split(/[\s,]+/).filter(Boolean);
  return ids.includes(ruleId) || ids.includes('all');
}
