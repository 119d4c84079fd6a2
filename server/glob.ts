/**
 * Glob and .gitignore matching for the workspace scan and config `ignore`, on `/`-separated paths
 * relative to a base folder. Supports `*`, `**`, `?`, `[...]`, `{a,b}`, leading `/` (anchored), trailing
 * `/` (directories only) and, for .gitignore, `!` negation. A pattern without a `/` in its body matches
 * a name at any depth, as git does.
 */
export interface GlobRule { re: RegExp; negate: boolean; dirOnly: boolean }

function escape(c: string): string { return /[.+^$()|\\]/.test(c) ? '\\' + c : c; }

function body(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*') {
      if (p[i + 1] === '*') {
        const slashAfter = p[i + 2] === '/';
        const atStart = i === 0 || p[i - 1] === '/';
        if (atStart && slashAfter) { out += '(?:.*/)?'; i += 2; continue; }
        if (atStart && i + 2 === p.length) { out += '.*'; i += 1; continue; }
        out += '[^/]*';
        i += 1;
        continue;
      }
      out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = p.indexOf(']', i + 2);
      if (close === -1) { out += '\\['; continue; }
      let cls = p.slice(i + 1, close).replace(/\\/g, '\\\\');
      if (cls.startsWith('!')) cls = '^' + cls.slice(1);
      out += `[${cls}]`;
      i = close;
    } else if (c === '{') {
      const close = p.indexOf('}', i);
      if (close === -1) { out += '\\{'; continue; }
      out += '(?:' + p.slice(i + 1, close).split(',').map(body).join('|') + ')';
      i = close;
    } else if (c === '\\' && i + 1 < p.length) {
      out += '\\' + p[++i];
    } else out += escape(c);
  }
  return out;
}

export function compileRule(pattern: string, gitignore = false): GlobRule | undefined {
  let p = pattern.trim();
  if (!p || (gitignore && p.startsWith('#'))) return undefined;
  let negate = false;
  if (gitignore && p.startsWith('!')) { negate = true; p = p.slice(1); }
  if (p.startsWith('./')) p = p.slice(2);
  let dirOnly = false;
  if (p.endsWith('/')) { dirOnly = true; p = p.replace(/\/+$/, ''); }
  const anchored = p.includes('/');
  if (p.startsWith('/')) p = p.slice(1);
  if (!p) return undefined;
  // a matched directory takes everything below it along
  const re = new RegExp(`^${anchored ? '' : '(?:.*/)?'}${body(p)}$`);
  return { re, negate, dirOnly };
}

/** Is `rel` (or one of its parent directories) matched? Last matching rule wins (negation re-includes). */
export function matchRules(rules: ReadonlyArray<GlobRule>, rel: string, isDir: boolean): boolean | undefined {
  let verdict: boolean | undefined;
  for (const r of rules) {
    if (r.dirOnly && !isDir) continue;
    if (r.re.test(rel)) verdict = !r.negate;
  }
  return verdict;
}

/** A predicate for plain globs (no negation): true when the path or a parent directory matches. */
export function compileGlobs(patterns: ReadonlyArray<string>): (rel: string, isDir: boolean) => boolean {
  const rules = patterns.map((p) => compileRule(p)).filter((r): r is GlobRule => !!r);
  return (rel, isDir) => {
    if (!rules.length) return false;
    const parts = rel.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const sub = parts.slice(0, i).join('/');
      const dir = i < parts.length || isDir;
      if (rules.some((r) => (!r.dirOnly || dir) && r.re.test(sub))) return true;
    }
    return false;
  };
}

export function parseGitignore(text: string): GlobRule[] {
  return text.split(/\r?\n/).map((l) => compileRule(l.replace(/(?<!\\)\s+$/, ''), true)).filter((r): r is GlobRule => !!r);
}
